"""Benchmark of the booth and wave allocation against first come, first served, on seeded instances.

Run from the repository root: ``.venv/bin/python -m bench.allocate`` or
``.venv/bin/python bench/allocate.py`` (options: ``--seeds 1 2 3``, ``--cases e1 national``).
Prints one Markdown table row per run and exits with status 1 if a run misses its target or breaks
a hard constraint.

Cases (``bench.instances_allocation``), each with its target from issue 4:

- ``e1``: 180 exhibitors, 3 waves x 60 booths (6 x 10 grid), 12 sectors, 4 zones, 10% needing an
  accessible booth — ``OPTIMAL`` within a 5 s time limit;
- ``national``: 1,000 exhibitors, 2 waves x 500 booths (20 x 25 grid), 16 sectors, 8 zones —
  gap (bound - objective) / bound <= 1% within a 60 s time limit.

``--highs-only`` measures the same cases with the local search and the zone re-solves switched
off (stage 2 left to HiGHS alone), to show what they bring; those rows carry no target.

The greedy baseline (``allocate_greedy``: first come, first served in input order, avoiding
same-sector neighbours when it can) runs on the same instance in the same process. Times are wall
clock; the CPU time of the process is shown too, because other work on the machine stretches the
wall clock but not the CPU time.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python bench/allocate.py``
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.instances_allocation import e1, national  # noqa: E402
from tadamon.optimize import allocation_solve  # noqa: E402
from tadamon.optimize.allocation import allocate, allocate_greedy  # noqa: E402

CASES: dict[str, tuple[Callable[[int], dict[str, Any]], float, str]] = {
    # name: (instance generator, time limit in seconds, target)
    "e1": (e1, 5.0, "optimal"),
    "national": (national, 60.0, "gap"),
}
TARGET_GAP = 0.01

HEADER = (
    "| case | seed | greedy placed | greedy neighbours | greedy imbalance | greedy s "
    "| placed | neighbours | imbalance | status | objective | bound | gap | tier bounds "
    "| wall s | cpu s | greedy / objective | hard constraints |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def broken_constraints(instance: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """The SPEC 6 hard constraints, checked on the JSON, independently of the optimizer."""
    booths = {b["id"]: b for b in instance["booths"]}
    people = {e["id"]: e for e in instance["exhibitors"]}
    confined: dict[str, set[str]] = {}
    for zone, sectors in (instance.get("sector_zones") or {}).items():
        for sector in sectors:
            confined.setdefault(sector, set()).add(zone)
    cap = instance.get("wave_capacity")
    cap = len(booths) if cap is None else cap
    problems = []
    listed = Counter(a["exhibitor"] for a in result["assignments"]) + Counter(result["unassigned"])
    if set(listed) != set(people) or any(n != 1 for n in listed.values()):
        problems.append("assigned + unassigned is not every exhibitor exactly once")
    slots = Counter((a["wave"], a["booth"]) for a in result["assignments"])
    if any(n > 1 for n in slots.values()):
        problems.append("a booth is double booked in a wave")
    if any(n > cap for n in Counter(a["wave"] for a in result["assignments"]).values()):
        problems.append("a wave is over capacity")
    for a in result["assignments"]:
        ex, booth = people[a["exhibitor"]], booths[a["booth"]]
        if ex.get("waves") is not None and a["wave"] not in ex["waves"]:
            problems.append(f"{ex['id']} in a wave it did not accept")
        if ex.get("needs_accessible") and not booth.get("accessible"):
            problems.append(f"{ex['id']} needs an accessible booth")
        if ex.get("zones") is not None and booth.get("zone") not in ex["zones"]:
            problems.append(f"{ex['id']} outside its zones")
        if ex.get("sector") in confined and booth.get("zone") not in confined[ex["sector"]]:
            problems.append(f"{ex['id']} outside its sector's zones")
    return problems


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def highs_only() -> None:
    """Switch off the local search and the zone re-solves for the rest of the process."""
    allocation_solve._Run.polish = lambda self, seconds: None  # type: ignore[method-assign]
    allocation_solve._Run.neighbourhoods = lambda self, costs, deadline: None  # type: ignore


def measure(case: str, seed: int, label: str) -> tuple[str, bool]:
    generate, limit, target = CASES[case]
    instance = generate(seed)
    started = time.perf_counter()
    preview = allocate_greedy(instance)
    greedy_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), cpu_seconds()
    result = allocate(instance, time_limit_s=limit, seed=0)
    wall_s, cpu_s = time.perf_counter() - started, cpu_seconds() - cpu
    problems = broken_constraints(instance, result) + broken_constraints(instance, preview)
    if target == "optimal":
        met = result["status"] == "OPTIMAL" and wall_s <= limit
    else:
        met = result["gap"] <= TARGET_GAP and wall_s <= limit + 1  # +1: building the model
    tiers = result["tier_bounds"]
    cells = [
        label,
        seed,
        preview["placed"],
        preview["same_sector_neighbours"],
        preview["imbalance"]["total"],
        f"{greedy_s:.2f}",
        result["placed"],
        result["same_sector_neighbours"],
        result["imbalance"]["total"],
        result["status"],
        result["objective"],
        result["bound"],
        f"{result['gap']:.2e}",
        f"{tiers['placed']} / {tiers['same_sector_neighbours']} / {tiers['imbalance']}",
        f"{wall_s:.2f}",
        f"{cpu_s:.2f}",
        f"{preview['objective'] / result['objective']:.4f}" if result["objective"] else "-",
        "ok" if not problems else "; ".join(problems[:3]),
    ]
    return "| " + " | ".join(str(cell) for cell in cells) + " |", met and not problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--seed", type=int, help="a single seed (same as --seeds N)")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--highs-only", action="store_true", help="ablation, no target")
    args = parser.parse_args(argv)
    seeds = [args.seed] if args.seed is not None else args.seeds
    if args.highs_only:
        highs_only()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(HEADER)
    ok = True
    for case in args.cases:
        for seed in seeds:
            label = f"{case} (HiGHS only)" if args.highs_only else case
            line, met = measure(case, seed, label)
            print(line, flush=True)
            ok &= met or args.highs_only
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
