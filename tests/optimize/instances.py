"""Synthetic, seeded selection instances shaped like the reference events."""

from __future__ import annotations

import random
from typing import Any

REGIONS = [f"R{n:02d}" for n in range(1, 13)]
SECTORS = [f"S{n:02d}" for n in range(1, 11)]
WAVES = ["W1", "W2", "W3"]


def e1_shape(seed: int = 1) -> dict[str, Any]:
    """E1: 200 applicants over 12 regions, 3 waves of 60, 180 places, half women-led."""
    rng = random.Random(seed)
    # 96 women-led of 200: enough for half of 180, few enough for the quotas to bind.
    women = set(rng.sample(range(200), 96))
    applicants = [
        {
            "id": f"a{n}",
            "score": round(rng.uniform(20, 100), 1),
            "women_led": n in women,
            "region": rng.choice(REGIONS),
            "sector": rng.choice(SECTORS),
            "waves": None if rng.random() < 0.5 else sorted(rng.sample(WAVES, rng.randint(1, 2))),
        }
        for n in range(200)
    ]
    return {
        "capacity": 180,
        "applicants": applicants,
        "waves": [{"label": label, "capacity": 60} for label in WAVES],
        "quotas": {"min_share_women_led": 0.5, "min_share_women_led_per_wave": 0.5},
    }


def benchmark(seed: int = 1) -> dict[str, Any]:
    """The notes' benchmark: 600 applicants, 180 places, women >= 40%, youth >= 15%,
    12 regions each 6..30, sectors <= 24."""
    rng = random.Random(seed)
    applicants = [
        {
            "id": n,
            "score": rng.randint(0, 100),
            "women_led": rng.random() < 0.35,
            "youth_led": rng.random() < 0.12,
            "region": rng.choice(REGIONS),
            "sector": rng.choice(SECTORS),
        }
        for n in range(600)
    ]
    return {
        "capacity": 180,
        "applicants": applicants,
        "quotas": {
            "min_share_women_led": 0.4,
            "min_share_youth_led": 0.15,
            "min_per_region": dict.fromkeys(REGIONS, 6),
            "max_per_region": dict.fromkeys(REGIONS, 30),
            "max_per_sector": dict.fromkeys(SECTORS, 24),
        },
    }
