"""The booths of an event's floor plan: added from a list, or generated as a grid.

Both are all-or-nothing: one bad booth (or a code used twice) and nothing is created, so
an organizer never has to find out which half of a plan went in.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Booth, Event

BOOTH_FIELDS = ("code", "zone", "accessible", "size_m2", "row", "column")
MAX_BOOTHS = 2000  # per request and per grid; the largest fairs have a few hundred
MAX_ROWS = 100
MAX_COLUMNS = 200


def _add_error(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _duplicates(codes: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for code in codes:
        if code in seen and code not in repeated:
            repeated.append(code)
        seen.add(code)
    return repeated


def _build(event: Event, specs: Sequence[Mapping[str, Any]]) -> list[Booth]:
    """Unsaved booths for `specs`, or a ValidationError naming every bad booth by code."""
    errors: dict[str, list[str]] = {}
    if not specs:
        raise ValidationError({"booths": _("Give at least one booth.")})
    if len(specs) > MAX_BOOTHS:
        raise ValidationError(
            {"booths": _("At most %(max)s booths at a time.") % {"max": MAX_BOOTHS}}
        )
    booths: list[Booth] = []
    for position, spec in enumerate(specs, start=1):
        unknown = set(spec) - set(BOOTH_FIELDS)
        if unknown:
            raise ValueError(f"Not fields of a booth: {sorted(unknown)}")
        code = str(spec.get("code") or "").strip()
        label = code or _("number %(position)s") % {"position": position}
        booth = Booth(
            event=event,
            code=code,
            zone=str(spec.get("zone") or "").strip(),
            accessible=bool(spec.get("accessible", False)),
            size_m2=spec.get("size_m2"),
            row=spec.get("row"),
            column=spec.get("column"),
        )
        invalid: dict[str, list[str]] = {}
        try:
            booth.full_clean(exclude=["event"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            invalid = error.message_dict
        for field, messages in invalid.items():
            for message in messages:
                _add_error(
                    errors,
                    field,
                    _("Booth %(booth)s: %(message)s") % {"booth": label, "message": message},
                )
        if "size_m2" not in invalid and booth.size_m2 is not None and booth.size_m2 <= 0:
            _add_error(
                errors,
                "size_m2",
                _("Booth %(booth)s: the size must be greater than 0.") % {"booth": label},
            )
        booths.append(booth)
    codes = [booth.code for booth in booths if booth.code]
    repeated = _duplicates(codes)
    if repeated:
        _add_error(
            errors,
            "code",
            _("These codes are given more than once: %(codes)s.") % {"codes": ", ".join(repeated)},
        )
    taken = sorted(event.booths.filter(code__in=codes).values_list("code", flat=True))
    if taken:
        _add_error(
            errors,
            "code",
            _("The event already has booths with these codes: %(codes)s.")
            % {"codes": ", ".join(taken)},
        )
    if errors:
        raise ValidationError(errors)
    return booths


@transaction.atomic
def add_booths(*, actor: Any, event: Event, booths: Sequence[Mapping[str, Any]]) -> list[Booth]:
    """Create booths from a list of {code, zone, accessible, size_m2, row, column}."""
    require_event_manager(actor, event)
    created = Booth.objects.bulk_create(_build(event, booths))
    audit.record(
        actor=actor,
        action="events.booths.added",
        obj=event,
        data={"codes": [booth.code for booth in created]},
    )
    return created


def row_letters(row: int) -> str:
    """1 → "A", 26 → "Z", 27 → "AA": the row names of a spreadsheet."""
    letters = ""
    while row > 0:
        row, rest = divmod(row - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def grid_code(prefix: str, row: int, column: int, columns: int) -> str:
    width = max(2, len(str(columns)))
    return f"{prefix}{row_letters(row)}-{column:0{width}d}"


def _zone_per_row(zones: Sequence[str] | Mapping[int, str] | None, rows: int) -> dict[int, str]:
    if not zones:
        return {}
    if isinstance(zones, Mapping):
        outside = [row for row in zones if not 1 <= int(row) <= rows]
        if outside:
            raise ValidationError(
                {"zones": _("There is no row %(row)s in this grid.") % {"row": outside[0]}}
            )
        return {int(row): str(name).strip() for row, name in zones.items()}
    names = [str(name).strip() for name in zones]
    if len(names) == 1:
        return dict.fromkeys(range(1, rows + 1), names[0])
    if len(names) != rows:
        raise ValidationError(
            {
                "zones": _(
                    "Give one zone name per row (%(rows)s), or a single one for every row; "
                    "%(count)s were given."
                )
                % {"rows": rows, "count": len(names)}
            }
        )
    return dict(enumerate(names, start=1))


def grid_specs(
    *,
    rows: int,
    columns: int,
    zones: Sequence[str] | Mapping[int, str] | None = None,
    prefix: str = "",
    accessible_rows: Iterable[int] = (),
    size_m2: Decimal | None = None,
) -> list[dict[str, Any]]:
    """The booths of a rows × columns grid: codes "A-01", "A-02", ..., "B-01", ..."""
    errors: dict[str, str] = {}
    if not 1 <= rows <= MAX_ROWS:
        errors["rows"] = _("Between 1 and %(max)s rows.") % {"max": MAX_ROWS}
    if not 1 <= columns <= MAX_COLUMNS:
        errors["columns"] = _("Between 1 and %(max)s booths per row.") % {"max": MAX_COLUMNS}
    if not errors and rows * columns > MAX_BOOTHS:
        errors["columns"] = _("At most %(max)s booths in a grid.") % {"max": MAX_BOOTHS}
    accessible = {int(row) for row in accessible_rows}
    if any(not 1 <= row <= rows for row in accessible) and "rows" not in errors:
        errors["accessible_rows"] = _("Accessible rows must be between 1 and %(rows)s.") % {
            "rows": rows
        }
    if errors:
        raise ValidationError(errors)
    zone_of = _zone_per_row(zones, rows)
    prefix = prefix.strip()
    return [
        {
            "code": grid_code(prefix, row, column, columns),
            "zone": zone_of.get(row, ""),
            "accessible": row in accessible,
            "size_m2": size_m2,
            "row": row,
            "column": column,
        }
        for row in range(1, rows + 1)
        for column in range(1, columns + 1)
    ]


@transaction.atomic
def generate_booth_grid(
    *,
    actor: Any,
    event: Event,
    rows: int,
    columns: int,
    zones: Sequence[str] | Mapping[int, str] | None = None,
    prefix: str = "",
    accessible_rows: Iterable[int] = (),
    size_m2: Decimal | None = None,
) -> list[Booth]:
    """Create rows × columns booths; `zones` names each row's zone (a list with one name per
    row, one name for all, or a mapping row → name); rows count from 1."""
    require_event_manager(actor, event)
    specs = grid_specs(
        rows=rows,
        columns=columns,
        zones=zones,
        prefix=prefix,
        accessible_rows=accessible_rows,
        size_m2=size_m2,
    )
    created = Booth.objects.bulk_create(_build(event, specs))
    audit.record(
        actor=actor,
        action="events.booths.generated",
        obj=event,
        data={"rows": rows, "columns": columns, "prefix": prefix, "count": len(created)},
    )
    return created


@transaction.atomic
def delete_booths(*, actor: Any, event: Event, booths: Iterable[Booth] | None = None) -> int:
    """Delete the given booths of `event`, or all of them; answers how many went."""
    require_event_manager(actor, event)
    queryset = event.booths.all()
    if booths is not None:
        queryset = queryset.filter(pk__in=[booth.pk for booth in booths])
    codes = list(queryset.values_list("code", flat=True))
    queryset.delete()
    audit.record(actor=actor, action="events.booths.deleted", obj=event, data={"codes": codes})
    return len(codes)
