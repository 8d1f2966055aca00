"""Seeded allocation instances shaped like the reference fairs.

Booths stand on a rectangular grid (neighbours share a side), split into rectangular zones (halls
or aisles); a quarter of the booths are accessible (ground level, wide aisle). A third of the
sectors are confined by ``sector_zones`` (food to the food hall, and so on), each to one zone.
Exhibitors come in confirmation order; 10% need an accessible booth, 30% can come to only some of
the waves, 10% of those whose sector is free ask for one of two zones. The booths are as many as
the exhibitors (every slot of every wave is wanted), as in E1, which makes the instance tight.
"""

from __future__ import annotations

import random
from typing import Any


def grid_fair(
    seed: int = 1,
    *,
    exhibitors: int = 180,
    waves: int = 3,
    rows: int = 6,
    cols: int = 10,
    zone_rows: int = 2,
    zone_cols: int = 2,
    sectors: int = 12,
    regions: int = 12,
    accessible_need: float = 0.10,
    accessible_booths: float = 0.25,
    partial_waves: float = 0.30,
    zone_wishes: float = 0.10,
) -> dict[str, Any]:
    rng = random.Random(seed)
    zone_labels = [f"Z{n + 1}" for n in range(zone_rows * zone_cols)]
    booths = []
    for r in range(rows):
        for c in range(cols):
            zone = (r * zone_rows // rows) * zone_cols + c * zone_cols // cols
            booths.append(
                {
                    "id": _booth_id(r, c),
                    "zone": zone_labels[zone],
                    "accessible": rng.random() < accessible_booths,
                }
            )
    adjacency = [
        [_booth_id(r, c), _booth_id(r, c + 1)] for r in range(rows) for c in range(cols - 1)
    ]
    adjacency += [
        [_booth_id(r, c), _booth_id(r + 1, c)] for r in range(rows - 1) for c in range(cols)
    ]
    wave_labels = [f"W{n + 1}" for n in range(waves)]
    sector_labels = [f"S{n + 1:02d}" for n in range(sectors)]
    region_labels = [f"R{n + 1:02d}" for n in range(regions)]
    confined = sector_labels[: sectors // 3]
    sector_zones: dict[str, list[str]] = {}
    for n, sector in enumerate(confined):
        sector_zones.setdefault(zone_labels[n % len(zone_labels)], []).append(sector)
    needing = set(rng.sample(range(exhibitors), round(accessible_need * exhibitors)))
    people = []
    for n in range(exhibitors):
        sector = rng.choice(sector_labels)
        own_waves = None
        if waves > 1 and rng.random() < partial_waves:
            own_waves = sorted(rng.sample(wave_labels, rng.randint(1, waves - 1)))
        zones = None
        if sector not in confined and rng.random() < zone_wishes:
            zones = sorted(rng.sample(zone_labels, min(2, len(zone_labels))))
        people.append(
            {
                "id": f"X{n + 1:04d}",
                "sector": sector,
                "region": rng.choice(region_labels),
                "waves": own_waves,
                "needs_accessible": n in needing,
                "zones": zones,
            }
        )
    return {
        "booths": booths,
        "adjacency": adjacency,
        "waves": wave_labels,
        "wave_capacity": rows * cols,
        "exhibitors": people,
        "sector_zones": sector_zones,
    }


def _booth_id(row: int, col: int) -> str:
    return f"B{row + 1:02d}-{col + 1:02d}"


def e1(seed: int = 1) -> dict[str, Any]:
    """The issue's E1 scale: 180 exhibitors, 3 waves x 60 booths, 12 sectors, 4 zones."""
    return grid_fair(seed)


def national(seed: int = 1) -> dict[str, Any]:
    """The issue's national fair: 1,000 exhibitors, 2 waves x 500 booths (a 20 x 25 grid in
    8 zones), 16 sectors, 12 regions."""
    return grid_fair(
        seed, exhibitors=1000, waves=2, rows=20, cols=25, zone_rows=2, zone_cols=4, sectors=16
    )
