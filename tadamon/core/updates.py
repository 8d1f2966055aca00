"""Changing a model's fields from a service: one way for every editable model.

The shape is HackSoft's `model_update(*, instance, fields, data)`: `fields` is the model's
allowlist of editable fields (kept once, beside the model, and read by the service, the form
and the API schema), `data` the values to set. Only the fields present in `data` change; a
name outside the allowlist is a programming error (ValueError), since forms and the API
already refuse unknown input. The instance is validated before anything is written, and
saved with `update_fields`, so a concurrent change of another column is not overwritten.

The result carries the changes as the audit trail records them ({field: [before, after]},
derived columns such as a commune matched from its name included), so the service writes
exactly what changed: `audit.record(..., changes=update.changes)`.
"""

from collections.abc import Callable, Collection, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from django.db import models

from tadamon.core import audit

M = TypeVar("M", bound=models.Model)


class Update(NamedTuple, Generic[M]):
    """What `model_update` did: the instance, and each changed field's [before, after]."""

    instance: M
    changes: dict[str, list]
    #: The names that changed: those given in `data` in their order, then those `clean` set.
    fields: list[str]

    @property
    def has_updated(self) -> bool:
        return bool(self.changes)


def set_fields(
    instance: models.Model, *, fields: Collection[str], data: Mapping[str, Any]
) -> list[str]:
    """Set the values of `data` on `instance` (each name in the allowlist `fields`) and return
    the names whose value changed, in the order given."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Not editable fields of {type(instance).__name__}: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        field = instance._meta.get_field(name)
        # Foreign keys by id: the related object may not be loaded.
        wanted = getattr(value, "pk", value) if field.is_relation else value
        if getattr(instance, field.attname) != wanted:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _values(instance: models.Model) -> dict[str, Any]:
    # Foreign keys by id: comparing ids never loads the related row.
    return {
        field.name: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }


def _restore(instance: models.Model, values: Mapping[str, Any]) -> None:
    for field in instance._meta.concrete_fields:
        if field.name in values and field.value_from_object(instance) != values[field.name]:
            setattr(instance, field.attname, values[field.name])


def model_update(
    *,
    instance: M,
    fields: Collection[str],
    data: Mapping[str, Any],
    clean: Callable[[M], None] | None = None,
) -> Update[M]:
    """Set the fields of `data` (each in the allowlist `fields`), validate and save.

    `clean(instance)` replaces the model's `full_clean` when the service has rules of its own
    (it may also set derived fields, which are then saved and recorded too). When it raises
    ValidationError nothing is written and the instance keeps its former values. Nothing is
    saved when no value changed.
    """
    before = _values(instance)
    set_fields(instance, fields=fields, data=data)
    try:
        (clean or _full_clean)(instance)
    except Exception:
        _restore(instance, before)
        raise
    after = _values(instance)
    changed = [name for name, value in after.items() if value != before[name]]
    if not changed:
        return Update(instance, {}, [])
    # Columns the model computes itself (search text, updated_at) are written with the change.
    derived = [f.name for f in instance._meta.concrete_fields if not f.editable]
    instance.save(update_fields=sorted({*changed, *derived} - {instance._meta.pk.name}))
    shown = audit.snapshot(instance, changed)
    changes = {name: [audit.plain(before[name]), value] for name, value in shown.items()}
    given = [name for name in data if name in changes]
    return Update(instance, changes, given + [name for name in changes if name not in data])


def _full_clean(instance: models.Model) -> None:
    instance.full_clean()
