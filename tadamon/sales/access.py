"""Who declares, validates and reads sales (issue 6, SPEC 3H): an exhibitor declares only
for its own organization; the event's managers declare for any exhibitor and alone
validate; observers read every declaration."""

from typing import Any

from django.db.models import Q, QuerySet

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.events import access as event_access
from tadamon.sales.models import SalesDeclaration


def can_declare_sales(user: Any, event: Any, organization: Any) -> bool:
    if not roles.is_active(user):
        return False
    if event_access.can_manage_event(user, event):
        return True
    return user.role == Role.EXHIBITOR and user.organization_id == organization.pk


def can_validate_sales(user: Any, event: Any) -> bool:
    return event_access.can_manage_event(user, event)


def sales_for(user: Any) -> QuerySet:
    """Declarations the user may read: all of the events they manage (observers: all),
    and their own organization's."""
    declarations = SalesDeclaration.objects.all()
    if not roles.is_active(user):
        return declarations.none()
    if roles.reads_everything(user):
        return declarations
    visible = Q(event__in=event_access.managed_events_for(user).values("pk"))
    if user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return declarations.filter(visible)
