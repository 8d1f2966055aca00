"""Who may have a calendar link to what. A link shows what its owner may see: the rule is
checked when the link is made and again each time a calendar reads it.

- an event's programme: anyone who sees that programme (its timetable page);
- one session: anyone who sees the session;
- an exhibitor's agenda at a fair: the exhibitor accounts of an organization that takes part
  in it (a participation pending or confirmed).
"""

from typing import Any

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.calendars.models import CalendarFeed
from tadamon.events.models import Event, Participation
from tadamon.programme import access as programme_access
from tadamon.programme.models import Session
from tadamon.programme.selectors.sessions import programme_events_for

TAKING_PART = (Participation.Status.PENDING, Participation.Status.CONFIRMED)


def agenda_participations_for(user: Any):
    """The participations of the user's organization whose agenda the user may subscribe to."""
    if not roles.has_role(user, Role.EXHIBITOR) or not user.organization_id:
        return Participation.objects.none()
    return Participation.objects.filter(
        organization_id=user.organization_id, status__in=TAKING_PART
    )


def may_subscribe(user: Any, kind: str, event: Event, session: Session | None = None) -> bool:
    if not roles.is_active(user):
        return False
    if kind == CalendarFeed.Kind.PROGRAMME:
        return session is None and programme_events_for(user).filter(pk=event.pk).exists()
    if kind == CalendarFeed.Kind.SESSION:
        return (
            session is not None
            and session.event_id == event.pk
            and programme_access.sessions_for(user).filter(pk=session.pk).exists()
        )
    if kind == CalendarFeed.Kind.AGENDA:
        return session is None and agenda_participations_for(user).filter(event=event).exists()
    return False


def is_readable(feed: CalendarFeed) -> bool:
    """Whether the link still answers: not revoked, and its owner still sees what it shows
    (an organization left the fair, a session moved to an event the owner does not see)."""
    if feed.is_revoked:
        return False
    if feed.kind == CalendarFeed.Kind.AGENDA and feed.owner.organization_id != feed.organization_id:
        return False
    return may_subscribe(feed.owner, feed.kind, feed.event, feed.session)
