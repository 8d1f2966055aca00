"""Gates and visitor counts (SPEC 3G).

A gate agent sends the running count of their gate several times a day and a final count at
closing: each replaces the previous one for that gate and day, so a count sent twice, or
sent again by a phone whose queue is flushed when its connection returns, never adds up.
Every change leaves an audit entry with the previous value, which is the history.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.core.params import parse_id
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import MAX_DAILY_COUNT, Gate, VisitorCount


def _next_position(event: Event) -> int:
    highest = event.gates.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


def _name_taken() -> ValidationError:
    return ValidationError(
        {"name": _("This event already has a gate with this name.")}, code="unique"
    )


@transaction.atomic
def add_gate(*, event: Event, name: str, actor: Any, position: int | None = None) -> Gate:
    """Add a gate to the event (its managers only); the name is unique within the event."""
    if not event_access.can_manage_event(actor, event):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the gate a name.")}, code="required")
    if event.gates.filter(name__iexact=name).exists():
        raise _name_taken()
    gate = Gate(
        event=event, name=name, position=_next_position(event) if position is None else position
    )
    gate.full_clean(exclude=["event"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            gate.save()
    except IntegrityError:
        # Another request added the same name between the check and the save.
        raise _name_taken() from None
    audit.record(actor=actor, action="events.gate.added", obj=gate, data={"event": event.pk})
    return gate


def resolve_gate(*, event: Event, gate: int | str, actor: Any) -> Gate:
    """The event's gate given by id or by name. An unknown name creates the gate when the
    actor manages the event (a gate agent cannot invent gates)."""
    if isinstance(gate, int):
        found = event.gates.filter(pk=gate).first()
        if found is None:
            raise ValidationError(
                {"gate": _("This event has no gate %(id)s.") % {"id": gate}},
                code="unknown_reference",
            )
        return found
    name = str(gate).strip()
    if not name:
        raise ValidationError({"gate": _("Choose the gate.")}, code="required")
    found = event.gates.filter(name__iexact=name).first()
    if found is None and (gate_id := parse_id(name)) is not None:
        # Form posts and some clients send the id as text.
        found = event.gates.filter(pk=gate_id).first()
    if found is not None:
        return found
    if not event_access.can_manage_event(actor, event):
        raise ValidationError(
            {"gate": _("This event has no gate named “%(name)s”.") % {"name": name}},
            code="unknown_reference",
        )
    try:
        return add_gate(event=event, name=name, actor=actor)
    except ValidationError as exc:
        # Two phones counting at a new gate at one instant: the second finds the first's.
        if (added := event.gates.filter(name__iexact=name).first()) is not None:
            return added
        raise ValidationError({"gate": exc.messages}) from None


def _check_values(*, event: Event, date: datetime.date, count: int) -> None:
    errors: dict[str, str] = {}
    if date < event.start_date or date > event.end_date:
        errors["date"] = _("The date must be within the event (%(start)s – %(end)s).") % {
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
        }
    if count < 0:
        errors["count"] = _("The count cannot be negative.")
    elif count > MAX_DAILY_COUNT:
        errors["count"] = _("The count cannot exceed %(max)s a day at one gate.") % {
            "max": MAX_DAILY_COUNT
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_count(
    *, event: Event, gate: int | str | Gate, date: datetime.date, count: int, actor: Any
) -> tuple[VisitorCount, bool]:
    """Record the visitors of `gate` on `date`; answers (row, created).

    The count replaces any earlier one for the same gate and day. Nothing is written
    (not even a gate given by a new name) when a value is refused.
    """
    if not visitor_access.can_count_visitors(actor, event):
        raise PermissionDenied
    _check_values(event=event, date=date, count=count)
    if isinstance(gate, Gate):
        if gate.event_id != event.pk:
            raise ValidationError({"gate": _("This gate belongs to another event.")})
    else:
        gate = resolve_gate(event=event, gate=gate, actor=actor)
    user = actor if getattr(actor, "is_authenticated", False) else None
    # Only the count's row: the model's ordering joins the event, whose row FOR UPDATE would
    # also stop every sale and count of the event (PostgreSQL's key-share checks) and deadlock.
    row = VisitorCount.objects.select_for_update(of=("self",)).filter(gate=gate, date=date).first()
    created = row is None
    previous = None if row is None else row.count
    if row is None:
        try:
            # A savepoint: two phones sending the first count of a gate and day at once
            # both miss the read above; the unique constraint lets one of them in.
            with transaction.atomic():
                row = VisitorCount.objects.create(
                    event=event, gate=gate, date=date, count=count, entered_by=user
                )
        except IntegrityError:
            row = VisitorCount.objects.select_for_update(of=("self",)).get(gate=gate, date=date)
            created = False
            previous = row.count
    if not created:
        if previous == count and row.entered_by_id == getattr(user, "pk", None):
            return row, False
        row.count = count
        row.entered_by = user
        row.save(update_fields=["count", "entered_by", "updated_at"])
    audit.record(
        actor=actor,
        action="events.visitors.counted",
        obj=row,
        data={
            "event": event.pk,
            "gate": gate.pk,
            "date": date.isoformat(),
            "count": count,
            "previous": previous,
        },
    )
    return row, created
