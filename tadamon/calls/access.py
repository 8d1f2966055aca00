"""Who may read which application (SPEC 2). The events themselves are ruled by
tadamon.events.access, whose answers this builds on."""

from typing import Any

from django.db.models import Q, QuerySet

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.calls.models import Application
from tadamon.events.access import managed_events_for


def applications_for(user: Any) -> QuerySet:
    """Applications the user may read: organizers of the event, assigned reviewers, and the
    applicant organization's own representatives."""
    applications = Application.objects.all()
    if not roles.is_active(user):
        return applications.none()
    if user.is_platform_admin:
        return applications
    visible = Q(call__event__in=managed_events_for(user))
    if user.role == Role.REVIEWER:
        visible |= Q(assignments__reviewer=user)
    if user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return applications.filter(visible).distinct()
