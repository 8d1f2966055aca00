"""Selection pages of an event's managers: the quotas and the proposals computed under them,
one proposal with its adjustments by hand, and its publication (after a confirmation page).
Others get 403 when they see the event, 404 when they do not."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.calls.forms.selection import AdjustForm, PublishForm, QuotaForm
from tadamon.calls.models import Call, SelectionRun
from tadamon.calls.selectors import selection as selectors
from tadamon.calls.services import selection as services
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event


def _call_of(event: Event) -> Call:
    call = Call.objects.filter(event=event).first()
    if call is None:
        raise Http404(_("This event has no call for exhibitors."))
    return call


def _run_of(call: Call, run_pk: int) -> SelectionRun:
    try:
        return selectors.runs_of(call).get(pk=run_pk)
    except SelectionRun.DoesNotExist:
        raise Http404 from None


def _initial_quotas(call: Call) -> dict:
    latest = selectors.runs_of(call).first()
    return QuotaForm.initial_from(latest.quotas if latest else call.quotas or {})


@login_required
@require_http_methods(["GET", "POST"])
def selection_home(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The quota form (run a selection) and the proposals computed so far."""
    event = require_event_manager(request.user, event_pk)
    call = _call_of(event)
    has_waves = event.waves.exists()
    if request.method == "POST":
        form = QuotaForm(request.POST, has_waves=has_waves)
    else:
        form = QuotaForm(initial=_initial_quotas(call), has_waves=has_waves)
    if form.is_bound and form.is_valid():
        try:
            run = services.run_selection(call=call, quotas=form.quotas(), actor=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("calls:selection_run", event_pk=event.pk, run_pk=run.pk)
    context = {
        "event": event,
        "call": call,
        "form": form,
        "runs": selectors.runs_of(call),
        "pending": services.pending_applications(call).count(),
    }
    return render(request, "calls/selection_home.html", context)


@login_required
@require_GET
def selection_run(request: HttpRequest, event_pk: int, run_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    run = _run_of(_call_of(event), run_pk)
    context = {
        "event": event,
        "run": run,
        "report": selectors.describe(run),
        # A run shown with relaxed quotas is not the organizer's: compute it again to publish.
        "editable": run.status == SelectionRun.Status.PROPOSED
        and run.result.get("status") in services.SOLVED,
    }
    return render(request, "calls/selection_run.html", context)


@login_required
@require_POST
def selection_adjust(request: HttpRequest, event_pk: int, run_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    run = _run_of(_call_of(event), run_pk)
    form = AdjustForm(request.POST, run=run)
    if not form.is_valid():
        messages.error(request, _("Tick applications of this selection only."))
        return redirect("calls:selection_run", event_pk=event.pk, run_pk=run.pk)
    try:
        checks = services.adjust(
            run=run,
            actor=request.user,
            include=form.cleaned_data["include"],
            exclude=form.cleaned_data["exclude"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        broken = [check.label for check in checks if not check.met]
        if broken:
            messages.warning(
                request,
                _("The adjusted selection breaks these quotas: %(quotas)s.")
                % {"quotas": "; ".join(broken)},
            )
        else:
            messages.success(request, _("The selection was adjusted; every quota still holds."))
    return redirect("calls:selection_run", event_pk=event.pk, run_pk=run.pk)


@login_required
@require_http_methods(["GET", "POST"])
def selection_publish(request: HttpRequest, event_pk: int, run_pk: int) -> HttpResponse:
    """A confirmation page; publishing decides every application and e-mails them."""
    event = require_event_manager(request.user, event_pk)
    run = _run_of(_call_of(event), run_pk)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.publish(
                run=run,
                actor=request.user,
                confirm_broken_quotas=form.cleaned_data["confirm_broken_quotas"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("The selection was published; the applicants are being told.")
            )
            return redirect("calls:dashboard", event_pk=event.pk)
    context = {"event": event, "run": run, "report": selectors.describe(run), "form": form}
    return render(request, "calls/selection_publish.html", context)
