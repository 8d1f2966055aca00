"""Reading the audit trail: filtering it and putting its entries in words."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.core import audit
from tadamon.core.models import AuditEntry
from tadamon.core.params import parse_id

# The families of objects an organizer filters the trail by.
AUDIT_KINDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "organizations": (
        _("Organizations, people and products"),
        ("registry.organization", "registry.person", "registry.product"),
    ),
    "participations": (_("Participations"), ("events.participation",)),
    "sales": (_("Sales"), ("sales.salesdeclaration",)),
    "awards": (
        _("Awards"),
        ("awards.awardcategory", "awards.awardresult", "awards.juror", "awards.candidate"),
    ),
    "certificates": (
        _("Certificates"),
        ("programme.certificate", "programme.certificatebatch"),
    ),
}

# Changes that are not a model field.
EXTRA_LABELS = {"winners": _("winners")}


def filter_audit(
    entries: QuerySet,
    *,
    event: Any = None,
    organization_id: int | None = None,
    kind: str = "",
    text: str = "",
) -> QuerySet:
    if event is not None:
        entries = entries.filter(event_id=event.pk)
    if organization_id:
        entries = entries.filter(organization_id=organization_id)
    if kind in AUDIT_KINDS:
        entries = entries.filter(object_type__in=AUDIT_KINDS[kind][1])
    if text:
        entries = entries.filter(
            Q(object_repr__icontains=text)
            | Q(actor__username__icontains=text)
            | Q(action__icontains=text)
        )
    return entries.select_related("actor")


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class EntryView:
    entry: AuditEntry
    verb: str
    type_label: str
    changes: list[Change] = field(default_factory=list)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # a field since removed: the trail keeps its raw name
        return None


def _related_names(entries: Iterable[AuditEntry]) -> dict[type[models.Model], dict]:
    """The objects that foreign keys in the changes point to, read with one query per model."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        model = _model(entry.object_type)
        for name, pair in (entry.changes or {}).items():
            column = _field(model, name)
            if column is not None and column.is_relation and column.many_to_one:
                wanted[column.related_model].update(v for v in pair if v is not None)
    return {
        related: related._default_manager.in_bulk(
            [pk for pk in map(parse_id, ids) if pk is not None]
        )
        for related, ids in wanted.items()
    }


def _shown(value: Any, column: models.Field | None, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if column is not None:
        if column.is_relation and column.many_to_one:
            related = names.get(column.related_model, {}).get(value)
            return str(related) if related is not None else f"#{value}"
        if column.choices:
            return str(dict(column.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "—"
    return str(value)


def describe(entries: Iterable[AuditEntry]) -> list[EntryView]:
    """Each entry with its verb, its object's kind and its changes in words."""
    entries = list(entries)
    names = _related_names(entries)
    views = []
    for entry in entries:
        model = _model(entry.object_type)
        declared = audit.action_type(entry.action)
        view = EntryView(
            entry=entry,
            # What the declared type says happened; a name no longer declared shows as stored.
            verb=str(declared.description) if declared else entry.action,
            type_label=str(model._meta.verbose_name) if model else entry.object_type,
        )
        for name, pair in sorted((entry.changes or {}).items()):
            column = _field(model, name)
            before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            label = str(column.verbose_name if column is not None else EXTRA_LABELS.get(name, name))
            view.changes.append(
                Change(label, _shown(before, column, names), _shown(after, column, names))
            )
        views.append(view)
    return views
