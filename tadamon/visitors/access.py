"""Who records and reads the visitors of which event (issue 6): the event's managers and the
gate agents of its organizer or co-organizers record the counts at the gates; observers read
them too. The events themselves are ruled by tadamon.events.access, whose answers this
builds on."""

from typing import Any

from django.db.models import Q, QuerySet

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.events.access import co_organized_event_ids, managed_events_for
from tadamon.events.models import Event


def counting_events_for(user: Any) -> QuerySet:
    """Events where the user may record and read visitor counts."""
    if roles.has_role(user, Role.GATE_AGENT) and user.organization_id:
        organization_id = user.organization_id
        return Event.objects.filter(
            Q(organizer_id=organization_id) | Q(pk__in=co_organized_event_ids(organization_id))
        ).distinct()
    return managed_events_for(user)


def can_count_visitors(user: Any, event: Event) -> bool:
    return counting_events_for(user).filter(pk=event.pk).exists()


def can_read_visitors(user: Any, event: Event) -> bool:
    """The counts and their breakdowns: those who record them, and observers."""
    return roles.has_role(user, Role.OBSERVER) or can_count_visitors(user, event)
