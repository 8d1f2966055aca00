"""Rows in a canonical form: the same rows give the same bytes on SQLite and PostgreSQL."""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS, models
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.encoding import is_protected_type
from django.utils.functional import Promise

from tadamon.core.backup.contents import CHUNK, RECREATED_BY_MIGRATE, concrete_columns, many_to_many


class _Encoder(json.JSONEncoder):
    """JSON for field values; unlike DjangoJSONEncoder, datetimes keep their microseconds
    (a backup must give back the same instants) and are written in UTC so that SQLite and
    PostgreSQL give the same text."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            if timezone.is_aware(o):
                o = o.astimezone(datetime.UTC)
            return o.isoformat()
        if isinstance(o, datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, datetime.timedelta):
            return duration_iso_string(o)
        if isinstance(o, decimal.Decimal | uuid.UUID | Promise):
            return str(o)
        return super().default(o)


def _line(label: str, pk: Any, fields: dict[str, Any]) -> bytes:
    record = {"model": label, "pk": pk, "fields": fields}
    text = json.dumps(
        record, cls=_Encoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return (text + "\n").encode("utf-8")


def _value(obj: models.Model, f: models.Field) -> Any:
    # As django.core.serializers.python does: primitives as they are, the rest as text.
    value = f.value_from_object(obj)
    if is_protected_type(value):
        return value
    return f.value_to_string(obj)


class NaturalKeys:
    """Natural keys of the rows `migrate` recreates, read once per backup or check."""

    def __init__(self, using: str) -> None:
        self.using = using
        self._maps: dict[type[models.Model], dict[Any, list]] = {}

    def handles(self, model: type[models.Model]) -> bool:
        return model in RECREATED_BY_MIGRATE

    def of(self, model: type[models.Model], pk: Any) -> list | None:
        if pk is None:
            return None
        if model not in self._maps:
            rows = model._base_manager.using(self.using)
            if model is Permission:
                rows = rows.select_related("content_type")
            self._maps[model] = {row.pk: list(row.natural_key()) for row in rows}
        return self._maps[model][pk]


def serialize_rows(
    model: type[models.Model],
    *,
    fields: Sequence[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    natural: NaturalKeys | None = None,
) -> Iterator[bytes]:
    """The model's rows in canonical form, one line each, in primary-key order; only the
    named `fields` when given (a restore compares the fields the backup had)."""
    natural = natural or NaturalKeys(using)
    columns = concrete_columns(model)
    m2m = many_to_many(model)
    if fields is not None:
        wanted = set(fields)
        columns = [f for f in columns if f.name in wanted]
        m2m = [f for f in m2m if f.name in wanted]
    label = model._meta.label_lower
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)
    for chunk in chunks(rows, CHUNK):
        related = {f.name: _m2m_values(f, [obj.pk for obj in chunk], using, natural) for f in m2m}
        for obj in chunk:
            values: dict[str, Any] = {}
            for f in columns:
                if f.is_relation and natural.handles(f.related_model):
                    values[f.name] = natural.of(f.related_model, f.value_from_object(obj))
                else:
                    values[f.name] = _value(obj, f)
            for f in m2m:
                values[f.name] = related[f.name].get(obj.pk, [])
            yield _line(label, _value(obj, model._meta.pk), values)


def _m2m_values(
    f: models.ManyToManyField, pks: list[Any], using: str, natural: NaturalKeys
) -> dict[Any, list]:
    """{source pk: sorted target pks (or natural keys)} for one chunk, in one query rather
    than one per row as Django's serialiser does."""
    through = f.remote_field.through
    source = through._meta.get_field(f.m2m_field_name()).attname
    target = through._meta.get_field(f.m2m_reverse_field_name()).attname
    found: dict[Any, list] = {}
    pairs = through._base_manager.using(using).filter(**{f"{source}__in": pks})
    for source_pk, target_pk in pairs.values_list(source, target):
        if natural.handles(f.related_model):
            found.setdefault(source_pk, []).append(natural.of(f.related_model, target_pk))
        else:
            found.setdefault(source_pk, []).append(target_pk)
    return {pk: sorted(values) for pk, values in found.items()}


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def checksum(
    model: type[models.Model],
    *,
    fields: Sequence[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    natural: NaturalKeys | None = None,
) -> tuple[int, str]:
    """(rows, SHA-256 of their canonical serialisation) of one model as the database has it."""
    digest = hashlib.sha256()
    rows = 0
    for line in serialize_rows(model, fields=fields, using=using, natural=natural):
        digest.update(line)
        rows += 1
    return rows, digest.hexdigest()
