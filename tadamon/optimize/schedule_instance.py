"""Validation of a B2B scheduling instance into typed, immutable records.

Everything the model needs is checked here, once, so that the solvers can trust their input and
every error is one line naming the offending item (``requests[3].b 'x9' is not a participant id``).

Choices made here, all documented in ``schedule``:

- ``available`` null or absent means every slot; a slot listed twice counts once.
- ``weight`` absent means 1; weights are numbers >= 0, optimised as integers after scaling by the
  smallest power of ten (at most ``10**MAX_DECIMALS``) that makes them all exact.
- Two requests joining the same two participants (in either order) are rejected rather than
  merged or scheduled twice: summing their weights would guess at the caller's intent, and two
  meetings of the same pair are almost always the same wish entered from both sides.
- Ids are strings or integers; 7 and "7" are the same id for the duplicate checks (they collide
  as JSON object keys in agendas), but references must match the declared value exactly.
- Unknown fields are rejected, so that a misspelt ``availble`` cannot silently mean "always".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.numbers import is_number

MAX_DECIMALS = 4
# With the scaling above, keeps every sum of weights an exact integer in a float (HiGHS works in
# doubles): 10**6 * 10**4 per request, times 10**5 requests, stays below 2**53.
MAX_WEIGHT = 1_000_000
MAX_REQUESTS = 100_000

TOP_FIELDS = frozenset({"slots", "tables", "participants", "requests"})
PARTICIPANT_FIELDS = frozenset({"id", "available"})
REQUEST_FIELDS = frozenset({"a", "b", "weight"})

Id = str | int


@dataclass(frozen=True)
class Participant:
    index: int
    id: Id
    available: frozenset[int]  # slot indices


@dataclass(frozen=True)
class Request:
    index: int
    a: int  # participant indices
    b: int
    weight: float


@dataclass(frozen=True)
class Instance:
    slots: tuple[Id, ...]
    tables: int
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    weight_factor: int

    @cached_property
    def weights(self) -> tuple[int, ...]:
        """Scaled integer weights, one per request."""
        return tuple(round(r.weight * self.weight_factor) for r in self.requests)

    @cached_property
    def common(self) -> tuple[tuple[int, ...], ...]:
        """Per request, the slot indices (ascending) where both participants are available; a
        request can only be scheduled there."""
        if self.tables == 0:
            return tuple(() for _ in self.requests)
        avail = [p.available for p in self.participants]
        return tuple(tuple(sorted(avail[r.a] & avail[r.b])) for r in self.requests)

    @cached_property
    def priority(self) -> tuple[int, ...]:
        """Request indices by descending weight, ties by input order: the greedy's order."""
        return tuple(sorted(range(len(self.requests)), key=lambda r: (-self.weights[r], r)))

    def units(self, scaled: int) -> int | float:
        """A scaled total back in input units (an int when the weights were integers)."""
        if self.weight_factor == 1:
            return scaled
        return round(scaled / self.weight_factor, MAX_DECIMALS)


def parse_instance(raw: Any) -> Instance:
    """Validate ``raw`` (a decoded JSON object) and return the typed instance."""
    if not isinstance(raw, Mapping):
        raise InstanceError("the instance must be a JSON object")
    _reject_unknown(raw, TOP_FIELDS, "")
    for key in ("slots", "tables", "participants", "requests"):
        if key not in raw:
            raise InstanceError(f"{key} is required")
    slots = _parse_slots(raw["slots"])
    tables = raw["tables"]
    if not _is_int(tables) or tables < 0:
        raise InstanceError("tables must be an integer >= 0")
    participants = _parse_participants(raw["participants"], slots)
    requests = _parse_requests(raw["requests"], participants)
    return Instance(
        slots=slots,
        tables=tables,
        participants=participants,
        requests=requests,
        weight_factor=_weight_factor([r.weight for r in requests]),
    )


def _is_int(value: Any) -> bool:
    # bool is a subclass of int in Python, but `true` is not a count or an id.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_id(value: Any) -> bool:
    return (isinstance(value, str) and value != "") or _is_int(value)


def _reject_unknown(raw: Mapping[str, Any], known: frozenset[str], prefix: str) -> None:
    for key in raw:
        if key not in known:
            raise InstanceError(f"{prefix}{key} is not a known field")


def _check_unique(ids: list[Id], field: str, suffix: str = "") -> None:
    """Reject an id that repeats an earlier one, also as text (7 and "7")."""
    first: dict[str, int] = {}
    for i, value in enumerate(ids):
        key = str(value)
        if key in first:
            raise InstanceError(
                f"{field}[{i}]{suffix} {value!r} duplicates {field}[{first[key]}]{suffix}"
            )
        first[key] = i


def _parse_slots(raw: Any) -> tuple[Id, ...]:
    if not isinstance(raw, list):
        raise InstanceError("slots must be a list of slot ids")
    for t, value in enumerate(raw):
        if not _is_id(value):
            raise InstanceError(f"slots[{t}] must be a non-empty string or an integer")
    _check_unique(raw, "slots")
    return tuple(raw)


def _parse_participants(raw: Any, slots: tuple[Id, ...]) -> tuple[Participant, ...]:
    if not isinstance(raw, list):
        raise InstanceError("participants must be a list")
    slot_index = {value: t for t, value in enumerate(slots)}
    participants = tuple(_parse_participant(item, i, slot_index) for i, item in enumerate(raw))
    _check_unique([p.id for p in participants], "participants", ".id")
    return participants


def _parse_participant(raw: Any, index: int, slot_index: dict[Id, int]) -> Participant:
    field = f"participants[{index}]"
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{field} must be an object")
    _reject_unknown(raw, PARTICIPANT_FIELDS, f"{field}.")
    value = raw.get("id")
    if not _is_id(value):
        raise InstanceError(f"{field}.id must be a non-empty string or an integer")
    return Participant(
        index=index,
        id=value,
        available=_parse_available(raw.get("available"), f"{field}.available", slot_index),
    )


def _parse_available(raw: Any, field: str, slot_index: dict[Id, int]) -> frozenset[int]:
    if raw is None:
        return frozenset(slot_index.values())
    if not isinstance(raw, list):
        raise InstanceError(f"{field} must be a list of slot ids or null")
    chosen = set()
    for k, value in enumerate(raw):
        # The isinstance guard keeps unhashable values (lists, objects) out of the lookup.
        if not _is_id(value) or value not in slot_index:
            raise InstanceError(f"{field}[{k}] {value!r} is not a slot id")
        chosen.add(slot_index[value])
    return frozenset(chosen)


def _parse_requests(raw: Any, participants: tuple[Participant, ...]) -> tuple[Request, ...]:
    if not isinstance(raw, list):
        raise InstanceError("requests must be a list")
    if len(raw) > MAX_REQUESTS:
        raise InstanceError(f"requests must hold at most {MAX_REQUESTS} items")
    index_of = {p.id: p.index for p in participants}
    requests = tuple(_parse_request(item, r, index_of) for r, item in enumerate(raw))
    first: dict[frozenset[int], int] = {}
    for request in requests:
        pair = frozenset((request.a, request.b))
        if pair in first:
            a, b = participants[request.a].id, participants[request.b].id
            raise InstanceError(
                f"requests[{request.index}] joins {a!r} and {b!r} again, like "
                f"requests[{first[pair]}]; give each pair one request"
            )
        first[pair] = request.index
    return requests


def _parse_request(raw: Any, index: int, index_of: dict[Id, int]) -> Request:
    field = f"requests[{index}]"
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{field} must be an object")
    _reject_unknown(raw, REQUEST_FIELDS, f"{field}.")
    ends = []
    for end in ("a", "b"):
        value = raw.get(end)
        if not _is_id(value) or value not in index_of:
            raise InstanceError(f"{field}.{end} {value!r} is not a participant id")
        ends.append(index_of[value])
    if ends[0] == ends[1]:
        raise InstanceError(f"{field} joins {raw['a']!r} with itself")
    return Request(index=index, a=ends[0], b=ends[1], weight=_parse_weight(raw, field))


def _parse_weight(raw: Mapping[str, Any], field: str) -> float:
    value = raw.get("weight", 1)
    if not is_number(value) or value < 0:
        raise InstanceError(f"{field}.weight must be a number >= 0")
    if value > MAX_WEIGHT:
        raise InstanceError(f"{field}.weight must be at most {MAX_WEIGHT}")
    return value


def _weight_factor(weights: list[float]) -> int:
    """The smallest power of ten that turns every weight into an integer, capped; beyond the cap
    weights are compared after rounding to MAX_DECIMALS decimals."""
    for decimals in range(MAX_DECIMALS + 1):
        factor = 10**decimals
        if all(math.isclose(w * factor, round(w * factor), abs_tol=1e-9) for w in weights):
            return factor
    return 10**MAX_DECIMALS
