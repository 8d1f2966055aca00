"""Who may see and manage which event (SPEC 2: organizers act only on the events
of their own organization), and the one answer to "may this user see, or act on, this
event?" (issue 16).

Pages, the API and the services all ask here, so a refusal reads the same everywhere:
- 404 (Http404) when the caller may not see the event (events_for): a stranger is not told
  that an unpublished event exists;
- 403 (PermissionDenied) when they see it but may not manage it (managed_events_for): an
  observer, an exhibitor or another organizer at a published fair.

The API's exception handlers and Django's handlers turn these into the JSON error and the
styled 403/404 pages. Who counts the visitors at an event is in tadamon/visitors/access.py.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.events.models import Event, EventPartner, Participation

# What every event page and answer shows with the event: loaded in the same query.
EVENT_RELATED = ("organizer", "region", "province", "series")


def co_organized_event_ids(organization_id: int) -> QuerySet:
    return EventPartner.objects.filter(
        organization_id=organization_id, role=EventPartner.Role.CO_ORGANIZER
    ).values("event_id")


def organized_by(organization_id: int) -> Q:
    """Events whose organizer or a co-organizer is this organization."""
    return Q(event__organizer_id=organization_id) | Q(
        event_id__in=co_organized_event_ids(organization_id)
    )


def managed_events_for(user: Any) -> QuerySet:
    """Events the user organizes: their organization is the organizer or a co-organizer."""
    events = Event.objects.all()
    if roles.is_platform_admin(user):
        return events
    if not roles.has_role(user, Role.ORGANIZER) or not user.organization_id:
        return events.none()
    organization_id = user.organization_id
    return events.filter(
        Q(organizer_id=organization_id) | Q(pk__in=co_organized_event_ids(organization_id))
    ).distinct()


def events_for(user: Any) -> QuerySet:
    """Events the user may see: published ones, plus those they manage, review, judge or take
    part in. Reviewers and jurors work before publication (issue 15), whatever their role."""
    events = Event.objects.all()
    visible = Q(is_published=True)
    if roles.is_active(user):
        if roles.reads_everything(user):
            return events
        visible |= Q(pk__in=managed_events_for(user).values("pk"))
        # One subquery per relation: joining them all in one OR multiplied a fair's rows
        # (E4: 381,150 before DISTINCT, 1.2 s on SQLite and over 60 s on PostgreSQL).
        if user.role == Role.REVIEWER:
            visible |= _events_where(call__applications__assignments__reviewer=user)
        visible |= _events_where(award_categories__jurors__user=user)
        if user.organization_id:
            visible |= _events_where(participations__organization_id=user.organization_id)
            visible |= _events_where(call__applications__organization_id=user.organization_id)
    return events.filter(visible)


def _events_where(**lookups: Any) -> Q:
    return Q(pk__in=Event.objects.filter(**lookups).values("pk"))


def counted_events_for(user: Any) -> QuerySet:
    """The events the observatory adds up for the user: the published ones, and an unpublished
    one (a test, a fair in preparation) only for those who manage it, its organizers and the
    platform administrators. Observers and partners read national figures that change when
    an event is published, not before."""
    events = Event.objects.all()
    if roles.is_platform_admin(user):
        return events
    return events.filter(Q(is_published=True) | Q(pk__in=managed_events_for(user).values("pk")))


def can_manage_event(user: Any, event: Event) -> bool:
    return managed_events_for(user).filter(pk=event.pk).exists()


def can_create_event(user: Any) -> bool:
    return roles.is_organizer(user) and (user.is_platform_admin or bool(user.organization_id))


def participations_for(user: Any) -> QuerySet:
    participations = Participation.objects.all()
    if not roles.is_active(user):
        return participations.none()
    if roles.reads_everything(user):
        return participations
    visible = Q(event__in=managed_events_for(user))
    if user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return participations.filter(visible).distinct()


def can_read_beneficiaries(user: Any, event: Event) -> bool:
    """Who was trained, counted and broken down (and the closing report, the B2B figures,
    which publish them): the event's managers, observers and administrators."""
    return roles.reads_everything(user) or can_manage_event(user, event)


def can_read_report(user: Any, event: Event) -> bool:
    """The closing report publishes the beneficiary figures among others (SPEC 5), so it has
    the same readers."""
    return can_read_beneficiaries(user, event)


# The one access rule for an event's pages and endpoints.


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
    a trainer see the unpublished event they teach at); events_for by default.
    """
    event = _get(events_for(user) if visible is None else visible, event_or_id)
    if event is None:
        raise Http404
    return event


def require_event_manager(
    user: Any, event_or_id: Event | int, *, visible: QuerySet | None = None
) -> Event:
    """The event if `user` manages it; Http404 when they may not see it, PermissionDenied
    when they see it but do not manage it. `visible` as in require_event_viewer."""
    event = _get(managed_events_for(user), event_or_id)
    if event is not None:
        return event
    require_event_viewer(user, event_or_id, visible=visible)
    raise PermissionDenied
