"""Who runs the awards (issue 6): the event's managers; a juror scores only their
categories."""

from typing import Any

from tadamon.accounts import roles
from tadamon.events import access as event_access


def can_manage_awards(user: Any, event: Any) -> bool:
    return event_access.can_manage_event(user, event)


def is_juror_of(user: Any, category: Any) -> bool:
    return roles.is_active(user) and category.jurors.filter(user_id=user.pk).exists()
