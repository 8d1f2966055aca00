"""Who runs and reads the B2B meetings (issue 7): the event's managers run the programme; a
participant (buyer or exhibitor) acts only as itself, through the users of its organization;
observers read the figures."""

from typing import Any

from tadamon.accounts import roles
from tadamon.b2b.models import Participant
from tadamon.events import access as event_access


def b2b_participant_for(user: Any, event: Any) -> Participant | None:
    """The B2B participant the user acts as at this event, or None."""
    if not roles.organization_id(user):
        return None
    return Participant.objects.filter(event=event, organization_id=user.organization_id).first()


def can_manage_b2b(user: Any, event: Any) -> bool:
    return event_access.can_manage_event(user, event)


def can_read_b2b(user: Any, event: Any) -> bool:
    """The B2B figures and the whole schedule: managers, observers and administrators."""
    return event_access.can_read_beneficiaries(user, event)
