"""Bulk import of organizations from the CSV/XLSX sheets organizers keep (SPEC 3A).

Validation first, writing after: every row is read, converted, resolved against the
reference lists, matched against the registry and checked with the model's full_clean().
If any row is bad nothing is written; otherwise every row is written in one transaction
through the registry services, so the audit trail is kept.

Matching (re-importing creates no duplicates):

- a row with a registration number matches the organization with that number; when there
  is none, it may match by name and commune an organization recorded without a number;
- a row without a registration number matches by name (Arabic or French, normalised) and
  commune (normalised text, or the same reference commune).

An empty cell never erases what is recorded: on a matched organization only the non-empty
cells are compared and changed (write لا / non / 0 to clear a flag). On a new one, empty
yes/no cells mean no.
"""

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.core.text import normalize
from tadamon.registry import access as registry_access
from tadamon.registry import references, services
from tadamon.registry.models import Commune, Organization, Province, Region, Sector
from tadamon.registry.selectors import match_commune

from . import cells, columns
from .reading import FileError, read_table
from .report import ImportReport, RowError

_TEXT = ("name_ar", "name_fr", "registration_number", "phone", "email")
_FOREIGN_KEYS = ("kind", "region", "province", "commune")
_SPELLINGS = ("name_ar", "name_fr", "commune_name")
# Model fields whose errors belong to another column of the sheet.
_ERROR_COLUMN = {"commune_name": "commune", "primary_sector": "sectors"}

_Key = tuple[str, str]


class _Abort(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__()
        self.errors = errors


@dataclass
class _Plan:
    """What to do with one row once every row is known to be good."""

    number: int
    action: str  # "create", "update", "unchanged", or "invalid" for a bad row
    fields: dict[str, Any] = field(default_factory=dict)
    sectors: list[Sector] | None = None
    organization: Organization | None = None


@dataclass
class _Known:
    pk: int
    registration_number: str
    keys: set[_Key]


def _by_field(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {NON_FIELD_ERRORS: error.messages}


def _name_keys(names: Iterable[str]) -> set[str]:
    return {key for key in (normalize(name) for name in names) if key}


def _commune_keys(text: str, commune_id: int | None) -> set[str]:
    keys = {"t:" + normalize(text)}
    if commune_id:
        keys.add(f"c:{commune_id}")
    return keys


def _keys(names: Iterable[str], commune_text: str, commune_id: int | None) -> set[_Key]:
    communes = _commune_keys(commune_text, commune_id)
    return {(name, commune) for name in _name_keys(names) for commune in communes}


class _Importer:
    def __init__(self, actor, headers: dict[str, tuple[int, str]]) -> None:
        self.actor = actor
        self.headers = headers
        self.errors: list[RowError] = []
        self._cache: dict[tuple, Any] = {}
        self._by_registration: dict[str, _Known] = {}
        self._by_key: dict[_Key, list[_Known]] = {}
        recorded = Organization.objects.values_list(
            "pk", "name_ar", "name_fr", "commune_id", "commune_name", "registration_number"
        )
        for pk, name_ar, name_fr, commune_id, commune_name, number in recorded:
            known = _Known(pk, number, _keys((name_ar, name_fr), commune_name, commune_id))
            if number:
                self._by_registration[number] = known
            for key in known.keys:
                self._by_key.setdefault(key, []).append(known)
        self._changeable: set[int] | None = None
        # What earlier rows of the file claimed: registration numbers, names, organizations.
        self._seen_numbers: dict[str, int] = {}
        self._seen_keys: dict[_Key, tuple[int, str]] = {}
        self._seen_matches: dict[int, int] = {}

    # -- errors -----------------------------------------------------------------------

    def _column(self, name: str) -> str:
        """The header, as written in the file, of the column a field's error belongs to."""
        name = _ERROR_COLUMN.get(name, name)
        if name in columns.NAME_FIELDS and name not in self.headers:
            name = next((n for n in columns.NAME_FIELDS if n in self.headers), name)
        header = self.headers.get(name)
        return header[1] if header else ""

    def _add(self, errors: dict[str, list[str]], name: str, messages: Iterable[Any]) -> None:
        errors.setdefault(name, []).extend(str(message) for message in messages)

    # -- cached look-ups --------------------------------------------------------------

    def _cached(self, key: tuple, compute) -> Any:
        if key not in self._cache:
            try:
                self._cache[key] = compute()
            except ValidationError as exc:
                self._cache[key] = exc
        result = self._cache[key]
        if isinstance(result, ValidationError):
            raise result
        return result

    def _reference(self, name: str, value: str, region: Region | None = None) -> Any:
        if name == "region" and value.isdigit() and len(value) == 1:
            value = value.zfill(2)  # a spreadsheet turned the code "01" into 1
        if name == "province":
            return self._cached(
                (name, value, region.pk if region else None),
                lambda: references.resolve_province(value, region=region),
            )
        return self._cached((name, value), lambda: references.resolve(name, value))

    def _sectors(self, values: list[str]) -> list[Sector]:
        return self._cached(("sectors", *values), lambda: references.resolve_sectors(values))

    def _commune(
        self, text: str, province: Province | None, region: Region | None
    ) -> Commune | None:
        key = ("commune", text, province.pk if province else None, region.pk if region else None)
        return self._cached(key, lambda: match_commune(text, province=province, region=region))

    def _may_change(self, pk: int) -> bool:
        if self._changeable is None:
            self._changeable = set(
                registry_access.changeable_organizations_for(self.actor).values_list(
                    "pk", flat=True
                )
            )
        return pk in self._changeable

    # -- one row ----------------------------------------------------------------------

    def _convert(self, raw: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
        """Model field values for the non-empty cells of a row."""
        values: dict[str, Any] = {}
        for name in _TEXT:
            if name in raw and cells.text(raw[name]):
                values[name] = cells.text(raw[name])
        converters = [(n, cells.whole_number) for n in columns.INTEGER_FIELDS]
        converters += [("founded_year", cells.year)]
        converters += [(n, cells.boolean) for n in columns.BOOLEAN_FIELDS]
        for name, convert in converters:
            if name not in raw:
                continue
            try:
                value = convert(raw[name])
            except ValidationError as exc:
                self._add(errors, name, exc.messages)
                continue
            if value is not None:
                values[name] = value
        region = province = None
        for name in ("kind", "region", "province"):
            text = cells.text(raw.get(name))
            if not text:
                continue
            try:
                values[name] = self._reference(name, text, region=region)
            except ValidationError as exc:
                self._add(errors, name, exc.messages)
                continue
            region = values.get("region")
            province = values.get("province")
        if province is not None and "region" not in values and "region" not in errors:
            values["region"] = province.region
        commune = cells.text(raw.get("commune"))
        if commune:
            values["commune_name"] = commune
        return values

    def _match(
        self, number: int, values: dict[str, Any], keys: set[_Key], errors: dict[str, list[str]]
    ) -> tuple[Organization | None, bool]:
        """The recorded organization the row stands for, and False when the row is wrong."""
        registration = values.get("registration_number", "")
        name_column = "name_ar" if values.get("name_ar") else "name_fr"
        if registration:
            if registration in self._seen_numbers:
                message = _("The registration number “%(value)s” is already in row %(row)s.")
                params = {"value": registration, "row": self._seen_numbers[registration]}
                self._add(errors, "registration_number", [message % params])
                return None, False
            self._seen_numbers[registration] = number
        for key in keys:
            earlier = self._seen_keys.get(key)
            if earlier and not (registration and earlier[1]):
                message = _("This organization is already in row %(row)s.")
                self._add(errors, name_column, [message % {"row": earlier[0]}])
                return None, False
        for key in keys:
            self._seen_keys.setdefault(key, (number, registration))

        known = self._by_registration.get(registration) if registration else None
        if known is None:
            candidates = {
                k.pk: k
                for key in keys
                for k in self._by_key.get(key, [])
                if not registration or not k.registration_number
            }
            if len(candidates) > 1:
                message = _(
                    "This row matches %(count)s recorded organizations with the same name "
                    "and commune; add the registration number to say which one."
                )
                self._add(errors, name_column, [message % {"count": len(candidates)}])
                return None, False
            known = next(iter(candidates.values()), None)
        if known is None:
            return None, True
        if known.pk in self._seen_matches:
            message = _("This row and row %(row)s are the same organization.")
            self._add(errors, name_column, [message % {"row": self._seen_matches[known.pk]}])
            return None, False
        self._seen_matches[known.pk] = number
        if not self._may_change(known.pk):
            message = _("This row matches an organization that you may not change.")
            self._add(errors, NON_FIELD_ERRORS, [message])
            return None, False
        organization = (
            Organization.objects.select_related("kind", "region", "province", "commune")
            .prefetch_related("sectors")
            .get(pk=known.pk)
        )
        return organization, True

    def plan(self, number: int, row: list[Any]) -> _Plan:
        raw = {
            name: row[index] if index < len(row) else None
            for name, (index, _header) in self.headers.items()
        }
        errors: dict[str, list[str]] = {}
        values = self._convert(raw, errors)
        sectors: list[Sector] | None = None
        if "sectors" in raw and cells.items(raw["sectors"]):
            try:
                sectors = self._sectors(cells.items(raw["sectors"]))
            except ValidationError as exc:
                self._add(errors, "sectors", exc.messages)

        # Where the commune text points in the reference list, as the services will place it.
        base = values.get("province"), values.get("region")
        commune = None
        if values.get("commune_name") and base[1] is not None:
            commune = self._commune(values["commune_name"], *base)
        keys = _keys(
            (values.get("name_ar", ""), values.get("name_fr", "")),
            values.get("commune_name", ""),
            commune.pk if commune else None,
        )
        existing, matched = self._match(number, values, keys, errors)

        candidate = copy.copy(existing) if existing is not None else Organization()
        for name, value in values.items():
            setattr(candidate, name, value)
        if "commune_name" in values:
            region = candidate.region if candidate.region_id else None
            candidate.commune = self._commune(values["commune_name"], candidate.province, region)
        if candidate.commune is not None and candidate.province_id is None:
            candidate.province = candidate.commune.province
        try:
            # When matching failed the row is already wrong; checking it as a new organization
            # would only add confusing uniqueness errors.
            candidate.full_clean(validate_unique=matched, validate_constraints=matched)
        except ValidationError as exc:
            for name, messages in _by_field(exc).items():
                if not matched and name in ("registration_number", NON_FIELD_ERRORS):
                    continue
                if _ERROR_COLUMN.get(name, name) not in errors:
                    self._add(errors, _ERROR_COLUMN.get(name, name), messages)
        if errors:
            for name, messages in errors.items():
                column = self._column(name)
                self.errors.extend(RowError(number, column, message) for message in messages)
            return _Plan(number, "invalid")
        if existing is None:
            return _Plan(number, "create", fields=values, sectors=sectors)
        return self._changes(number, existing, candidate, values, sectors)

    def _changes(
        self,
        number: int,
        existing: Organization,
        candidate: Organization,
        values: dict[str, Any],
        sectors: list[Sector] | None,
    ) -> _Plan:
        changes: dict[str, Any] = {}
        for name in values:
            attribute = f"{name}_id" if name in _FOREIGN_KEYS else name
            new, old = getattr(candidate, attribute), getattr(existing, attribute)
            if name in _SPELLINGS and normalize(new) == normalize(old):
                continue  # the same name written another way: keep the recorded spelling
            if new != old:
                changes[name] = getattr(candidate, name)
        if "commune_name" in values and candidate.commune_id != existing.commune_id:
            changes["commune_name"] = candidate.commune_name
        if sectors is not None:
            recorded = {sector.pk for sector in existing.sectors.all()}
            same = existing.primary_sector_id == sectors[0].pk and recorded == {
                sector.pk for sector in sectors
            }
            sectors = None if same else sectors
        if not changes and sectors is None:
            return _Plan(number, "unchanged", organization=existing)
        return _Plan(number, "update", fields=changes, sectors=sectors, organization=existing)

    # -- writing ----------------------------------------------------------------------

    def write(self, plan: _Plan) -> None:
        try:
            if plan.action == "create":
                services.create_organization(
                    actor=self.actor, fields=plan.fields, sectors=plan.sectors or ()
                )
            elif plan.action == "update":
                services.update_organization(
                    actor=self.actor,
                    organization=plan.organization,
                    fields=plan.fields,
                    sectors=plan.sectors,
                )
        except ValidationError as exc:
            raise _Abort(
                [
                    RowError(plan.number, self._column(name), str(message))
                    for name, messages in _by_field(exc).items()
                    for message in messages
                ]
            ) from exc
        except IntegrityError as exc:
            message = _("This row conflicts with a change made meanwhile; import the file again.")
            raise _Abort([RowError(plan.number, "", message)]) from exc


def _map_headers(headers: list[str], report: ImportReport) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        name = columns.field_for(header)
        if name is None:
            report.ignored_columns.append(header)
        elif name in found:
            report.file_errors.append(
                _(
                    "The columns “%(first)s” and “%(second)s” both give the %(field)s; "
                    "keep only one."
                )
                % {"first": found[name][1], "second": header, "field": columns.label(name)}
            )
        else:
            found[name] = (index, header)
    for group in columns.REQUIRED:
        if not any(name in found for name in group):
            first, second = columns.REQUIRED_EXAMPLES[group[0]]
            report.file_errors.append(
                _(
                    "The column for the %(field)s is missing (for example “%(first)s” or "
                    "“%(second)s”)."
                )
                % {
                    "field": _("name") if group == columns.NAME_FIELDS else columns.label(group[0]),
                    "first": first,
                    "second": second,
                }
            )
    report.columns = {name: header for name, (_index, header) in found.items()}
    return found


def import_organizations(*, actor, file: IO, filename: str, dry_run: bool = False) -> ImportReport:
    """Import the organizations in a CSV or XLSX file; with dry_run, only check it."""
    if not registry_access.can_import(actor):
        raise PermissionDenied
    report = ImportReport(filename=filename, dry_run=dry_run)
    try:
        table = read_table(file, filename)
    except FileError as exc:
        report.file_errors.append(str(exc))
        return report
    headers = _map_headers(table.headers, report)
    report.rows = len(table.rows)
    if report.file_errors:
        return report
    if not table.rows:
        report.file_errors.append(_("The file has a header but no rows."))
        return report

    importer = _Importer(actor, headers)
    plans = [importer.plan(number, row) for number, row in table.rows]
    if importer.errors:
        report.row_errors = importer.errors
        return report
    if not dry_run:
        try:
            with transaction.atomic():
                for plan in plans:
                    importer.write(plan)
        except _Abort as abort:
            report.row_errors = abort.errors
            return report
        report.written = True
    report.created = sum(plan.action == "create" for plan in plans)
    report.updated = sum(plan.action == "update" for plan in plans)
    report.unchanged = sum(plan.action == "unchanged" for plan in plans)
    return report
