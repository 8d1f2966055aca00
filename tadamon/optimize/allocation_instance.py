"""Validation of an allocation instance (SPEC 6, ``allocate``) into typed, immutable records.

Everything the model needs is checked here, once, so that the model, the greedy and the report can
trust their input, and every error is one line naming the offending item
(``adjacency[3][1] 'B99' is not a booth id``).

Lenient on purpose: ``accessible`` and ``needs_accessible`` default to false; ``zone``,
``sector``, ``region``, ``waves``, ``zones``, ``adjacency``, ``wave_capacity`` and
``sector_zones`` may be left out (null). Strict on purpose: unknown fields are rejected, because a
misspelt ``needs-accessible`` would otherwise silently read as false and seat someone on steps.

Ids of booths and exhibitors are non-empty strings or integers, unique per list; ``7`` and ``"7"``
count as the same id because the Django layer and JSON object keys would confuse them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.numbers import is_number

Id = str | int

TOP_FIELDS = frozenset(
    {
        "booths",
        "adjacency",
        "waves",
        "wave_capacity",
        "exhibitors",
        "sector_zones",
        "time_limit_s",
        "method",
    }
)
BOOTH_FIELDS = frozenset({"id", "zone", "accessible"})
EXHIBITOR_FIELDS = frozenset({"id", "sector", "region", "waves", "needs_accessible", "zones"})
METHODS = ("mip", "greedy")
DEFAULT_TIME_LIMIT_S = 30.0


@dataclass(frozen=True)
class Booth:
    index: int
    id: Id
    zone: str | None
    accessible: bool


@dataclass(frozen=True)
class Exhibitor:
    index: int
    id: Id
    sector: str | None
    region: str | None
    waves: tuple[str, ...] | None
    needs_accessible: bool
    zones: tuple[str, ...] | None


@dataclass(frozen=True)
class Instance:
    booths: tuple[Booth, ...]
    # Unordered pairs of booth indices, each once, smaller index first, sorted.
    edges: tuple[tuple[int, int], ...]
    waves: tuple[str, ...]
    capacity: int  # per wave, at most the number of booths
    exhibitors: tuple[Exhibitor, ...]
    sector_zones: dict[str, frozenset[str]]  # sector -> the zones it is confined to
    time_limit_s: float
    method: str

    @cached_property
    def neighbours(self) -> tuple[tuple[int, ...], ...]:
        adjacent: list[list[int]] = [[] for _ in self.booths]
        for b, c in self.edges:
            adjacent[b].append(c)
            adjacent[c].append(b)
        return tuple(tuple(sorted(row)) for row in adjacent)

    @cached_property
    def open_waves(self) -> tuple[int, ...]:
        """Wave indices that can hold anybody at all."""
        return tuple(range(len(self.waves))) if self.capacity > 0 else ()

    @cached_property
    def allowed_waves(self) -> tuple[tuple[int, ...], ...]:
        """Per exhibitor, the open waves it accepts, in instance order."""
        return tuple(
            tuple(w for w in self.open_waves if e.waves is None or self.waves[w] in e.waves)
            for e in self.exhibitors
        )

    @cached_property
    def compatible(self) -> tuple[tuple[int, ...], ...]:
        """Per exhibitor, the booths (indices, ascending) it may occupy in any wave."""
        # Exhibitors with the same needs share one list: a national fair has ~1,000 exhibitors
        # but only dozens of distinct (accessibility, zones, confinement) combinations.
        lists: dict[tuple[object, ...], tuple[int, ...]] = {}
        result = []
        for e in self.exhibitors:
            key = (e.needs_accessible, e.zones, self.confinement(e))
            if key not in lists:
                lists[key] = tuple(b.index for b in self.booths if self.fits(e, b))
            result.append(lists[key])
        return tuple(result)

    def confinement(self, exhibitor: Exhibitor) -> frozenset[str] | None:
        """The zones the exhibitor's sector is confined to by sector_zones, None if free."""
        return None if exhibitor.sector is None else self.sector_zones.get(exhibitor.sector)

    def fits(self, exhibitor: Exhibitor, booth: Booth) -> bool:
        """Accessibility and zones, the hard constraints that depend on the booth alone."""
        if exhibitor.needs_accessible and not booth.accessible:
            return False
        if exhibitor.zones is not None and booth.zone not in exhibitor.zones:
            return False
        confined = self.confinement(exhibitor)
        return confined is None or booth.zone in confined

    def placeable(self, e: int) -> bool:
        return bool(self.allowed_waves[e]) and bool(self.compatible[e])


def parse_instance(raw: Any, time_limit_s: float | None = None) -> Instance:
    """Validate ``raw`` (a decoded JSON object); ``time_limit_s`` overrides the instance's."""
    if not isinstance(raw, Mapping):
        raise InstanceError("the instance must be a JSON object")
    _reject_unknown(raw, TOP_FIELDS, "")
    for field in ("booths", "waves", "exhibitors"):
        if field not in raw:
            raise InstanceError(f"{field} is required")
    booths = _parse_booths(raw["booths"])
    zones = {b.zone for b in booths if b.zone is not None}
    waves = _parse_waves(raw["waves"])
    if time_limit_s is None:
        time_limit_s = raw.get("time_limit_s", DEFAULT_TIME_LIMIT_S)
    return Instance(
        booths=booths,
        edges=_parse_adjacency(raw.get("adjacency"), booths),
        waves=waves,
        capacity=_parse_capacity(raw.get("wave_capacity"), len(booths)),
        exhibitors=_parse_exhibitors(raw["exhibitors"], set(waves), zones),
        sector_zones=_parse_sector_zones(raw.get("sector_zones"), zones),
        time_limit_s=_positive_number(time_limit_s, "time_limit_s"),
        method=_parse_method(raw.get("method")),
    )


def _is_int(value: Any) -> bool:
    # bool is a subclass of int in Python, but `true` is neither an id nor a capacity.
    return isinstance(value, int) and not isinstance(value, bool)


def _reject_unknown(raw: Mapping[str, Any], known: frozenset[str], prefix: str) -> None:
    for key in raw:
        if key not in known:
            raise InstanceError(f"{prefix}{key} is not a known field")


def _positive_number(value: Any, field: str) -> float:
    if not is_number(value) or value <= 0:
        raise InstanceError(f"{field} must be a number > 0")
    return float(value)


def _parse_method(value: Any) -> str:
    if value is None:
        return "mip"
    if value not in METHODS:
        raise InstanceError('method must be "mip" or "greedy"')
    return value


def _parse_id(value: Any, field: str) -> Id:
    if (isinstance(value, str) and value) or _is_int(value):
        return value
    raise InstanceError(f"{field} must be a non-empty string or an integer")


def _unique_ids(items: tuple[Booth, ...] | tuple[Exhibitor, ...], name: str) -> None:
    first: dict[str, int] = {}
    for item in items:
        key = str(item.id)
        if key in first:
            raise InstanceError(
                f"{name}[{item.index}].id {item.id!r} duplicates {name}[{first[key]}].id"
            )
        first[key] = item.index


def _flag(value: Any, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InstanceError(f"{field} must be true or false")
    return value


def _code(value: Any, field: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not value):
        raise InstanceError(f"{field} must be a non-empty string or null")
    return value


def _object(raw: Any, field: str, known: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{field} must be an object")
    _reject_unknown(raw, known, f"{field}.")
    return raw


def _parse_booths(raw: Any) -> tuple[Booth, ...]:
    if not isinstance(raw, list):
        raise InstanceError("booths must be a list")
    booths = []
    for index, item in enumerate(raw):
        field = f"booths[{index}]"
        data = _object(item, field, BOOTH_FIELDS)
        booths.append(
            Booth(
                index=index,
                id=_parse_id(data.get("id"), f"{field}.id"),
                zone=_code(data.get("zone"), f"{field}.zone"),
                accessible=_flag(data.get("accessible"), f"{field}.accessible"),
            )
        )
    result = tuple(booths)
    _unique_ids(result, "booths")
    return result


def _parse_adjacency(raw: Any, booths: tuple[Booth, ...]) -> tuple[tuple[int, int], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InstanceError("adjacency must be a list of [booth, booth] pairs or null")
    index_of = {str(b.id): b.index for b in booths}
    edges: set[tuple[int, int]] = set()
    for k, pair in enumerate(raw):
        field = f"adjacency[{k}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise InstanceError(f"{field} must be a pair [booth, booth]")
        ends = []
        for side, booth_id in enumerate(pair):
            if (
                not (isinstance(booth_id, str) or _is_int(booth_id))
                or str(booth_id) not in index_of
            ):
                raise InstanceError(f"{field}[{side}] {booth_id!r} is not a booth id")
            ends.append(index_of[str(booth_id)])
        if ends[0] == ends[1]:
            raise InstanceError(f"{field} joins booth {pair[0]!r} to itself")
        # A pair listed twice, or in both directions, is still one neighbourhood.
        edges.add((min(ends), max(ends)))
    return tuple(sorted(edges))


def _parse_waves(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise InstanceError("waves must be a non-empty list of labels")
    seen: dict[str, int] = {}
    for w, label in enumerate(raw):
        if not isinstance(label, str) or not label:
            raise InstanceError(f"waves[{w}] must be a non-empty string")
        if label in seen:
            raise InstanceError(f"waves[{w}] {label!r} duplicates waves[{seen[label]}]")
        seen[label] = w
    return tuple(raw)


def _parse_capacity(raw: Any, booth_count: int) -> int:
    if raw is None:
        return booth_count
    if not _is_int(raw) or raw < 0:
        raise InstanceError("wave_capacity must be an integer >= 0 or null")
    # Nobody can be placed beyond the booths, whatever the capacity says.
    return min(raw, booth_count)


def _labels(value: Any, field: str, known: set[str], what: str) -> tuple[str, ...] | None:
    """A list of known labels (duplicates dropped, order kept), or None for null."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise InstanceError(f"{field} must be a list of {what}s or null")
    for k, label in enumerate(value):
        if not isinstance(label, str) or label not in known:
            raise InstanceError(f"{field}[{k}] {label!r} is not a known {what}")
    return tuple(dict.fromkeys(value))


def _parse_exhibitors(raw: Any, waves: set[str], zones: set[str]) -> tuple[Exhibitor, ...]:
    if not isinstance(raw, list):
        raise InstanceError("exhibitors must be a list")
    exhibitors = []
    for index, item in enumerate(raw):
        field = f"exhibitors[{index}]"
        data = _object(item, field, EXHIBITOR_FIELDS)
        exhibitors.append(
            Exhibitor(
                index=index,
                id=_parse_id(data.get("id"), f"{field}.id"),
                sector=_code(data.get("sector"), f"{field}.sector"),
                region=_code(data.get("region"), f"{field}.region"),
                waves=_labels(data.get("waves"), f"{field}.waves", waves, "wave label"),
                needs_accessible=_flag(data.get("needs_accessible"), f"{field}.needs_accessible"),
                zones=_labels(data.get("zones"), f"{field}.zones", zones, "booth zone"),
            )
        )
    result = tuple(exhibitors)
    _unique_ids(result, "exhibitors")
    return result


def _parse_sector_zones(raw: Any, zones: set[str]) -> dict[str, frozenset[str]]:
    """``{zone: [sector]}`` turned around: each listed sector to the zones it may go to."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InstanceError("sector_zones must be an object mapping zones to sectors, or null")
    confined: dict[str, set[str]] = {}
    for zone, sectors in raw.items():
        field = f"sector_zones.{zone}"
        if zone not in zones:
            raise InstanceError(f"{field}: {zone!r} is not the zone of any booth")
        if not isinstance(sectors, list):
            raise InstanceError(f"{field} must be a list of sectors")
        for k, sector in enumerate(sectors):
            if not isinstance(sector, str) or not sector:
                raise InstanceError(f"{field}[{k}] must be a non-empty string")
            confined.setdefault(sector, set()).add(zone)
    return {sector: frozenset(allowed) for sector, allowed in confined.items()}
