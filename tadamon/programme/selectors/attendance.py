"""Queries behind check-in and attendance lists. Callers pass the user; who may see and
check in what comes from tadamon.programme.access."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tadamon.core.text import strip_article, tokens
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme.models import Attendance, Registration, Session
from tadamon.registry import access as registry_access
from tadamon.registry.models import Person

# A search on the check-in page shows this many people; typing more narrows them.
CANDIDATES_SHOWN = 20
# Sessions already over stay listed for late check-ins from paper sheets, the latest ones.
PAST_SESSIONS_SHOWN = 30
# The registered people a phone keeps in the page for searching while offline.
OFFLINE_PEOPLE = 2000

_LIVE_REGISTRATION = ~Q(status=Registration.Status.CANCELLED)


def visible_sessions(*, user) -> QuerySet:
    """Sessions the user may see (to tell 403 from 404)."""
    return programme_access.sessions_for(user)


def checkin_session_list(*, user) -> tuple[QuerySet, QuerySet]:
    """Sessions where the user checks people in, with how many are present: those not over
    yet (soonest first), and those over (latest first, the most recent ones only)."""
    sessions = (
        programme_access.checkin_sessions_for(user)
        .select_related("event", "commune")
        .annotate(present=Count("attendances", distinct=True))
    )
    now = timezone.now()
    upcoming = sessions.filter(ends_at__gte=now).order_by("starts_at", "id")
    past = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:PAST_SESSIONS_SHOWN]
    return upcoming, past


def session_for_checkin(*, user, pk: int) -> Session:
    """One session where the user may check people in, or Session.DoesNotExist."""
    return programme_access.checkin_sessions_for(user).select_related("event", "commune").get(pk=pk)


def person_text_query(query: str) -> Q:
    """Every word typed must be part of a normalised word of the name (so "احمد" finds
    "أحمد", and "الزهراء" finds "زهراء")."""
    condition = Q()
    for token in tokens(query):
        condition &= Q(search_text__contains=strip_article(token))
    return condition


def session_counts(session: Session) -> dict[str, int]:
    """The session's figures as its attendance sheet shows them, in one query: `present`
    (people checked in, each once) and `registered` (people registered or on the waiting
    list, not those who cancelled). The sheet, the check-in page and the API's answer to a
    phone's check-in all read them here, so a synced phone and the sheet agree."""
    return Session.objects.filter(pk=session.pk).aggregate(
        present=Count("attendances__person", distinct=True),
        registered=Count(
            "registrations__person",
            filter=~Q(registrations__status=Registration.Status.CANCELLED),
            distinct=True,
        ),
    )


def checkin_people(*, user, session: Session) -> QuerySet:
    """Whom the user may check in at the session: anyone registered for a session of the same
    event (their badge may be for another session), and the people of the registry the user
    may see (walk-ins)."""
    event_registrations = Registration.objects.filter(session__event_id=session.event_id)
    return Person.objects.filter(
        Q(pk__in=event_registrations.values("person_id"))
        | Q(pk__in=registry_access.people_for(user).values("pk"))
    )


def checkin_candidates(*, user, session: Session, q: str) -> list[Person]:
    """People matching `q`: those registered for the session first, then the others the user
    may check in. Each carries `registration_status` ("" when not registered) and `present`."""
    if not tokens(q):
        return []
    registration = Registration.objects.filter(session=session, person=OuterRef("pk"))
    queryset = (
        checkin_people(user=user, session=session)
        .filter(person_text_query(q))
        .select_related("organization", "commune")
        .annotate(
            registered=Exists(registration.filter(_LIVE_REGISTRATION)),
            present=Exists(Attendance.objects.filter(session=session, person=OuterRef("pk"))),
        )
        .order_by("-registered", "last_name", "first_name", "id")
    )
    people = list(queryset[:CANDIDATES_SHOWN])
    statuses = dict(
        Registration.objects.filter(session=session, person__in=people).values_list(
            "person_id", "status"
        )
    )
    for person in people:
        person.registration_status = statuses.get(person.pk, "")
    return people


def offline_people(session: Session) -> list[dict[str, object]]:
    """The registered people as the page keeps them for searching, and for naming scanned
    badges, without a connection."""
    registrations = (
        Registration.objects.filter(_LIVE_REGISTRATION, session=session)
        .select_related("person__organization")
        .order_by("person__last_name", "person__first_name", "id")[:OFFLINE_PEOPLE]
    )
    return [
        {
            "id": registration.person_id,
            "name": str(registration.person),
            "organization": str(registration.person.organization)
            if registration.person.organization_id
            else "",
            "search": registration.person.search_text,
            "code": str(registration.code),
        }
        for registration in registrations
    ]


def present_list(session: Session) -> QuerySet:
    """The session's attendance, latest check-in first (what a trainer just did is on top)."""
    return (
        Attendance.objects.filter(session=session)
        .select_related("person__organization", "person__commune", "checked_in_by")
        .order_by("-checked_in_at", "-id")
    )


def attendance_for_export(*, session: Session | None = None, event: Event | None = None):
    """Attendance rows of one session, or of every session of an event, in list order."""
    queryset = Attendance.objects.select_related(
        "session__commune", "person__organization", "person__commune"
    )
    if session is not None:
        queryset = queryset.filter(session=session)
    if event is not None:
        queryset = queryset.filter(session__event=event)
    return queryset.order_by(
        "session__starts_at", "session_id", "person__last_name", "person__first_name", "id"
    )


def event_sessions_with_counts(event: Event) -> QuerySet:
    """The event's sessions with their registered, waiting and present counts."""
    registrations = "registrations__status"
    return (
        event.sessions.select_related("commune")
        .annotate(
            present=Count("attendances", distinct=True),
            registered=Count(
                "registrations",
                filter=Q(**{registrations: Registration.Status.REGISTERED}),
                distinct=True,
            ),
            waitlisted=Count(
                "registrations",
                filter=Q(**{registrations: Registration.Status.WAITLISTED}),
                distinct=True,
            ),
        )
        .order_by("starts_at", "id")
    )


def registration_for_code(*, session: Session, code) -> Registration | None:
    """The registration a scanned badge stands for, among those of the session's event."""
    return (
        Registration.objects.select_related("person")
        .filter(session__event_id=session.event_id, code=code)
        .first()
    )
