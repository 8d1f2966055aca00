"""An event's booths: the floor plan by zone, the grid generator, deleting them all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager, require_event_viewer
from tadamon.events.forms.events import BoothGridForm
from tadamon.events.selectors import events as selectors
from tadamon.events.services import booths as services


@login_required
@require_http_methods(["GET", "POST"])
def booth_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Everyone who sees the event sees its plan; managers also generate booths here."""
    if request.method == "POST":
        event = require_event_manager(request.user, pk)
    else:
        event = require_event_viewer(request.user, pk)
    can_manage = event_access.can_manage_event(request.user, event)
    form = BoothGridForm(request.POST if request.method == "POST" else None) if can_manage else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            created = services.generate_booth_grid(
                actor=request.user, event=event, **form.grid_arguments()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s booth was created.", "%(count)s booths were created.", len(created)
                )
                % {"count": len(created)},
            )
            return redirect("events:booth_list", pk=event.pk)
    zones = selectors.booths_by_zone(event)
    context = {
        "event": event,
        "form": form,
        "can_manage": can_manage,
        "zones": zones,
        "booth_count": sum(len(zone.booths) for zone in zones),
    }
    return render(request, "events/event_booths.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def booth_delete_all(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    cancel_url = reverse("events:booth_list", args=[event.pk])
    if request.method == "POST":
        count = services.delete_booths(actor=request.user, event=event)
        messages.success(
            request,
            ngettext("%(count)s booth was deleted.", "%(count)s booths were deleted.", count)
            % {"count": count},
        )
        return redirect(cancel_url)
    count = event.booths.count()
    context = {
        "event": event,
        "heading": _("Delete all booths"),
        "question": ngettext(
            "Delete the %(count)s booth of “%(event)s”? This cannot be undone.",
            "Delete all %(count)s booths of “%(event)s”? This cannot be undone.",
            count,
        )
        % {"count": count, "event": event},
        "cancel_url": cancel_url,
    }
    return render(request, "events/event_confirm_delete.html", context)
