"""Turn what a client or a spreadsheet says (a code, or a name in any language) into
reference rows, with errors that name the field."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from tadamon.core.text import name_key
from tadamon.registry.models import OrganizationKind, Province, Region, Sector

_REFERENCE_FIELDS: dict[str, type[Model]] = {
    "kind": OrganizationKind,
    "region": Region,
    "province": Province,
    "sector": Sector,
}


def _lookup(queryset: QuerySet, value: str) -> Model | None:
    value = str(value).strip()
    exact = queryset.filter(code__iexact=value).first()
    if exact is not None:
        return exact
    wanted = name_key(value)
    if not wanted:
        return None
    matches = [
        row
        for row in queryset
        if wanted in {name_key(row.name_ar), name_key(row.name_fr), name_key(row.name_en)}
    ]
    return matches[0] if len(matches) == 1 else None


def resolve(field: str, value: str | None, *, queryset: QuerySet | None = None) -> Model | None:
    """The reference row for `value` (code or name), None when empty; else ValidationError."""
    if value is None or str(value).strip() == "":
        return None
    model = _REFERENCE_FIELDS[field.split("_")[0] if field.endswith("_sector") else field]
    row = _lookup(queryset if queryset is not None else model.objects.all(), value)
    if row is None:
        raise ValidationError(
            {
                field: _("Unknown %(what)s: “%(value)s”.")
                % {"what": model._meta.verbose_name, "value": value}
            },
            code="unknown_reference",
        )
    return row


def resolve_sectors(values: Iterable[str], *, field: str = "sectors") -> list[Sector]:
    sectors: list[Sector] = []
    unknown: list[str] = []
    for value in values:
        if str(value).strip() == "":
            continue
        row = _lookup(Sector.objects.all(), value)
        if row is None:
            unknown.append(str(value))
        elif row not in sectors:
            sectors.append(row)
    if unknown:
        raise ValidationError(
            {field: _("Unknown sector: %(values)s.") % {"values": ", ".join(unknown)}},
            code="unknown_reference",
        )
    return sectors


def resolve_province(value: str | None, *, region: Region | None) -> Province | None:
    """A province, looked up first among the region's provinces when the region is known."""
    if region is not None:
        try:
            return resolve("province", value, queryset=region.provinces.all())
        except ValidationError:
            province = resolve("province", value)
            raise ValidationError(
                {
                    "province": _("%(province)s is not in the region %(region)s.")
                    % {"province": province, "region": region}
                },
                code="province_outside_region",
            ) from None
    return resolve("province", value)
