"""What calendar pages and feeds read."""

from typing import Any

from django.db.models import QuerySet

from tadamon.b2b.models import Participant
from tadamon.calendars import access
from tadamon.calendars.models import CalendarFeed
from tadamon.events.models import BoothAssignment, Participation
from tadamon.programme.models import Registration, Session
from tadamon.programme.selectors.sessions import session_list


def feeds_of(user: Any) -> QuerySet:
    """The user's links, those still answering first."""
    return (
        CalendarFeed.objects.filter(owner=user)
        .select_related("event", "session", "organization")
        .order_by("revoked_at", "-created_at", "-pk")
    )


def feed_by_token(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("owner", "event", "session", "organization")
        .filter(token=token)
        .first()
    )


def agenda_participations(user: Any) -> QuerySet:
    """The fairs the user's organization takes part in, the latest first, for its agenda."""
    return (
        access.agenda_participations_for(user)
        .select_related("event", "wave")
        .order_by("-event__start_date", "-pk")
    )


def feed_sessions(feed: CalendarFeed) -> list[Session]:
    """The sessions a link shows: the programme as its owner sees it, the one session, or
    the sessions the organization's people are registered for (not the waiting list)."""
    if feed.kind == CalendarFeed.Kind.SESSION:
        return [feed.session] if feed.session else []
    sessions = session_list(user=feed.owner, event=feed.event)
    if feed.kind == CalendarFeed.Kind.AGENDA:
        registered = Registration.objects.filter(
            person__organization_id=feed.organization_id,
            status=Registration.Status.REGISTERED,
        ).values("session_id")
        sessions = sessions.filter(pk__in=registered)
    return list(sessions)


def agenda_place(feed: CalendarFeed) -> tuple[Participation | None, BoothAssignment | None]:
    """The organization's participation at the fair and its booth, when it has one."""
    participation = (
        Participation.objects.filter(
            event=feed.event, organization_id=feed.organization_id, status__in=access.TAKING_PART
        )
        .select_related("wave")
        .first()
    )
    if participation is None:
        return None, None
    booth = (
        BoothAssignment.objects.filter(participation=participation).select_related("booth").first()
    )
    return participation, booth


def agenda_participant(feed: CalendarFeed) -> Participant | None:
    """The organization's place in the fair's B2B meetings, when it has one."""
    return Participant.objects.filter(
        event=feed.event, organization_id=feed.organization_id
    ).first()
