"""Event pages: the list, the detail, the form and publication.

Any signed-in user sees the events scoping lets them see (published ones, and those they
manage or take part in); only the event's managers get the buttons and the forms.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.core.params import parse_id
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager, require_event_viewer
from tadamon.events.forms.events import EventFilterForm, EventForm
from tadamon.events.models import Event, Participation
from tadamon.events.selectors import events as selectors
from tadamon.events.services import events as services

PAGE_SIZE = 25
PARTICIPATIONS_PAGE_SIZE = 50


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filters = EventFilterForm(request.GET, years=selectors.event_years(user=request.user))
    events = selectors.event_list(user=request.user, **filters.criteria())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_create": event_access.can_create_event(request.user),
    }
    template = "events/includes/event_results.html" if request.htmx else "events/event_list.html"
    response = render(request, template, context)
    # The same address answers a whole page or, to htmx, the results only.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _participations_context(request: HttpRequest, event: Event) -> dict:
    """The participations table of the detail page: filtered by status and wave, paged."""
    status = request.GET.get("status", "")
    if status not in Participation.Status.values:
        status = ""
    wave_id = parse_id(request.GET.get("wave"))
    visible = selectors.participation_list(user=request.user, event=event)
    shown = selectors.participation_list(
        user=request.user, event=event, status=status, wave=wave_id
    )
    counts = selectors.participation_counts(visible)
    return {
        "participations": Paginator(shown, PARTICIPATIONS_PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "participation_total": counts["total"],
        "status_counts": [
            (value, label, counts["by_status"][value])
            for value, label in Participation.Status.choices
        ],
        "chosen_status": status,
        "chosen_wave": wave_id,
    }


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, pk)
    can_manage = event_access.can_manage_event(request.user, event)
    zones = selectors.booths_by_zone(event)
    context = {
        "event": event,
        "can_manage": can_manage,
        "can_read_report": event_access.can_read_report(request.user, event),
        "partners": selectors.partners_of(event),
        "waves": selectors.waves_with_counts(event),
        "zones": zones,
        "booth_count": sum(len(zone.booths) for zone in zones),
        "accessible_count": sum(zone.accessible for zone in zones),
        **_participations_context(request, event),
    }
    return render(request, "events/event_detail.html", context)


def _render_form(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not event_access.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_bound and form.is_valid():
        try:
            event = services.create_event(
                actor=request.user, fields=form.event_fields(), series_name=form.series_name()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The event “%(title)s” was created.") % {"title": event})
            return redirect("events:event_detail", pk=event.pk)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    form = EventForm(
        request.POST if request.method == "POST" else None, user=request.user, instance=event
    )
    if form.is_bound and form.is_valid():
        try:
            services.update_event(
                actor=request.user,
                event=event,
                fields=form.event_fields(),
                series_name=form.series_name(),
            )
        except ValidationError as error:
            form.add_service_error(error)
            event.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("events:event_detail", pk=event.pk)
    return _render_form(request, form, event)


@login_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    published = request.POST.get("published") == "1"
    services.set_published(actor=request.user, event=event, published=published)
    if published:
        messages.success(request, _("The event is published."))
    else:
        messages.success(request, _("The event is no longer published."))
    return redirect("events:event_detail", pk=event.pk)
