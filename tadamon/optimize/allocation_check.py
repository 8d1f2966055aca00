"""Re-checking an allocation edited by hand: what each assignment breaks, in words and in codes.

``violations(instance, assignments)`` takes an allocation instance (as for ``allocate``) and a list
of ``{exhibitor, wave, booth}`` (an ``allocate`` output after an organizer's moves) and returns one
item per broken rule: ``{rule, hard, exhibitor, wave, booth, message}``. ``rule`` is a stable code
for the Django layer to translate; ``message`` is an English sentence naming the items. ``hard``
is false only for ``same_sector_neighbour``, which an organizer may accept knowingly.

Rules: ``unknown_exhibitor``, ``unknown_wave``, ``unknown_booth``, ``exhibitor_twice``,
``booth_taken`` (another exhibitor holds it in that wave), ``wave_full``, ``wave_not_accepted``,
``needs_accessible``, ``outside_zones`` (the exhibitor's own zones), ``sector_zone``
(``sector_zones``), ``same_sector_neighbour``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tadamon.optimize.allocation_instance import Instance, parse_instance
from tadamon.optimize.errors import InstanceError


def violations(instance: dict[str, Any], assignments: Any) -> list[dict[str, Any]]:
    """Validate ``instance`` (raising ``InstanceError``) and list what ``assignments`` break,
    in the order of the assignments, same-sector neighbours last."""
    inst = parse_instance(instance)
    if not isinstance(assignments, list):
        raise InstanceError("assignments must be a list of {exhibitor, wave, booth}")
    exhibitor_at = {str(e.id): e.index for e in inst.exhibitors}
    booth_at = {str(b.id): b.index for b in inst.booths}
    found: list[dict[str, Any]] = []
    placed: dict[tuple[int, int], int] = {}  # (wave, booth) -> exhibitor
    seen: Counter[int] = Counter()
    load: Counter[int] = Counter()
    for k, item in enumerate(assignments):
        if not isinstance(item, dict) or set(item) != {"exhibitor", "wave", "booth"}:
            raise InstanceError(f"assignments[{k}] must be an object {{exhibitor, wave, booth}}")
        ex_id, wave, booth_id = item["exhibitor"], item["wave"], item["booth"]
        e, b = exhibitor_at.get(str(ex_id)), booth_at.get(str(booth_id))
        w = inst.waves.index(wave) if wave in inst.waves else None
        broken: list[tuple[str, str]] = []
        if e is None:
            broken.append(("unknown_exhibitor", f"{ex_id!r} is not an exhibitor of this event"))
        if w is None:
            broken.append(("unknown_wave", f"{wave!r} is not a wave of this event"))
        if b is None:
            broken.append(("unknown_booth", f"{booth_id!r} is not a booth of this event"))
        if e is not None and w is not None and b is not None:
            seen[e] += 1
            if seen[e] == 2:
                broken.append(("exhibitor_twice", f"{ex_id!r} has more than one booth"))
            if (w, b) in placed:
                other = inst.exhibitors[placed[w, b]].id
                message = f"booth {booth_id!r} is already {other!r}'s in wave {wave!r}"
                broken.append(("booth_taken", message))
            else:
                placed[w, b] = e
            load[w] += 1
            if load[w] == inst.capacity + 1:
                message = f"wave {wave!r} holds more than {inst.capacity} exhibitors"
                broken.append(("wave_full", message))
            broken += _local_rules(inst, e, w, b)
        found += [_item(rule, True, ex_id, wave, booth_id, text) for rule, text in broken]
    return found + _neighbours(inst, placed)


def _item(rule: str, hard: bool, exhibitor: Any, wave: Any, booth: Any, message: str) -> dict:
    return {
        "rule": rule,
        "hard": hard,
        "exhibitor": exhibitor,
        "wave": wave,
        "booth": booth,
        "message": message,
    }


def _local_rules(inst: Instance, e: int, w: int, b: int) -> list[tuple[str, str]]:
    """The rules that depend on this exhibitor, wave and booth alone: (code, message)."""
    ex, booth = inst.exhibitors[e], inst.booths[b]
    broken = []
    if ex.waves is not None and inst.waves[w] not in ex.waves:
        broken.append(("wave_not_accepted", f"{ex.id!r} does not come in wave {inst.waves[w]!r}"))
    if ex.needs_accessible and not booth.accessible:
        message = f"{ex.id!r} needs an accessible booth; {booth.id!r} is not one"
        broken.append(("needs_accessible", message))
    if ex.zones is not None and booth.zone not in ex.zones:
        message = f"{ex.id!r} asked for zones {list(ex.zones)}; {booth.id!r} is not in them"
        broken.append(("outside_zones", message))
    confined = inst.confinement(ex)
    if confined is not None and booth.zone not in confined:
        message = f"sector {ex.sector!r} belongs in zones {sorted(confined)}; {booth.id!r} is not"
        broken.append(("sector_zone", message))
    return broken


def _neighbours(inst: Instance, placed: dict[tuple[int, int], int]) -> list[dict[str, Any]]:
    found = []
    for w, wave in enumerate(inst.waves):
        for b, c in inst.edges:
            first, second = placed.get((w, b)), placed.get((w, c))
            if first is None or second is None:
                continue
            sector = inst.exhibitors[first].sector
            if sector is None or sector != inst.exhibitors[second].sector:
                continue
            ex, other = inst.exhibitors[second].id, inst.exhibitors[first].id
            here, there = inst.booths[c].id, inst.booths[b].id
            message = (
                f"{ex!r} and {other!r} ({sector}) are neighbours in wave {wave!r}, "
                f"at {here!r} and {there!r}"
            )
            found.append(_item("same_sector_neighbour", False, ex, wave, here, message))
    return found
