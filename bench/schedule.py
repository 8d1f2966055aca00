"""Benchmark of the B2B scheduler against first come, first served, on seeded instances.

Run from the repository root: ``.venv/bin/python -m bench.schedule`` (options: ``--seeds 1 2 3``,
``--time-limit 30``, ``--variants target loose ...``, ``--dump DIR`` to also write each instance
as JSON, e.g. for ``python -m tadamon.optimize schedule DIR/target-1.json``). Prints one Markdown
table row per run and exits with status 1 if a "target" run misses the goal (gap <= 1% within the
time limit) or any run breaks a hard constraint.

Variants (all 300 participants, 2,000 requests, 16 slots; see ``bench.instances_schedule``):

- ``target``: the issue's benchmark, 40 tables, weights 1..5, 30% partly available, 5% of the
  requests between two exhibitors;
- ``loose``: as ``target`` with 150 tables, so that participants' slots, not tables, are scarce;
- ``classic``: everyone always available, buyer-exhibitor requests only, weights 1..5, 150
  tables: the case the edge-colouring shortcut solves exactly;
- ``classic-mip``: the same instances with that shortcut switched off, to show what it saves;
- ``unit``: as ``classic`` with unit weights and 40 tables (the tables are the bottleneck).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.instances_schedule import b2b, unit_bipartite
from tadamon.optimize import schedule_solve
from tadamon.optimize.schedule import schedule
from tadamon.optimize.schedule_greedy import greedy
from tadamon.optimize.schedule_instance import parse_instance
from tadamon.optimize.schedule_plan import value

TARGET_GAP = 0.01

VARIANTS: dict[str, Callable[[int], dict[str, Any]]] = {
    "target": lambda seed: b2b(seed),
    "loose": lambda seed: b2b(seed, tables=150),
    "classic": lambda seed: b2b(seed, tables=150, partial_share=0.0, peer_share=0.0),
    "classic-mip": lambda seed: b2b(seed, tables=150, partial_share=0.0, peer_share=0.0),
    "unit": lambda seed: unit_bipartite(seed),
}

HEADER = (
    "| variant | seed | greedy | greedy s | objective | bound | gap | status | solver "
    "| total s | objective / greedy | hard constraints |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def broken_constraints(instance: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """The SPEC 6 hard constraints, checked on the JSON, independently of the optimizer."""
    slots = instance["slots"]
    avail = {
        p["id"]: set(slots if p.get("available") is None else p["available"])
        for p in instance["participants"]
    }
    problems = []
    busy: set[tuple[Any, Any]] = set()
    load: dict[Any, int] = {}
    requests = [m["request"] for m in result["meetings"]]
    if len(set(requests)) != len(requests):
        problems.append("a request is scheduled twice")
    for m in result["meetings"]:
        load[m["slot"]] = load.get(m["slot"], 0) + 1
        for person in (m["a"], m["b"]):
            if m["slot"] not in avail[person] or (person, m["slot"]) in busy:
                problems.append(f"{person} in {m['slot']}")
            busy.add((person, m["slot"]))
    problems += [f"slot {s} over tables" for s, n in load.items() if n > instance["tables"]]
    return problems


def run(variant: str, seed: int, time_limit: float, dump: Path | None) -> tuple[str, bool]:
    instance = VARIANTS[variant](seed)
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / f"{variant}-{seed}.json").write_text(json.dumps(instance))
    started = time.perf_counter()  # validation included: the cost of an instant preview
    parsed = parse_instance(instance)
    baseline = value(parsed, greedy(parsed))
    greedy_s = time.perf_counter() - started
    shortcut = schedule_solve._coloured
    if variant == "classic-mip":
        schedule_solve._coloured = lambda inst, flow: None
    try:
        started = time.perf_counter()
        result = schedule(instance, time_limit_s=time_limit, seed=0)
        total_s = time.perf_counter() - started
    finally:
        schedule_solve._coloured = shortcut
    problems = broken_constraints(instance, result)
    assert baseline == result["greedy_objective"]
    ok = not problems and (
        variant != "target" or (result["gap"] <= TARGET_GAP and total_s <= time_limit)
    )
    ratio = result["objective"] / baseline if baseline else float("nan")
    row = (
        f"| {variant} | {seed} | {baseline} | {greedy_s:.3f} | {result['objective']} "
        f"| {result['bound']} | {result['gap'] * 100:.3f}% | {result['status']} "
        f"| {result['solver']} | {total_s:.2f} | {ratio:.4f} "
        f"| {'ok' if not problems else '; '.join(problems[:3])} |"
    )
    return row, ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--dump", type=Path, help="directory to write the instances to")
    args = parser.parse_args(argv)
    print(HEADER, flush=True)
    all_ok = True
    for variant in args.variants:
        for seed in args.seeds:
            row, ok = run(variant, seed, args.time_limit, args.dump)
            all_ok &= ok
            print(row, flush=True)
    print("\nall targets met" if all_ok else "\nTARGET MISSED", flush=True)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
