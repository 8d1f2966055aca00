"""Placing the accepted requests in slots and at tables with ``tadamon.optimize.schedule``.

A run takes the accepted requests that have no meeting in a slot already started, the
slots not started yet (from ``not_before``, now by default), each participant's available
slots (minus those where it sits in a collective meeting) and the tables of the room. Each
request weighs both sides' priorities (2 to 6), so that meetings both sides want most come
first. The run keeps what the optimizer achieved (objective) and the proven bound of the
best possible, so the organizer sees how far from optimal the schedule can be.

Storing a run replaces the bilateral meetings not started yet (their seats too); meetings in
started slots, and collective meetings, are never touched. Moving a meeting by hand is
checked against the same rules as the optimizer's.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tadamon.b2b import notifications
from tadamon.b2b.models import (
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleResult,
    ScheduleRun,
    Seat,
    Slot,
)
from tadamon.b2b.services.setup import setup_of
from tadamon.core import audit, runs
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.optimize import schedule as optimizer
from tadamon.optimize.errors import InstanceError

logger = logging.getLogger("tadamon.b2b")
Kind = Meeting.Kind


def open_slots(event: Event, not_before: datetime.datetime) -> QuerySet:
    return Slot.objects.filter(session__event=event, starts_at__gte=not_before).order_by(
        "starts_at", "pk"
    )


def _kept_request_ids(event: Event, not_before: datetime.datetime) -> set[int]:
    kept = Meeting.objects.filter(
        event=event, kind=Kind.BILATERAL, slot__starts_at__lt=not_before
    ).exclude(status=Meeting.Status.CANCELLED)
    return set(kept.values_list("request_id", flat=True))


def build_instance(event: Event, *, not_before: datetime.datetime) -> dict[str, Any]:
    """The optimizer's input (SPEC 6) for the event, ids being database ids."""
    slots = list(open_slots(event, not_before).values_list("pk", flat=True))
    kept = _kept_request_ids(event, not_before)
    requests = [
        request
        for request in MeetingRequest.objects.filter(
            event=event, status=MeetingRequest.Status.ACCEPTED
        ).order_by("pk")
        if request.pk not in kept
    ]
    people = {pid for request in requests for pid in (request.requester_id, request.recipient_id)}
    unavailable: dict[int, set[int]] = {pid: set() for pid in people}
    for pid, slot in Participant.unavailable_slots.through.objects.filter(
        participant_id__in=people
    ).values_list("participant_id", "slot_id"):
        unavailable[pid].add(slot)
    for pid, slot in (
        Seat.objects.filter(participant_id__in=people, meeting__kind=Kind.COLLECTIVE)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .values_list("participant_id", "slot_id")
    ):
        unavailable[pid].add(slot)
    return {
        "slots": slots,
        "tables": setup_of(event).tables,
        "participants": [
            {"id": pid, "available": [slot for slot in slots if slot not in unavailable[pid]]}
            for pid in sorted(people)
        ],
        "requests": [
            {"a": r.requester_id, "b": r.recipient_id, "weight": r.weight, "id": r.pk}
            for r in requests
        ],
    }


def solve(instance: dict[str, Any], *, time_limit_s: float | None = None) -> dict[str, Any]:
    """Run the optimizer on `instance` (request ids are ours, not the optimizer's)."""
    plain = {
        **instance,
        "requests": [
            {key: value for key, value in request.items() if key != "id"}
            for request in instance["requests"]
        ],
    }
    if not plain["slots"] or not plain["requests"]:
        return {
            "meetings": [],
            "unscheduled": list(range(len(plain["requests"]))),
            "status": "OPTIMAL",
            "objective": 0,
            "bound": 0,
            "gap": 0,
        }
    limit = time_limit_s or settings.TADAMON_B2B_TIME_LIMIT_S
    return optimizer.schedule(plain, time_limit_s=limit)


def cancel_meetings(meetings: QuerySet) -> int:
    """Cancel meetings and free their seats (a cancelled meeting holds nobody's slot)."""
    ids = list(meetings.values_list("pk", flat=True))
    Seat.objects.filter(meeting_id__in=ids).delete()
    return Meeting.objects.filter(pk__in=ids).update(status=Meeting.Status.CANCELLED)


@transaction.atomic
def store(
    *,
    event: Event,
    instance: dict[str, Any],
    output: dict[str, Any],
    not_before: datetime.datetime,
    notify: bool = True,
    actor: Any = None,
) -> list[Meeting]:
    """Replace the bilateral meetings not started yet with the computed ones; `actor` is who
    asked for the schedule."""
    replaced = Meeting.objects.filter(
        event=event, kind=Kind.BILATERAL, slot__starts_at__gte=not_before
    )
    before = {
        (m.request_id, m.slot_id, m.table)
        for m in replaced.exclude(status=Meeting.Status.CANCELLED)
    }
    Seat.objects.filter(meeting__in=replaced).delete()
    replaced.delete()
    requests = {
        index: MeetingRequest.objects.select_related("requester", "recipient").get(pk=item["id"])
        for index, item in enumerate(instance["requests"])
    }
    meetings = []
    for placed in output["meetings"]:
        request = requests[placed["request"]]
        meeting = Meeting.objects.create(
            event=event,
            kind=Kind.BILATERAL,
            slot_id=placed["slot"],
            table=placed["table"],
            request=request,
        )
        Seat.objects.bulk_create(
            Seat(meeting=meeting, participant_id=pid, slot_id=placed["slot"])
            for pid in (request.requester_id, request.recipient_id)
        )
        meetings.append(meeting)
    after = {(m.request_id, m.slot_id, m.table) for m in meetings}
    changed = {request_id for request_id, *_rest in before ^ after}
    audit.record(
        actor=actor,
        action="b2b.schedule.stored",
        obj=event,
        data={"meetings": len(meetings), "replaced": len(before), "changed": len(changed)},
    )
    touched = MeetingRequest.objects.filter(pk__in=changed).values_list(
        "requester_id", "recipient_id"
    )
    if notify:
        notifications.after_commit_agenda_changed(event, {pid for pair in touched for pid in pair})
    return meetings


def start_run(
    *, event: Event, actor: Any, not_before: datetime.datetime | None = None
) -> ScheduleRun:
    """Queue a run (the task runs at once unless a worker is configured)."""
    require_event_manager(actor, event)
    moment = not_before or timezone.now()

    def create() -> ScheduleRun:
        run = ScheduleRun.objects.create(
            event=event,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            result={"not_before": moment.isoformat()},
        )
        audit.record(actor=actor, action="b2b.schedule.started", obj=run, data={"event": event.pk})
        return run

    run = runs.start(
        event.b2b_schedule_runs.all(),
        scope=event,
        create=create,
        busy=_("A schedule is being computed already: wait for it to finish."),
    )
    transaction.on_commit(lambda: run_schedule.enqueue(run.pk))
    return run


def execute_run(run_id: int, *, notify: bool = True, time_limit_s: float | None = None) -> None:
    """The background task's work; a solver error ends the run as failed with its message, so
    that the next run may start."""

    def compute(run: ScheduleRun) -> None:
        not_before = datetime.datetime.fromisoformat(run.outcome.not_before)
        runs.set_progress(run, 5, _("Reading the requests."))
        instance = build_instance(run.event, not_before=not_before)
        runs.set_progress(
            run,
            10,
            _("%(requests)s requests, %(slots)s slots: computing.")
            % {"requests": len(instance["requests"]), "slots": len(instance["slots"])},
        )
        output = solve(instance, time_limit_s=time_limit_s)
        runs.set_progress(run, 90, _("Saving the meetings."))
        with transaction.atomic():
            meetings = store(
                event=run.event,
                instance=instance,
                output=output,
                not_before=not_before,
                notify=notify,
                actor=run.created_by,
            )
            result = ScheduleResult(
                not_before=not_before.isoformat(),
                requests=len(instance["requests"]),
                slots=len(instance["slots"]),
                tables=instance["tables"],
                meetings=len(meetings),
                unscheduled=len(output["unscheduled"]),
                status=output["status"],
                objective=output["objective"],
                bound=output["bound"],
                gap=output.get("gap", 0),
                greedy_objective=output.get("greedy_objective"),
                solver=output.get("solver", ""),
            )
            runs.succeed(run, result=result.as_json())

    runs.execute(ScheduleRun.objects.select_related("event"), run_id, compute, explain=_explain)


def _explain(error: Exception) -> str | None:
    """The message of a failure the organizer can act on; None for a bug."""
    if isinstance(error, InstanceError):
        logger.warning("B2B schedule refused by the optimizer: %s", error)
        return _("The optimizer refused the event's data: %(error)s") % {"error": error}
    if isinstance(error, IntegrityError):
        return _("Meetings were changed by hand during the computation; compute again.")
    return runs.explain_validation(error)


@transaction.atomic
def move_meeting(*, meeting: Meeting, slot: Slot, table: int, actor: Any) -> Meeting:
    """Move a bilateral meeting by hand, checked like the optimizer's placements."""
    event = meeting.event
    require_event_manager(actor, event)
    errors: dict[str, str] = {}
    if meeting.kind != Kind.BILATERAL or meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Only a scheduled bilateral meeting can be moved."))
    if slot.session.event_id != event.pk:
        errors["slot"] = _("This slot belongs to another event.")
    tables = setup_of(event).tables
    if not 1 <= table <= tables:
        errors["table"] = _("Choose a table from 1 to %(max)s.") % {"max": tables}
    if errors:
        raise ValidationError(errors)
    taken = Meeting.objects.filter(slot=slot, table=table).exclude(pk=meeting.pk)
    if taken.exists():
        raise ValidationError({"table": _("Another meeting uses this table in this slot.")})
    seated = list(meeting.seats.select_related("participant__organization"))
    for seat in seated:
        participant = seat.participant
        if participant.unavailable_slots.filter(pk=slot.pk).exists():
            raise ValidationError(
                {"slot": _("%(name)s is not available in this slot.") % {"name": participant}}
            )
        busy = Seat.objects.filter(participant=participant, slot=slot).exclude(meeting=meeting)
        if busy.exists():
            raise ValidationError(
                {"slot": _("%(name)s has another meeting in this slot.") % {"name": participant}}
            )
    previous = {"slot": meeting.slot_id, "table": meeting.table}
    meeting.slot, meeting.table = slot, table
    meeting.save(update_fields=["slot", "table"])
    Seat.objects.filter(meeting=meeting).update(slot=slot)
    audit.record(
        actor=actor,
        action="b2b.meeting.moved",
        obj=meeting,
        data={"from": previous, "to": {"slot": slot.pk, "table": table}},
    )
    notifications.after_commit_agenda_changed(event, {seat.participant_id for seat in seated})
    return meeting


@task()
def run_schedule(run_id: int) -> None:
    """The background task (django-tasks; in-process at once by default): compute and store
    the bilateral meetings of one ScheduleRun."""
    execute_run(run_id)
