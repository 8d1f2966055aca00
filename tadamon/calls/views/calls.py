"""The organizer's call pages: the call's settings and grid, the list of applications and
an application registered on behalf of an organization."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.calls.forms.applications import ApplicationFilterForm, ApplicationForm
from tadamon.calls.forms.calls import CallForm, CriterionFormSet, criterion_initial
from tadamon.calls.models import ApplicationStatus, Call
from tadamon.calls.selectors import applications as selectors
from tadamon.calls.services import applications as services
from tadamon.calls.services import calls as call_services
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.registry import access as registry_access

PAGE_SIZE = 50


def managed_call(user, event_pk: int) -> tuple[Event, Call]:
    """The managed event and its call; without a call, 404."""
    event = require_event_manager(user, event_pk)
    call = selectors.call_of(event)
    if call is None:
        raise Http404
    return event, call


def _save_call(request: HttpRequest, event: Event, call: Call | None, form, criteria) -> bool:
    """Both the settings and the grid, or neither; service errors go back to the forms."""
    try:
        with transaction.atomic():
            if call is None:
                call = call_services.open_call(
                    actor=request.user,
                    event=event,
                    fields=form.call_fields(),
                    **form.eligibility(),
                )
            else:
                call_services.update_call(
                    actor=request.user, call=call, fields=form.call_fields(), **form.eligibility()
                )
            call_services.set_criteria(actor=request.user, call=call, criteria=criteria.criteria())
    except ValidationError as error:
        # Errors on the grid ("criteria") name the row and show above the form.
        form.add_service_error(error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Open the event's call, or change its settings and scoring grid."""
    event = require_event_manager(request.user, event_pk)
    call = selectors.call_of(event)
    data = request.POST if request.method == "POST" else None
    form = CallForm(data, instance=call, default_capacity=call_services.default_capacity(event))
    criteria = CriterionFormSet(data, initial=criterion_initial(call), prefix="criteria")
    if (
        data is not None
        and form.is_valid()
        and criteria.is_valid()
        and _save_call(request, event, call, form, criteria)
    ):
        messages.success(request, _("The call for exhibitors was saved."))
        return redirect("calls:application_list", event_pk=event.pk)
    context = {"event": event, "call": call, "form": form, "criteria": criteria}
    return render(request, "calls/call_form.html", context)


@login_required
@require_GET
def application_list(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Every application of the call with counts by status, for the event's managers."""
    event = require_event_manager(request.user, event_pk)
    call = selectors.call_of(event)
    if call is None:
        messages.info(request, _("Open the call for exhibitors first."))
        return redirect("calls:call_edit", event_pk=event.pk)
    filters = ApplicationFilterForm(request.GET, call=call)
    applications = selectors.application_list(
        user=request.user, call=call, **filters.criteria()
    ).prefetch_related("wave_preferences")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.status_counts(user=request.user, call=call)
    women, total = selectors.women_led_share(applications)
    context = {
        "event": event,
        "call": call,
        "filters": filters,
        "page": page,
        "counts": [(status, label, counts[status]) for status, label in ApplicationStatus.choices],
        "women_led": women,
        "total": total,
        "is_open": services.is_open(call),
    }
    return render(request, "calls/application_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_create_for(request: HttpRequest, event_pk: int) -> HttpResponse:
    """An organizer registers an application for an organization (applied on paper)."""
    event, call = managed_call(request.user, event_pk)
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        call=call,
        organizations=registry_access.organizations_for(request.user).exclude(
            pk__in=call.applications.values("organization")
        ),
    )
    if form.is_bound and form.is_valid():
        try:
            application = services.apply(
                actor=request.user,
                call=call,
                organization=form.cleaned_data["organization"],
                fields=form.answers(),
                wave_preferences=form.waves() or [],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("The application of %(name)s was submitted.")
                % {"name": application.organization},
            )
            return redirect("calls:application_detail", pk=application.pk)
    return render(
        request,
        "calls/application_form.html",
        {"event": event, "call": call, "form": form, "on_behalf": True},
    )
