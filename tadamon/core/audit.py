"""The audit trail is written by services, in the same transaction as the change."""

from typing import Any

from django.db import models

from tadamon.core.models import AuditEntry


def record(*, actor: Any, action: str, obj: models.Model, data: dict | None = None) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        data=data or {},
    )
