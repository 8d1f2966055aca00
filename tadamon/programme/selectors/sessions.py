"""Queries on sessions and registrations. Callers pass the user; what they may see comes
from tadamon.programme.access (a trainer sees only their own sessions)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tadamon.accounts.models import Role, User
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.programme import access as programme_access
from tadamon.programme.models import Registration, Session, Topic
from tadamon.registry.models import Commune
from tadamon.registry.selectors import people_list

Status = Registration.Status


def with_counts(sessions: QuerySet) -> QuerySet:
    """Sessions annotated with how many people are registered, waiting and cancelled."""
    return sessions.annotate(
        registered=Count("registrations", filter=Q(registrations__status=Status.REGISTERED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
        cancelled=Count("registrations", filter=Q(registrations__status=Status.CANCELLED)),
    )


def session_list(*, user, event: Event | None = None, kind: str = "") -> QuerySet:
    """The sessions the user may see (of `event`, when given), in time order."""
    sessions = programme_access.sessions_for(user).select_related("event", "commune")
    if event is not None:
        sessions = sessions.filter(event=event)
    if kind:
        sessions = sessions.filter(kind=kind)
    sessions = sessions.prefetch_related("topics", "trainers")
    return with_counts(sessions).order_by("starts_at", "id")


def my_sessions(*, user) -> QuerySet:
    """The sessions a trainer is assigned to, in time order (none for anyone else)."""
    if getattr(user, "role", None) != Role.TRAINER:
        return Session.objects.none()
    assigned = Session.trainers.through.objects.filter(user_id=user.pk).values("session_id")
    return session_list(user=user).filter(pk__in=assigned)


@dataclass
class Day:
    date: datetime.date
    sessions: list[Session] = field(default_factory=list)


def sessions_by_day(sessions: QuerySet | list[Session]) -> list[Day]:
    """Sessions grouped by their local day (they come in time order)."""
    days: dict[datetime.date, Day] = {}
    for session in sessions:
        day = timezone.localtime(session.starts_at).date()
        days.setdefault(day, Day(date=day)).sessions.append(session)
    return list(days.values())


def programme_events_for(user) -> QuerySet:
    """The events whose programme the user sees: those they may see, and those whose
    sessions they see (a trainer working at an event not yet published)."""
    seen = event_access.events_for(user).values("pk")
    with_sessions = programme_access.sessions_for(user).values("event_id")
    return Event.objects.filter(Q(pk__in=seen) | Q(pk__in=with_sessions))


def event_for_programme(*, user, pk: int) -> Event:
    """An event whose programme the user sees, or Event.DoesNotExist."""
    return programme_events_for(user).select_related(*event_selectors.EVENT_RELATED).get(pk=pk)


def session_for_view(*, user, pk: int) -> Session:
    """One session the user may see (with its counts), or Session.DoesNotExist."""
    return session_list(user=user).get(pk=pk)


def session_for_manage(*, user, pk: int) -> Session:
    """One session of an event the user manages, or Session.DoesNotExist."""
    sessions = Session.objects.filter(event__in=event_access.managed_events_for(user).values("pk"))
    return with_counts(sessions.select_related("event", "commune")).get(pk=pk)


# Registrations ---------------------------------------------------------------------------

# Registered people first, then the waiting list in its order, then the cancelled ones.
_STATUS_ORDER = {Status.REGISTERED: 0, Status.WAITLISTED: 1, Status.CANCELLED: 2}


def registration_list(*, user, session: Session, status: str = "") -> QuerySet:
    registrations = (
        programme_access.registrations_for(user)
        .filter(session=session)
        .select_related("person", "person__organization", "person__commune")
    )
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("created_at", "id")


def ordered_registrations(registrations: QuerySet) -> list[Registration]:
    """Registered, then waiting (each with `position` in the queue), then cancelled."""
    rows = sorted(registrations, key=lambda r: (_STATUS_ORDER[r.status], r.created_at, r.pk))
    position = 0
    for registration in rows:
        registration.position = None
        if registration.status == Status.WAITLISTED:
            position += 1
            registration.position = position
    return rows


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waiting list."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = registration.session.registrations.filter(status=Status.WAITLISTED).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registration_counts(session: Session) -> dict[str, int]:
    """Totals by status (figures, not names: shown to everyone who sees the session)."""
    rows = session.registrations.order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def registration_for_view(*, user, pk: int) -> Registration:
    return (
        programme_access.registrations_for(user)
        .select_related("session", "session__event", "session__commune", "person")
        .select_related("person__organization")
        .get(pk=pk)
    )


def registered_person_ids(session: Session) -> set[int]:
    """People registered or waiting (not cancelled): they cannot register again."""
    active = session.registrations.exclude(status=Status.CANCELLED)
    return set(active.values_list("person_id", flat=True))


def people_to_register(*, user, session: Session, q: str, limit: int = 20) -> list:
    """The people the user may register to `session` whose names match `q` (nothing before a
    word is typed)."""
    if not q.strip():
        return []
    among = programme_access.registrable_people_for(user, session)
    return list(people_list(user=user, q=q, among=among)[:limit])


# Choices of the session form -------------------------------------------------------------


def trainer_choices() -> QuerySet:
    return User.objects.filter(role=Role.TRAINER, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def topic_choices() -> QuerySet:
    return Topic.objects.all()


def commune_options(event: Event) -> QuerySet:
    """The reference communes of the event's province (else its region), for suggestions."""
    if event.province_id:
        return Commune.objects.filter(province_id=event.province_id)
    return Commune.objects.filter(province__region_id=event.region_id)
