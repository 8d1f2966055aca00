"""Who may invite, and read and change the invitations of an event: its managers (the
organizer bodies of the event and the platform administrators), as for the rest of the
call (tadamon.events.access). The join page needs no account: its token is the key."""

from typing import Any

from django.db.models import QuerySet

from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.invitations.models import Invitation


def invitations_for(user: Any) -> QuerySet:
    """The invitations of the events the user manages."""
    return Invitation.objects.filter(event__in=event_access.managed_events_for(user))


def require_manager(user: Any, event: Event | int) -> Event:
    """The event if `user` manages it: Http404 when they may not see it, PermissionDenied
    when they see it only."""
    return event_access.require_event_manager(user, event)
