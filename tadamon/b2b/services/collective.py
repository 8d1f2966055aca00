"""Collective meetings: one host (a buyer, or an exhibitor) meets several participants of the
other side in a room of its own during one slot; participants register for a place."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.b2b import access as b2b_access
from tadamon.b2b.models import Meeting, Participant, Seat, Slot
from tadamon.core import audit
from tadamon.events.access import require_event_manager


@transaction.atomic
def create_collective(
    *,
    host: Participant,
    slot: Slot,
    actor: Any,
    title: str,
    capacity: int,
    room: str = "",
) -> Meeting:
    event = host.event
    require_event_manager(actor, event)
    errors: dict[str, str] = {}
    if slot.session.event_id != event.pk:
        errors["slot"] = _("This slot belongs to another event.")
    if not title.strip():
        errors["title"] = _("Give the meeting a title.")
    if not 2 <= capacity <= 500:
        errors["capacity"] = _("Between 2 and 500 places.")
    if errors:
        raise ValidationError(errors)
    if Seat.objects.filter(participant=host, slot=slot).exists():
        raise ValidationError(
            {"slot": _("%(name)s has another meeting in this slot.") % {"name": host}}
        )
    meeting = Meeting.objects.create(
        event=event,
        kind=Meeting.Kind.COLLECTIVE,
        slot=slot,
        host=host,
        title=title.strip(),
        room=room.strip(),
        capacity=capacity,
    )
    Seat.objects.create(meeting=meeting, participant=host, slot=slot)
    audit.record(
        actor=actor, action="b2b.collective.created", obj=meeting, data={"event": event.pk}
    )
    return meeting


@transaction.atomic
def register(*, meeting: Meeting, participant: Participant, actor: Any) -> Seat:
    """A participant of the other side takes a place (its users, or a manager)."""
    manager = b2b_access.can_manage_b2b(actor, meeting.event)
    own = getattr(actor, "organization_id", None) == participant.organization_id
    if not (manager or own):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.kind != Meeting.Kind.COLLECTIVE or meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This is not an open collective meeting."))
    if participant.event_id != meeting.event_id or participant.side == meeting.host.side:
        raise ValidationError(
            {"participant": _("This meeting is for participants of the other side.")}
        )
    if meeting.seats.count() - 1 >= (meeting.capacity or 0):
        raise ValidationError(_("This meeting is full."), code="full")
    try:
        with transaction.atomic():
            seat = Seat.objects.create(meeting=meeting, participant=participant, slot=meeting.slot)
    except IntegrityError:
        raise ValidationError(
            {
                "participant": _(
                    "%(name)s has another meeting in this slot, or is registered already."
                )
                % {"name": participant}
            }
        ) from None
    audit.record(
        actor=actor,
        action="b2b.collective.registered",
        obj=meeting,
        data={"participant": participant.pk},
    )
    return seat
