"""Seeded B2B scheduling instances shaped like a fair's meeting day.

Buyers (companies, marketing and e-commerce platforms) request meetings with exhibitors
(cooperatives); popular exhibitors are asked far more often than others, a share of the
participants come for half a day or miss a block of slots, and a few requests join two
exhibitors (cooperatives looking for partners), so the requests are not purely bipartite.
"""

from __future__ import annotations

import random
from typing import Any

# Interest levels 1 (curious) .. 5 (must meet), low levels being the most common.
WEIGHTS = [1, 2, 3, 4, 5]
WEIGHT_ODDS = [30, 25, 20, 15, 10]


def b2b(
    seed: int = 1,
    *,
    participants: int = 300,
    requests: int = 2000,
    slots: int = 16,
    tables: int = 40,
    buyer_share: float = 1 / 3,
    partial_share: float = 0.3,
    peer_share: float = 0.05,
    weighted: bool = True,
) -> dict[str, Any]:
    """The benchmark instance: by default 100 buyers, 200 exhibitors, 2,000 requests, 16 slots,
    40 tables; 30% of participants partly available; 5% exhibitor-exhibitor requests."""
    rng = random.Random(seed)
    slot_ids = [f"T{t + 1:02d}" for t in range(slots)]
    n_buyers = round(participants * buyer_share)
    buyers = [f"B{i + 1:03d}" for i in range(n_buyers)]
    exhibitors = [f"E{i + 1:03d}" for i in range(participants - n_buyers)]
    people = [
        {"id": pid, "available": _availability(rng, slot_ids, partial_share)}
        for pid in buyers + exhibitors
    ]
    # Zipf-like popularity: the exhibitor ranked k is asked about 1/(k+1)**0.8 as often.
    popularity = [1 / (k + 1) ** 0.8 for k in range(len(exhibitors))]
    pairs: set[frozenset[str]] = set()
    items = []
    peers = round(requests * peer_share)
    while len(items) < requests:
        if len(items) < requests - peers:
            a = rng.choice(buyers)
        else:
            a = rng.choices(exhibitors, popularity)[0]
        b = rng.choices(exhibitors, popularity)[0]
        pair = frozenset((a, b))
        if a == b or pair in pairs:
            continue
        pairs.add(pair)
        weight = rng.choices(WEIGHTS, WEIGHT_ODDS)[0] if weighted else 1
        items.append({"a": a, "b": b, "weight": weight})
    return {"slots": slot_ids, "tables": tables, "participants": people, "requests": items}


def _availability(rng: random.Random, slot_ids: list[str], partial_share: float) -> list | None:
    if rng.random() >= partial_share:
        return None
    half = len(slot_ids) // 2
    kind = rng.choice(["morning", "afternoon", "gap"])
    if kind == "morning":
        return slot_ids[:half]
    if kind == "afternoon":
        return slot_ids[half:]
    start = rng.randrange(len(slot_ids))
    missing = set(slot_ids[start : start + rng.randint(2, 4)])
    return [s for s in slot_ids if s not in missing]


def unit_bipartite(seed: int = 1, **kwargs: Any) -> dict[str, Any]:
    """The same shape with everyone always available, unit weights and only buyer-exhibitor
    requests: the case where the flow bound is exactly achievable."""
    return b2b(seed, partial_share=0.0, peer_share=0.0, weighted=False, **kwargs)
