"""The organizer's B2B pages: settings, sessions, buyers, the schedule with its objective and
bound, collective meetings, the table plan of a slot and manual moves.

Managers only: 403 when the event is visible but not managed, 404 otherwise.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tadamon.b2b.forms import BuyerForm, CollectiveForm, MoveForm, SessionForm, SetupForm
from tadamon.b2b.models import B2BSession, BuyerApplication, Meeting, Outcome, Participant, Slot
from tadamon.b2b.selectors import agenda as selectors
from tadamon.b2b.selectors import figures
from tadamon.b2b.services import collective, participants, scheduling, setup
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event


def _home(event: Event, anchor: str = "") -> HttpResponse:
    return redirect(reverse("b2b:home", args=[event.pk]) + (f"#{anchor}" if anchor else ""))


def _page(request: HttpRequest, event: Event, **forms) -> HttpResponse:
    config = setup.setup_of(event)
    slots = selectors.slots_of(event)
    people = selectors.participants_of(event)
    context = {
        "event": event,
        "setup": config,
        "kpis": (kpis := figures.kpis(event)),
        "outcome_rows": [
            (Outcome.Kind(kind).label, count) for kind, count in kpis["outcomes"].items()
        ],
        "sessions": event.b2b_sessions.prefetch_related("slots"),
        "slots": slots,
        "participants": people,
        "run": selectors.latest_run(event),
        "waiting": selectors.accepted_without_meeting(event).count(),
        "applications": event.buyer_applications.filter(
            status=BuyerApplication.Status.PENDING
        ).prefetch_related("sectors"),
        "collectives": selectors.collective_meetings(event),
        "setup_form": forms.get("setup_form")
        or SetupForm(
            initial={
                "tables": config.tables,
                "requests_close_at": config.requests_close_at
                and timezone.localtime(config.requests_close_at),
            }
        ),
        "session_form": forms.get("session_form")
        or SessionForm(initial={"date": event.start_date, "slot_minutes": 20}),
        "buyer_form": forms.get("buyer_form") or BuyerForm(initial={"language": "ar"}),
        "collective_form": forms.get("collective_form")
        or CollectiveForm(participants=people, slots=slots),
    }
    return render(request, "b2b/home.html", context)


@login_required
@require_GET
def home(request: HttpRequest, event_pk: int) -> HttpResponse:
    return _page(request, require_event_manager(request.user, event_pk))


@login_required
@require_POST
def save_setup(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    form = SetupForm(request.POST)
    if form.is_valid():
        try:
            setup.configure(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The B2B settings were saved."))
            return _home(event)
    return _page(request, event, setup_form=form)


@login_required
@require_POST
def add_session(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            session = setup.add_session(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Session “%(label)s” added with %(count)s slots.")
                % {"label": session.label, "count": session.slots.count()},
            )
            return _home(event, "sessions")
    return _page(request, event, session_form=form)


@login_required
@require_POST
def delete_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(B2BSession, pk=pk)
    event = require_event_manager(request.user, session.event_id)
    try:
        setup.delete_session(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session was deleted."))
    return _home(event, "sessions")


@login_required
@require_POST
def add_buyer(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    form = BuyerForm(request.POST)
    if form.is_valid():
        try:
            participant, created = participants.join(
                event=event,
                organization=form.cleaned_data["organization"],
                side=Participant.Side.BUYER,
                actor=request.user,
                sectors=form.cleaned_data["sectors"],
                **form.profile(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            text = _("%(name)s takes part as a buyer.") if created else _("%(name)s was updated.")
            messages.success(request, text % {"name": participant})
            return _home(event, "participants")
    return _page(request, event, buyer_form=form)


@login_required
@require_POST
def run_schedule(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    try:
        scheduling.start_run(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("The schedule is being computed."))
    return _home(event, "schedule")


@login_required
@require_POST
def add_collective(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    form = CollectiveForm(
        request.POST, participants=selectors.participants_of(event), slots=selectors.slots_of(event)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            collective.create_collective(
                host=data["host"],
                slot=data["slot"],
                actor=request.user,
                title=data["title"],
                capacity=data["capacity"],
                room=data["room"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The collective meeting was created."))
            return _home(event, "collective")
    return _page(request, event, collective_form=form)


@login_required
@require_GET
def table_plan(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(Slot.objects.select_related("session"), pk=pk)
    event = require_event_manager(request.user, slot.session.event_id)
    slots = list(selectors.slots_of(event))
    position = next(index for index, item in enumerate(slots) if item.pk == slot.pk)
    context = {
        "event": event,
        "slot": slot,
        "meetings": selectors.table_plan(slot),
        "previous": slots[position - 1] if position else None,
        "next": slots[position + 1] if position + 1 < len(slots) else None,
        "move_form": MoveForm(slots=selectors.slots_of(event), initial={"slot": slot}),
    }
    return render(request, "b2b/table_plan.html", context)


@login_required
@require_POST
def move_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("slot"), pk=pk)
    event = require_event_manager(request.user, meeting.event_id)
    form = MoveForm(request.POST, slots=selectors.slots_of(event))
    if form.is_valid():
        try:
            scheduling.move_meeting(
                meeting=meeting,
                slot=form.cleaned_data["slot"],
                table=form.cleaned_data["table"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting was moved; both sides are told."))
    else:
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
    return redirect("b2b:table_plan", pk=meeting.slot_id)
