"""An event's partners: add one with its role, remove one (with a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tadamon.events.access import require_event_manager
from tadamon.events.forms.events import PartnerForm
from tadamon.events.models import Event, EventPartner
from tadamon.events.services import events as services
from tadamon.events.views.participations import search_query
from tadamon.registry.selectors import organization_list


def partners_of(event: Event) -> str:
    return reverse("events:event_detail", args=[event.pk]) + "#partners"


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    query = search_query(request)
    form = PartnerForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        query=query,
        queryset=organization_list(user=request.user, q=query),
    )
    if form.is_bound and form.is_valid():
        try:
            partner = services.add_partner(
                actor=request.user,
                event=event,
                organization=form.cleaned_data["organization"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(partner)s was added.") % {"partner": partner})
            return redirect(partners_of(event))
    return render(request, "events/event_partner_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def partner_delete(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    try:
        partner = event.partners.select_related("organization").get(pk=partner_pk)
    except EventPartner.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        services.remove_partner(actor=request.user, partner=partner)
        messages.success(request, _("%(partner)s was removed.") % {"partner": partner})
        return redirect(partners_of(event))
    context = {
        "event": event,
        "heading": _("Remove a partner"),
        "question": _("Remove %(partner)s from the partners of “%(event)s”?")
        % {"partner": partner, "event": event},
        "cancel_url": partners_of(event),
    }
    return render(request, "events/event_confirm_delete.html", context)
