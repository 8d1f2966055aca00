"""The audit trail is written by services, in the same transaction as the change.

An entry says who did what to which object and when, and, for changes, each field's value
before and after (`changes`: {field: [before, after]}). It also keeps the event and the
organization the object belongs to, so that organizers can read the trail of their own events
(tadamon.core.selectors.audit_entries_for) without a join per kind of object.

Every action is a declared type (as pretix declares its log types): its stored name, which
never changes since old entries and the trail's filters use it, and what the trail shows for
it, translated. Each app declares its own in its `audit_types` module, loaded by its AppConfig,
so that core imports no domain app; `record` refuses a name nobody declared.

Since every change goes through `record`, apps that must follow changes (the public pages'
cache) subscribe with `on_record` rather than each service remembering them.
"""

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from tadamon.core.models import AuditEntry

# Never written to the trail: secrets, and columns derived from others.
_HIDDEN = {
    "password",
    "key_hash",
    "token_hash",
    "token",
    "search_text",
    "search_key",
    "updated_at",
    "created_at",
}
# Relations through which an object reaches its event (awards through the category, etc.;
# a jury score through its candidate, then the candidate's category).
_EVENT_PATHS = ("category", "session", "call", "participation", "setup", "candidate")


# Called with each new entry, inside the transaction that writes it.
_LISTENERS: list[Callable[[AuditEntry], None]] = []


def on_record(listener: Callable[[AuditEntry], None]) -> None:
    """Call `listener(entry)` for every entry written from now on (once per listener)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


@dataclass(frozen=True)
class ActionType:
    """One kind of entry: `name` as stored, `description` as the trail shows it."""

    name: str
    description: Any  # a lazy translation


_TYPES: dict[str, ActionType] = {}


def declare(name: str, description: Any) -> ActionType:
    """Declare one action; declaring the same name twice with another text is a mistake."""
    known = _TYPES.get(name)
    if known is not None and str(known.description) != str(description):
        raise ValueError(f"Audit action {name!r} is declared twice with different texts.")
    _TYPES[name] = ActionType(name, description)
    return _TYPES[name]


def declare_all(types: Mapping[str, Any]) -> None:
    for name, description in types.items():
        declare(name, description)


def action_type(name: str) -> ActionType | None:
    return _TYPES.get(name)


def declared() -> dict[str, ActionType]:
    return dict(_TYPES)


def plain(value: Any) -> Any:
    """A JSON-safe form of a field's value, as a person would read it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or None
    return str(value)


def _fields(obj: models.Model, names: Iterable[str] | None) -> list[models.Field]:
    concrete = [
        field
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in _HIDDEN
    ]
    if names is None:
        return concrete
    wanted = set(names)
    return [field for field in concrete if field.name in wanted]


def snapshot(obj: models.Model, names: Iterable[str] | None = None) -> dict[str, Any]:
    """The values of `names` (default: every field but secrets) as they are now; take one
    before changing an object and pass it to `record(before=...)`."""
    return {field.name: plain(field.value_from_object(obj)) for field in _fields(obj, names)}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def _event_id(obj: models.Model) -> int | None:
    if obj._meta.label_lower == "events.event":
        return obj.pk
    if getattr(obj, "event_id", None):
        return obj.event_id
    for path in _EVENT_PATHS:
        related_id = getattr(obj, f"{path}_id", None)
        if related_id:
            return _event_id(getattr(obj, path))
    return None


def _organization_id(obj: models.Model) -> int | None:
    if obj._meta.label_lower == "registry.organization":
        return obj.pk
    return getattr(obj, "organization_id", None)


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    data: dict | None = None,
    before: dict[str, Any] | None = None,
    created: bool = False,
    deleted: bool = False,
    changes: dict[str, list] | None = None,
) -> AuditEntry:
    """Write one entry. `before` (a `snapshot` taken before the change) records the fields
    that changed; `created` records every field's new value, `deleted` every old one;
    `changes` gives them directly (for what is not a field, such as a list of winners).
    `action` must be declared (see `declare`): a misspelt name would hide in the trail."""
    if action not in _TYPES:
        raise ValueError(f"Undeclared audit action {action!r}: declare it in an audit_types.")
    if changes is not None:
        pass
    elif before is not None:
        changes = diff(before, snapshot(obj, before.keys()))
    elif created:
        changes = {name: [None, value] for name, value in snapshot(obj).items() if value}
    elif deleted:
        changes = {name: [value, None] for name, value in snapshot(obj).items() if value}
    else:
        changes = {}
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        data=data or {},
        changes=changes,
        event_id=_event_id(obj),
        organization_id=_organization_id(obj),
    )
    for listener in _LISTENERS:
        listener(entry)
    return entry
