"""The one answer to "may this user see, or act on, this event?" (issue 16).

Pages, the API and the services all ask here, so a refusal reads the same everywhere:
- 404 (Http404) when the caller may not see the event (scoping.events_for): a stranger is
  not told that an unpublished event exists;
- 403 (PermissionDenied) when they see it but may not manage it (scoping.managed_events_for):
  an observer, an exhibitor or another organizer at a published fair.

The API's exception handlers and Django's handlers turn these into the JSON error and the
styled 403/404 pages.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tadamon.accounts import scoping
from tadamon.events.models import Event

# What every event page and answer shows with the event: loaded in the same query.
EVENT_RELATED = ("organizer", "region", "province", "series")


def _get(queryset: QuerySet, event_or_id: Event | int) -> Event | None:
    """The event (the instance given, or loaded with its related rows) if `queryset` holds it."""
    if isinstance(event_or_id, Event):
        return event_or_id if queryset.filter(pk=event_or_id.pk).exists() else None
    try:
        return queryset.select_related(*EVENT_RELATED).get(pk=event_or_id)
    except (Event.DoesNotExist, ValueError, TypeError):
        return None


def require_event_viewer(
    user: Any, event_or_id: Event | int, *, visible: QuerySet | None = None
) -> Event:
    """The event if `user` may see it; Http404 otherwise.

    `visible` widens or narrows who sees it for one part of the product (the programme lets
    a trainer see the unpublished event they teach at); scoping.events_for by default.
    """
    event = _get(scoping.events_for(user) if visible is None else visible, event_or_id)
    if event is None:
        raise Http404
    return event


def require_event_manager(
    user: Any, event_or_id: Event | int, *, visible: QuerySet | None = None
) -> Event:
    """The event if `user` manages it; Http404 when they may not see it, PermissionDenied
    when they see it but do not manage it. `visible` as in require_event_viewer."""
    event = _get(scoping.managed_events_for(user), event_or_id)
    if event is not None:
        return event
    require_event_viewer(user, event_or_id, visible=visible)
    raise PermissionDenied
