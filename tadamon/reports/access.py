"""Which entries of the audit trail a user reads (issue 10): organizers read the changes
made to their events and to the organizations they keep; administrators read everything.
(Who reads the closing report is events.access.can_read_report.)"""

from typing import Any

from django.db.models import Q, QuerySet

from tadamon.accounts import roles
from tadamon.core.models import AuditEntry
from tadamon.events import access as event_access
from tadamon.registry import access as registry_access


def audit_entries_for(user: Any) -> QuerySet:
    if not roles.can_read_audit(user):
        return AuditEntry.objects.none()
    if user.is_platform_admin:
        return AuditEntry.objects.all()
    events = event_access.managed_events_for(user).values("pk")
    organizations = registry_access.changeable_organizations_for(user).values("pk")
    return AuditEntry.objects.filter(
        Q(event_id__in=events) | Q(event_id__isnull=True, organization_id__in=organizations)
    )
