"""The fair-day crowd (issue 18, item 4): how many paced users each set-up serves.

Run from the repository root (see bench/README.md for the measurement's command):

    .venv/bin/python -m bench.crowd [--setup sqlite|postgres]
                                    [--steps 100,200,300,500,750,1000,1500]
                                    [--ramp 60] [--steady 120] [--workers 5] [--processes 1]
                                    [--keep-going] [--reuse]

1. The database (``--setup sqlite``: a SQLite file in a temporary folder, the embedded
   default; ``postgres``: PostgreSQL ``tadamon_crowd`` with Redis as cache and task broker,
   bench/server.py) gets the demonstration data (``load_demo``); the fair is the demo's
   busiest published one (bench/load.py's prepare: one exhibitor account per confirmed
   exhibitor). Beside them: organizer accounts, gate agents (one gate of the fair each for the
   tally) and trainers of the fair's sessions.
2. gunicorn starts with the production settings, on 127.0.0.1 only (bench/server.py).
3. For each step of ``--steps`` users, one headless locust run (bench/crowd_locustfile.py):
   the users arrive over ``--ramp`` seconds, then stay ``--steady`` seconds; the figures are
   those of the steady phase (locust's ``--reset-stats``). The mix (MIX below): visitors from
   a booth's QR code to the showcase, then the catalogue, the fair's page and search;
   exhibitors declaring and resending sales from the phone; gate agents sending their gate's
   count every minute; trainers and gate agents checking people in at sessions; organizers on
   the dashboard and the closing report. 5–10 s of thought between two actions of a user.
4. After each step, the ledgers are checked against the database, over every step so far:
   the declarations acknowledged are those stored (none lost, none counted twice, resends
   answered 200); each gate holds the last count it was told was recorded (the visitors the
   server holds are those the gate agents were told); every check-in acknowledged is stored
   once, and no check-in was answered "new" twice. Any difference stops the run (exit 1).
5. A step holds when its p95 (all requests of the steady phase) is at most 500 ms, with no
   error in the whole step (ramp included) and the ledgers exact. By default the run stops
   after the first step that does not hold (``--keep-going`` runs them all).

The load generator runs on the same machine: locust's CPU time and the server's are printed
for each step. ``--processes N`` forks N locust workers (locust's own ``--processes``) when
one process cannot keep up (locust warns above 90% of a core); on 2 cores every core given
to locust is taken from the server.

Prints the machine, the date, the load average and the rows for bench/RESULTS.md; exits
with status 1 when a ledger differs from the database.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import load, server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
PORT = 8793
PREFIX = "crowd_"
# Users of each kind per 100: the weights of bench/crowd_locustfile.py's classes.
MIX = {"Visitor": 75, "Exhibitor": 15, "GateAgent": 3, "CheckIn": 5, "Organizer": 2}
TARGET_P95_MS = 500
MAX_EXHIBITOR_ACCOUNTS = 250
ORGANIZERS = 10
GATE_AGENTS = 30
TRAINERS = 20
WALK_INS = 400


def _account(username: str, role: str, organization: int | None, password: str) -> Any:
    from tadamon.accounts.models import User

    user, _created = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "organization_id": organization,
            "password": password,
            "is_active": True,
        },
    )
    return user


def prepare(*, reuse: bool, gates: int) -> dict[str, Any]:
    """bench/load.py's plan (demo data, exhibitor accounts), and the crowd's own accounts,
    gates, sessions and people."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.db.models import Q

    from tadamon.accounts.models import Role, User
    from tadamon.events.models import Event, Participation
    from tadamon.programme.models import Attendance, Registration, Session
    from tadamon.registry.models import Organization, Person
    from tadamon.visitors.models import Gate, VisitorCount

    # The busiest fair with a programme people registered for (the demo's E4): its
    # organizers' dashboard and report have a call, sessions and figures to show.
    programme = Session.objects.filter(registrations__isnull=False).values("event_id")
    plan = load.prepare(reuse, max_exhibitors=MAX_EXHIBITOR_ACCOUNTS, fair=Q(pk__in=programme))
    event = Event.objects.get(pk=plan["event"]["id"])
    password = make_password(load.PASSWORD)
    organizer = event.organizer_id
    organizers = [
        _account(f"{PREFIX}organizer_{n:02}", Role.ORGANIZER, organizer, password)
        for n in range(ORGANIZERS)
    ]
    agents = [
        _account(f"{PREFIX}gate_{n:02}", Role.GATE_AGENT, organizer, password)
        for n in range(GATE_AGENTS)
    ]
    trainers = [
        _account(f"{PREFIX}trainer_{n:02}", Role.TRAINER, None, password) for n in range(TRAINERS)
    ]
    sessions = list(Session.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
    if not sessions:
        raise SystemExit(f"event {event.pk} has no session to check people in at")
    # Each trainer trains two of the fair's sessions; gate agents check in at any of them.
    for number, trainer in enumerate(trainers):
        mine = {sessions[number % len(sessions)], sessions[(number + 1) % len(sessions)]}
        trainer.trained_sessions.add(*mine)
    checkers = [
        {
            "username": user.username,
            "sessions": sorted(user.trained_sessions.values_list("pk", flat=True)),
        }
        for user in trainers
    ] + [{"username": user.username, "sessions": sessions} for user in agents]
    # Walk-ins registered at the door, so that a day of check-ins does not run out of people
    # (anyone registered at one of the fair's sessions may be checked in at any of them).
    registered = Registration.objects.filter(session__event=event)
    already = registered.filter(registered_by=organizers[0]).count()  # by an earlier run
    walk_ins = Person.objects.exclude(pk__in=registered.values("person_id")).order_by("pk")
    Registration.objects.bulk_create(
        Registration(
            session_id=sessions[number % len(sessions)], person=person, registered_by=organizers[0]
        )
        for number, person in enumerate(walk_ins[: max(0, WALK_INS - already)])
    )
    people = sorted(
        set(Registration.objects.filter(session__event=event).values_list("person_id", flat=True))
    )
    for number in range(gates):
        Gate.objects.get_or_create(
            event=event, name=f"Crowd gate {number:03}", defaults={"position": 100 + number}
        )
    gate_ids = list(
        Gate.objects.filter(event=event, name__startswith="Crowd gate ")
        .order_by("name")
        .values_list("pk", flat=True)
    )
    crowd_users = User.objects.filter(username__startswith=PREFIX)
    # Each run checks its own counts and check-ins only (with --reuse, the last run's are there).
    VisitorCount.objects.filter(gate_id__in=gate_ids).delete()
    Attendance.objects.filter(session__event=event, checked_in_by__in=crowd_users).delete()

    confirmed = Q(
        participations__event=event, participations__status=Participation.Status.CONFIRMED
    )
    showcases = list(
        Organization.objects.filter(confirmed, public_profile=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them on a live server: the demo was just loaded.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    plan.update(
        {
            # Every exhibitor account declares from its phone (the load bench's API half too).
            "phone_exhibitors": plan["phone_exhibitors"] + plan["api_exhibitors"],
            "showcases": showcases or plan["public_organizations"],
            "organizers": [{"username": user.username} for user in organizers],
            "gate_agents": [{"username": user.username} for user in agents],
            "checkers": checkers,
            "gates": gate_ids,
            "gate_counts": {},
            "tally_date": event.start_date.isoformat(),
            "sessions": sessions,
            "people": people,
            "mix": MIX,
        }
    )
    return plan


def gates_needed(users: int, processes: int) -> int:
    """Gates for the largest step's gate agents, one each, with room for locust's rounding
    and for processes getting unequal shares."""
    return math.ceil(users * MIX["GateAgent"] / sum(MIX.values())) + 3 * processes + 2


# The ledgers, over every step so far ---------------------------------------------------


def empty_ledger() -> dict[str, Any]:
    return {
        "acknowledged": {},
        "uncertain": {},
        "resends": {"count": 0, "wrong": 0},
        "tallies": {},
        "tally_wrong": 0,
        "check_ins": [],
    }


def merge(total: dict[str, Any], part: dict[str, Any]) -> None:
    """Adds one process's ledger of one step to the run's."""
    for body in part["acknowledged"]:
        total["acknowledged"][body["client_uuid"]] = body
        total["uncertain"].pop(body["client_uuid"], None)
    for body in part["uncertain"]:
        if body["client_uuid"] not in total["acknowledged"]:
            total["uncertain"][body["client_uuid"]] = body
    for key in ("count", "wrong"):
        total["resends"][key] += part["resends"][key]
    total["tallies"].update(part["tallies"])  # a gate is one phone's, in one process per step
    total["tally_wrong"] += part["tally_wrong"]
    total["check_ins"] += part["check_ins"]


def check_declarations(plan: dict[str, Any], ledger: dict[str, Any]) -> tuple[bool, str]:
    check = load.reconcile(
        plan,
        {
            "acknowledged": list(ledger["acknowledged"].values()),
            "uncertain": list(ledger["uncertain"].values()),
            "resends": ledger["resends"],
        },
    )
    stored_unanswered = check["stored"] - check["declared"]
    ok = (
        check["missing"] == check["unexpected"] == check["wrong_amount"] == 0
        and check["resends_wrong"] == 0
        and 0 <= stored_unanswered <= check["uncertain"]
        and (check["uncertain"] > 0 or check["declared_total"] == check["stored_total"])
    )
    return ok, (
        f"declarations: {check['declared']:,} acknowledged, {check['declared_total']:,.2f} MAD; "
        f"stored {check['stored']:,}, {check['stored_total']:,.2f} MAD; missing "
        f"{check['missing']}, unexpected {check['unexpected']}, wrong amount "
        f"{check['wrong_amount']}, without an answer {check['uncertain']}; resends "
        f"{check['resends']:,} ({check['resends_wrong']} not answered 200)"
    )


def check_tallies(plan: dict[str, Any], ledger: dict[str, Any]) -> tuple[bool, str]:
    """Each gate holds the last count acknowledged to its agent (or one sent after it that
    had no answer); the sum the server holds is the sum of those."""
    from tadamon.visitors.models import VisitorCount

    stored = dict(
        VisitorCount.objects.filter(gate_id__in=plan["gates"], date=plan["tally_date"]).values_list(
            "gate_id", "count"
        )
    )
    wrong = []
    acknowledged_sum = 0
    for gate in plan["gates"]:
        tally = ledger["tallies"].get(str(gate), {"count": None, "unanswered": []})
        allowed = {tally["count"], *tally["unanswered"]}
        if stored.get(gate) not in allowed:
            wrong.append((gate, stored.get(gate), tally["count"]))
        acknowledged_sum += tally["count"] or 0
    unanswered = sum(len(t["unanswered"]) for t in ledger["tallies"].values())
    posts = sum(t.get("posts", 0) for t in ledger["tallies"].values())
    server_sum = sum(stored.values())
    ok = not wrong and ledger["tally_wrong"] == 0 and (unanswered or server_sum == acknowledged_sum)
    return ok, (
        f"tallies: {len(ledger['tallies'])} gates, {posts:,} counts acknowledged; the server "
        f"holds {server_sum:,} visitors, the last counts acknowledged add up to "
        f"{acknowledged_sum:,}; gates differing {len(wrong)}"
        + (f" {wrong[:5]}" if wrong else "")
        + f", answers with another count {ledger['tally_wrong']}, left without an answer "
        f"{unanswered}"
    )


def check_check_ins(plan: dict[str, Any], ledger: dict[str, Any]) -> tuple[bool, str]:
    """Every check-in acknowledged is stored, once; none was answered "new" (201) twice; the
    rows the crowd made are those answered 201 (or left without an answer)."""
    from django.db.models import Count

    from tadamon.accounts.models import User
    from tadamon.programme.models import Attendance

    answers = ledger["check_ins"]
    created = Counter((s, p) for s, p, status in answers if status == 201)
    acknowledged = {(s, p) for s, p, status in answers if status in (200, 201)}
    unanswered = {(s, p) for s, p, status in answers if status == 0}
    rows = Attendance.objects.filter(session_id__in=plan["sessions"])
    every = {
        (s, p): n
        for s, p, n in rows.values("session_id", "person_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "person_id", "n")
    }
    crowd = set(
        rows.filter(checked_in_by__in=User.objects.filter(username__startswith=PREFIX)).values_list(
            "session_id", "person_id"
        )
    )
    twice = [pair for pair, n in created.items() if n > 1] + [
        pair for pair, n in every.items() if n > 1
    ]
    missing = acknowledged - set(every)
    unexpected = crowd - set(created) - unanswered
    new_not_ours = set(created) - crowd  # answered 201 while the row was someone else's
    ok = not (twice or missing or unexpected or new_not_ours)
    return ok, (
        f"check-ins: {len(answers):,} sent, {sum(created.values()):,} answered new, "
        f"{sum(1 for a in answers if a[2] == 200):,} answered already recorded, "
        f"{len(unanswered)} without an answer; rows made by the crowd {len(crowd):,}; missing "
        f"{len(missing)}, counted twice {len(twice)}, unexpected {len(unexpected)}, new but "
        f"not the crowd's {len(new_not_ours)}"
    )


def check_ledgers(plan: dict[str, Any], ledger: dict[str, Any]) -> tuple[bool, list[str]]:
    from django.db import connections

    connections.close_all()  # the server changed the data meanwhile
    results = [
        check_declarations(plan, ledger),
        check_tallies(plan, ledger),
        check_check_ins(plan, ledger),
    ]
    return all(ok for ok, _line in results), [line for _ok, line in results]


# One step -------------------------------------------------------------------------------


def run_step(
    users: int, args: argparse.Namespace, env: dict[str, str], folder: Path, pid: int
) -> dict[str, Any]:
    """One locust run of `users`; answers its figures, its ledgers and the CPU it took."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    command = [
        sys.executable, "-m", "locust",
        "-f", str(ROOT / "bench" / "crowd_locustfile.py"),
        "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{PORT}",
        "--users", str(users), "--spawn-rate", f"{users / args.ramp:.3f}",
        "--run-time", f"{args.ramp + args.steady}s",
        # The figures are the steady phase's: reset once every user has arrived.
        "--reset-stats",
        # Users finish the request in flight when time is up, so that every declaration,
        # count and check-in sent has its answer in the ledger.
        "--stop-timeout", "30",
        "--exit-code-on-error", "0",
        *(["--processes", str(args.processes)] if args.processes > 1 else []),
        *MIX,
    ]  # fmt: skip
    print(f"$ locust {' '.join(command[3:])}", file=sys.stderr)
    server_before = server.server_cpu(pid)
    services_before = server.services_cpu()
    started = time.perf_counter()
    subprocess.run(
        command,
        env={
            **env,
            "TADAMON_CROWD_OUT": str(folder),
            "TADAMON_CROWD_PROCESSES": str(args.processes),
        },
        cwd=ROOT,
        check=True,
        stdout=sys.stderr,  # locust's own summary, for the record
    )
    # locust's master (--processes) exits without waiting for its workers, whose users finish
    # the request in flight (up to --stop-timeout) before they write their ledgers.
    deadline = time.monotonic() + 30 + 60
    while len(list(folder.glob("ledger-*.json"))) < args.processes:
        if time.monotonic() > deadline:
            raise SystemExit(f"ledgers missing in {folder} for {args.processes} locust processes")
        time.sleep(1)
    elapsed = time.perf_counter() - started
    figures = json.loads((folder / "figures.json").read_text())
    ledgers = [json.loads(path.read_text()) for path in sorted(folder.glob("ledger-*.json"))]
    return {
        "users": users,
        "figures": figures,
        "ledgers": ledgers,
        "elapsed": elapsed,
        # Each locust process's own CPU time, from its start to its end.
        "locust_cpu": figures["master_cpu"] + sum(ledger["cpu"] for ledger in ledgers),
        "server_cpu": server.server_cpu(pid) - server_before,
        "services_cpu": server.services_cpu() - services_before,
        "load": os.getloadavg(),
    }


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def held(figures: dict[str, Any], p95_ms: float) -> bool:
    total = figures["total"]
    return total["failures"] == 0 and total["requests"] > 0 and (total["p95"] or 0) <= p95_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--steps",
        default="100,200,300,500,750,1000,1500",
        help="users of each step, comma-separated (default 100,200,300,500,750,1000,1500)",
    )
    parser.add_argument("--ramp", type=int, default=60, help="seconds to arrive (default 60)")
    parser.add_argument(
        "--steady", type=int, default=120, help="seconds measured once arrived (default 120)"
    )
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 5)")
    parser.add_argument("--processes", type=int, default=1, help="locust processes (default 1)")
    parser.add_argument(
        "--keep-going", action="store_true", help="run every step, even after one did not hold"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database and its demo data if present"
    )
    args = parser.parse_args()
    steps = [int(step) for step in args.steps.split(",")]
    started = datetime.datetime.now(datetime.UTC)
    print(_machine())
    print(f"Started {started:%Y-%m-%d %H:%M} UTC; load average " + _load(os.getloadavg()))

    workdir = Path(tempfile.gettempdir()) / "tadamon-crowd-bench"
    workdir.mkdir(exist_ok=True)
    env = server.setup_environment(
        args.setup,
        workdir,
        port=PORT,
        workers=args.workers,
        label="crowd",
        database="tadamon_crowd",
    )
    os.environ.update(env)  # this process prepares and checks the data with the same settings
    server.reset_database(env, reuse=args.reuse)
    plan = prepare(reuse=args.reuse, gates=gates_needed(max(steps), args.processes))
    # Each set-up's plan and steps have their own files: both runs can be read afterwards.
    plan_path = workdir / f"{args.setup}-plan.json"
    env["TADAMON_LOAD_PLAN"] = str(plan_path)
    server.collect_static(env)

    ledger = empty_ledger()
    results = []
    failed_ledger: list[str] = []
    with server.gunicorn(env) as gunicorn:
        base = f"http://127.0.0.1:{PORT}"
        event = plan["event"]["id"]
        server.warm(base, ["/", "/products/", f"/e/{event}/"], args.workers)
        for users in steps:
            # The gates' running counts go on from what they hold.
            plan["gate_counts"] = {
                gate: max([tally["count"] or 0, *tally["unanswered"]])
                for gate, tally in ledger["tallies"].items()
            }
            plan_path.write_text(json.dumps(plan))
            step = run_step(users, args, env, workdir / f"{args.setup}-step-{users}", gunicorn.pid)
            for part in step["ledgers"]:
                merge(ledger, part)
            consistent, lines = check_ledgers(plan, ledger)
            step["failures"] = sum(
                (Counter(part["failures"]) for part in step["ledgers"]), Counter()
            )
            step["consistent"] = consistent
            step["held"] = (
                consistent and not step["failures"] and held(step["figures"], TARGET_P95_MS)
            )
            step["checks"] = lines
            results.append(step)
            total = step["figures"]["total"]
            print(
                f"step {users} users: {total['rps']:.1f} req/s, p95 {_ms(total['p95'])} ms, "
                f"{total['failures']} errors ({sum(step['failures'].values())} with the ramp), "
                f"{'held' if step['held'] else 'NOT HELD'}; " + "; ".join(lines),
                file=sys.stderr,
            )
            if not consistent:
                failed_ledger = lines
                break
            if not step["held"] and not args.keep_going:
                break

    report(args, plan, results, started)
    if failed_ledger:
        print("\nFAILED: a ledger differs from the database:\n- " + "\n- ".join(failed_ledger))
        return 1
    print(f"\nOK (files in {workdir})")
    return 0


def _load(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def report(
    args: argparse.Namespace,
    plan: dict[str, Any],
    results: list[dict[str, Any]],
    started: datetime.datetime,
) -> None:
    event = plan["event"]
    setup = {
        "sqlite": "gunicorn + SQLite (embedded default)",
        "postgres": "gunicorn + PostgreSQL + Redis",
    }[args.setup]
    print(
        f"\n{setup}, {args.workers} gunicorn workers, {args.processes} locust process(es) on the "
        f"same machine. Event {event['id']} ({event['title']}), {len(plan['showcases'])} "
        f"showcases, {len(plan['phone_exhibitors'])} exhibitor accounts, "
        f"{len(plan['sessions'])} sessions, {len(plan['people'])} people registered. Each "
        f"step: {args.ramp} s ramp, then {args.steady} s measured. Mix per 100 users: "
        + ", ".join(f"{name} {weight}" for name, weight in MIX.items())
        + f". Started {started:%Y-%m-%d %H:%M} UTC, finished "
        f"{datetime.datetime.now(datetime.UTC):%H:%M} UTC; load average after "
        + _load(os.getloadavg())
        + "."
    )
    print(
        "\n| users | request | requests | req/s | p50 ms | p95 ms | max ms | errors |"
        "\n|---|---|---|---|---|---|---|---|"
    )
    for step in results:
        rows = sorted(
            (figures for figures in step["figures"]["requests"] if figures["requests"]),
            key=lambda f: (f["name"], f["method"]),
        )
        for figures in rows:
            print(
                f"| {step['users']:,} | {figures['method']} {figures['name']} | "
                f"{figures['requests']:,} | {figures['rps']:,.1f} | {_ms(figures['p50'])} | "
                f"{_ms(figures['p95'])} | {_ms(figures['max'])} | {figures['failures']} |"
            )
    print(
        "\n| set-up | users | req/s | p50 ms | p95 ms | max ms | errors (with the ramp) "
        f"| held (p95 ≤ {TARGET_P95_MS} ms, 0 errors, ledgers exact) | locust CPU | gunicorn CPU "
        "| PostgreSQL + Redis CPU | load after |"
        "\n|---|---|---|---|---|---|---|---|---|---|---|---|"
    )

    def services(share: float) -> str:
        return "–" if args.setup == "sqlite" else f"{100 * share:.0f}%"

    for step in results:
        total = step["figures"]["total"]
        seconds = step["elapsed"]
        print(
            f"| {args.setup} | {step['users']:,} | {total['rps']:,.1f} | {_ms(total['p50'])} | "
            f"{_ms(total['p95'])} | {_ms(total['max'])} | {total['failures']} "
            f"({sum(step['failures'].values())}) | "
            f"{'yes' if step['held'] else 'no'} | {100 * step['locust_cpu'] / seconds:.0f}% | "
            f"{100 * step['server_cpu'] / seconds:.0f}% | "
            f"{services(step['services_cpu'] / seconds)} | {_load(step['load'])} |"
        )
    for step in results:
        # Ramp included: the figures above are the steady phase's.
        for error, count in sorted(step["failures"].items()):
            print(f"error at {step['users']} users (ramp or steady phase): {count} × {error}")
    print(
        "\n(CPU: time over the step, in % of one core; the machine has "
        f"{os.cpu_count()}. PostgreSQL + Redis: every process of theirs on the machine.)"
    )
    passed = [step["users"] for step in results if step["held"]]
    print(
        f"\nLargest number of users held ({setup}): "
        + (f"{max(passed):,}" if passed else "none of the steps")
        + "."
    )
    if results:
        print("Ledgers after the last step: " + "; ".join(results[-1]["checks"]) + ".")


if __name__ == "__main__":
    sys.exit(main())
