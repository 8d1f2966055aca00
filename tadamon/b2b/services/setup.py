"""The B2B programme's frame: tables and the requests' deadline, sessions cut into slots."""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.b2b.models import B2BSession, B2BSetup, Slot
from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event

_BREAK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
MAX_SLOTS_PER_SESSION = 200


def setup_of(event: Event) -> B2BSetup:
    setup, _created = B2BSetup.objects.get_or_create(event=event)
    return setup


@transaction.atomic
def configure(
    *, event: Event, actor: Any, tables: int, requests_close_at: datetime.datetime | None
) -> B2BSetup:
    require_event_manager(actor, event)
    if not 1 <= tables <= 1000:
        raise ValidationError({"tables": _("Give between 1 and 1000 tables.")})
    setup = setup_of(event)
    setup.tables = tables
    setup.requests_close_at = requests_close_at
    setup.save()
    audit.record(
        actor=actor,
        action="b2b.configured",
        obj=setup,
        data={"tables": tables, "requests_close_at": str(requests_close_at or "")},
    )
    return setup


def parse_breaks(text: str) -> list[tuple[datetime.time, datetime.time]]:
    """ "12:30-14:00, 16:00-16:15" → [(12:30, 14:00), (16:00, 16:15)]; ValidationError else."""
    periods = []
    for part in filter(None, (piece.strip() for piece in re.split(r"[,،;]", text or ""))):
        match = _BREAK.match(part)
        if not match:
            raise ValidationError(
                {"breaks": _("“%(part)s” is not a period like 12:30-14:00.") % {"part": part}}
            )
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        try:
            start, end = datetime.time(h1, m1), datetime.time(h2, m2)
        except ValueError:
            raise ValidationError(
                {"breaks": _("“%(part)s” is not a time of day.") % {"part": part}}
            ) from None
        if end <= start:
            raise ValidationError({"breaks": _("A break must end after it starts.")})
        periods.append((start, end))
    return periods


def slot_times(
    *,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    slot_minutes: int,
    breaks: list[tuple[datetime.time, datetime.time]],
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The slots of a session: back to back from the start, none overlapping a break."""
    zone = timezone.get_current_timezone()
    moment = datetime.datetime.combine(date, starts_at, tzinfo=zone)
    end = datetime.datetime.combine(date, ends_at, tzinfo=zone)
    length = datetime.timedelta(minutes=slot_minutes)
    pauses = [
        (
            datetime.datetime.combine(date, start, tzinfo=zone),
            datetime.datetime.combine(date, stop, tzinfo=zone),
        )
        for start, stop in breaks
    ]
    slots = []
    while moment + length <= end:
        clash = next(
            (stop for start, stop in pauses if start < moment + length and moment < stop), None
        )
        if clash is not None:
            moment = clash
            continue
        slots.append((moment, moment + length))
        moment += length
    return slots


@transaction.atomic
def add_session(
    *,
    event: Event,
    actor: Any,
    label: str,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
    slot_minutes: int,
    breaks: str = "",
) -> B2BSession:
    """A session and its slots; nothing is written when a value is refused."""
    require_event_manager(actor, event)
    errors: dict[str, str] = {}
    if not label.strip():
        errors["label"] = _("Give the session a name.")
    if not event.start_date <= date <= event.end_date:
        errors["date"] = _("The date must be within the event (%(start)s to %(end)s).") % {
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
        }
    if ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if not 5 <= slot_minutes <= 240:
        errors["slot_minutes"] = _("A slot lasts between 5 and 240 minutes.")
    if errors:
        raise ValidationError(errors)
    periods = parse_breaks(breaks)
    times = slot_times(
        date=date, starts_at=starts_at, ends_at=ends_at, slot_minutes=slot_minutes, breaks=periods
    )
    if not times:
        raise ValidationError(
            {"ends_at": _("No slot fits between the start, the end and the breaks.")}
        )
    if len(times) > MAX_SLOTS_PER_SESSION:
        raise ValidationError(
            {"slot_minutes": _("At most %(max)s slots a session.") % {"max": MAX_SLOTS_PER_SESSION}}
        )
    taken = Slot.objects.filter(
        session__event=event, starts_at__lt=times[-1][1], ends_at__gt=times[0][0]
    )
    if taken.exists():
        raise ValidationError({"starts_at": _("This session overlaps another B2B session.")})
    session = B2BSession.objects.create(
        event=event,
        label=label.strip(),
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        slot_minutes=slot_minutes,
        breaks=", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in periods),
    )
    Slot.objects.bulk_create(Slot(session=session, starts_at=a, ends_at=b) for a, b in times)
    audit.record(
        actor=actor,
        action="b2b.session.added",
        obj=session,
        data={"event": event.pk, "slots": len(times)},
    )
    return session


@transaction.atomic
def delete_session(*, session: B2BSession, actor: Any) -> None:
    require_event_manager(actor, session.event)
    if Slot.objects.filter(session=session, meetings__isnull=False).exists():
        raise ValidationError(
            _("Meetings are scheduled in this session: schedule again without it first.")
        )
    audit.record(
        actor=actor, action="b2b.session.deleted", obj=session, data={"label": session.label}
    )
    session.delete()
