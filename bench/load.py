"""Load benchmark of the production setup (issue 10): gunicorn and PostgreSQL on this machine.

Run from the repository root (PostgreSQL on 127.0.0.1:5432; about 8 minutes with the demo):

    .venv/bin/python -m bench.load [--users 24] [--run-time 60] [--think 0] [--workers 5]
                                   [--reuse]

1. A dedicated database ``tadamon_load`` (dropped and created; ``--reuse`` keeps it, and the
   static files already collected) gets the
   demonstration data (``load_demo``) and, for the busiest demo fair, one exhibitor account
   per confirmed exhibitor (up to 40), half of them with an API token.
2. gunicorn starts with the production settings (``DJANGO_DEBUG=0``, config/gunicorn.py,
   static files collected for whitenoise, Redis as cache) on 127.0.0.1 only.
3. locust (headless, bench/locustfile.py) runs /healthz alone, the server's ceiling, then the
   mixed load: visitors browsing the public site, exhibitors logging in on the phone page and
   declaring sales, exhibitors declaring through the API; both with the same users and length.
   Each user sends its next request as soon as it has the answer (a closed loop: the server's
   throughput at saturation), or ``--think`` seconds later in the mixed run (a paced load,
   for the latency below saturation).
4. The declarations in the database are compared with what the load generator was told was
   recorded: the same declarations, count and total, none lost, none counted twice.

Prints the machine, the per-request table and the summary rows for bench/RESULTS.md; exits
with status 1 when a request failed or the totals differ.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tadamon_load"
REDIS_URL = "redis://127.0.0.1:6379/5"  # not database 0: never mixed with `make serve`'s cache
PORT = 8791
PASSWORD = "load-bench-not-a-secret"
USERNAME_PREFIX = "load_exhibitor_"
MAX_EXHIBITORS = 40


def _environment(workdir: Path, workers: int) -> dict[str, str]:
    return server.environment(
        workdir,
        port=PORT,
        workers=workers,
        label="load",
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
    )


def prepare(reuse: bool, max_exhibitors: int = MAX_EXHIBITORS, fair: Any = None) -> dict[str, Any]:
    """Demo data and the bench's exhibitor accounts (one per confirmed exhibitor of the
    busiest published fair, or of the busiest of those `fair` selects (a Q), up to
    `max_exhibitors`); answers the plan for the locustfile."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db.models import Count, Q

    from tadamon.accounts.models import ApiToken, Role, User
    from tadamon.accounts.tokens import issue_token
    from tadamon.events.models import Event, Participation
    from tadamon.registry.models import Organization, Product
    from tadamon.sales.models import SalesDeclaration

    call_command("migrate", verbosity=0, interactive=False)
    if not User.objects.filter(username="admin").exists():
        started = time.perf_counter()
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"load_demo: {time.perf_counter() - started:.0f} s", file=sys.stderr)

    confirmed = Q(participations__status=Participation.Status.CONFIRMED)
    event = (
        Event.objects.filter(fair or Q(), is_published=True)
        .annotate(exhibitors=Count("participations", filter=confirmed))
        .order_by("-exhibitors", "pk")
        .first()
    )
    organizations = list(
        Participation.objects.filter(event=event, status=Participation.Status.CONFIRMED)
        .order_by("organization_id")
        .values_list("organization_id", flat=True)[:max_exhibitors]
    )
    # One hash for every bench account, not one each: a hash costs up to half a second of CPU.
    password = make_password(PASSWORD)
    accounts = []
    for number, organization in enumerate(organizations):
        user, _created = User.objects.update_or_create(
            username=f"{USERNAME_PREFIX}{number:02}",
            defaults={
                "role": Role.EXHIBITOR,
                "organization_id": organization,
                "password": password,
                "is_active": True,
            },
        )
        accounts.append({"username": user.username, "organization": organization, "id": user.pk})
    users = [account["id"] for account in accounts]
    if reuse:
        # Each run checks its own declarations only.
        SalesDeclaration.objects.filter(declared_by_id__in=users).delete()
        ApiToken.objects.filter(user_id__in=users).delete()
    api = accounts[1::2]
    for account in api:
        account["token"] = issue_token(user=User.objects.get(pk=account["id"]), name="load")
    public_organizations = list(
        Organization.objects.filter(public_profile=True).values_list("pk", flat=True)[:200]
    )
    products = Product.objects.filter(organization__public_profile=True).count()
    return {
        "password": PASSWORD,
        "event": {
            "id": event.pk,
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
            "title": event.title_fr,
            "exhibitors": len(accounts),
        },
        "phone_exhibitors": accounts[0::2],
        "api_exhibitors": api,
        "public_events": list(Event.objects.filter(is_published=True).values_list("pk", flat=True)),
        "public_organizations": public_organizations,
        "catalogue_pages": max(2, min(20, products // 24)),
        "searches": ["تعاونيه", "argan", "زربية", "cooperative tissage", "عسل", "Azilal"],
    }


def run_locust(
    classes: list[str],
    env: dict[str, str],
    args: argparse.Namespace,
    output: Path,
    think: float = 0.0,
) -> dict[str, Any]:
    """One headless locust run against the server; answers what the locustfile wrote when
    it stopped (figures per request, the ledger of declarations)."""
    command = [
        sys.executable, "-m", "locust",
        "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{PORT}",
        "--users", str(args.users), "--spawn-rate", str(args.users),
        "--run-time", f"{args.run_time}s",
        # Users finish the request in flight when time is up, so that every declaration sent
        # has its answer in the ledger.
        "--stop-timeout", "30",
        "--exit-code-on-error", "0",
        *classes,
    ]  # fmt: skip
    print("$ locust", " ".join(command[3:]), file=sys.stderr)
    subprocess.run(
        command,
        env={**env, "TADAMON_LOAD_LEDGER": str(output), "TADAMON_LOAD_THINK_S": str(think)},
        cwd=ROOT,
        check=True,
        stdout=sys.stderr,  # locust's own summary, for the record
    )
    return json.loads(output.read_text())


def reconcile(plan: dict[str, Any], ledger: dict[str, Any]) -> dict[str, Any]:
    """What the generator was told was recorded against what the database holds."""
    from django.db import connections
    from django.db.models import Count, Sum

    from tadamon.accounts.models import User
    from tadamon.sales.models import SalesDeclaration

    connections.close_all()  # the server changed the data meanwhile
    acknowledged = {body["client_uuid"]: body for body in ledger["acknowledged"]}
    users = User.objects.filter(username__startswith=USERNAME_PREFIX)
    rows = SalesDeclaration.objects.filter(event_id=plan["event"]["id"], declared_by__in=users)
    stored = {str(uuid): amount for uuid, amount in rows.values_list("client_uuid", "amount_mad")}
    totals = rows.aggregate(count=Count("id"), total=Sum("amount_mad"))
    # SQLite adds decimals as binary floats: its SUM of 1,689 amounts is off by a fraction of
    # a centime, so the total is compared to the centime. Each row is compared exactly below.
    stored_total = (totals["total"] or Decimal(0)).quantize(Decimal("0.01"))
    declared_total = sum(
        (Decimal(body["amount_mad"]) for body in acknowledged.values()), Decimal(0)
    )
    missing = set(acknowledged) - set(stored)
    extra = set(stored) - set(acknowledged) - {b["client_uuid"] for b in ledger["uncertain"]}
    wrong = [
        key
        for key, body in acknowledged.items()
        if key in stored and stored[key] != Decimal(body["amount_mad"])
    ]
    return {
        "declared": len(acknowledged),
        "declared_total": declared_total,
        "stored": totals["count"],
        "stored_total": stored_total,
        "missing": len(missing),
        "unexpected": len(extra),
        "wrong_amount": len(wrong),
        "uncertain": len(ledger["uncertain"]),
        "resends": ledger["resends"]["count"],
        "resends_wrong": ledger["resends"]["wrong"],
    }


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} ms"


def _row(label: str, figures: dict[str, Any], ceiling: float | None = None) -> str:
    cells = [
        label,
        f"{figures['requests']:,}",
        f"{figures['rps']:,.1f}",
        _ms(figures["p50"]),
        _ms(figures["p95"]),
        _ms(figures["p99"]),
        _ms(figures["max"]),
        str(figures["failures"]),
    ]
    if ceiling is not None:
        cells.append(f"{figures['rps'] / ceiling:.3f}")
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=24, help="concurrent users (default 24)")
    parser.add_argument("--run-time", type=int, default=60, help="seconds per run (default 60)")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a user of the mixed run waits between requests (default 0)",
    )
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 5)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep tadamon_load and its demo data if present"
    )
    args = parser.parse_args()
    print(_machine())
    workdir = Path(tempfile.gettempdir()) / "tadamon-load-bench"
    workdir.mkdir(exist_ok=True)
    env = _environment(workdir, args.workers)
    os.environ.update(env)  # this process prepares and checks the data with the same settings
    server.reset_database(env, reuse=args.reuse)
    plan = prepare(args.reuse)
    plan_path = workdir / "plan.json"
    plan_path.write_text(json.dumps(plan))
    env["TADAMON_LOAD_PLAN"] = str(plan_path)

    server.collect_static(env, reuse=args.reuse)
    with server.gunicorn(env):
        base = f"http://127.0.0.1:{PORT}"
        server.warm(base, ["/", "/products/", f"/e/{plan['event']['id']}/"], args.workers)
        health = run_locust(["Healthz"], env, args, workdir / "healthz.json")
        mixed = run_locust(
            ["Visitor", "PhoneExhibitor", "ApiExhibitor"],
            env,
            args,
            workdir / "mixed.json",
            think=args.think,
        )
    check = reconcile(plan, mixed)

    event = plan["event"]
    print(
        f"\nEvent {event['id']} ({event['title']}, {event['start']} to {event['end']}), "
        f"{event['exhibitors']} exhibitor accounts; {args.users} users, {args.run_time} s a "
        f"run, think time {args.think:g} s, {args.workers} gunicorn workers; load after the runs "
        + ", ".join(f"{value:.1f}" for value in os.getloadavg())
        + ".\n"
    )
    print("| request | requests | req/s | p50 | p95 | p99 | max | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for figures in sorted(mixed["requests"], key=lambda f: (f["name"], f["method"])):
        print(_row(f"{figures['method']} {figures['name']}", figures))
    ceiling = health["total"]["rps"]
    print("\n| run | requests | req/s | p50 | p95 | p99 | max | errors | ratio to /healthz |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(_row("/healthz alone", health["total"], ceiling))
    print(_row("visitors and exhibitors", mixed["total"], ceiling))
    for error in health["errors"] + mixed["errors"]:
        print(f"error: {error['count']} × {error['name']}: {error['error']}")
    print(
        f"\nDeclarations acknowledged to the generator: {check['declared']:,}, "
        f"{check['declared_total']:,} MAD; in the database: {check['stored']:,}, "
        f"{check['stored_total']:,} MAD; missing {check['missing']}, unexpected "
        f"{check['unexpected']}, wrong amount {check['wrong_amount']}, without an answer "
        f"{check['uncertain']}; resends {check['resends']:,} ({check['resends_wrong']} not "
        "answered 200)."
    )
    failures = health["total"]["failures"] + mixed["total"]["failures"]
    consistent = (
        check["missing"] == check["unexpected"] == check["wrong_amount"] == 0
        and check["declared"] == check["stored"]
        and check["declared_total"] == check["stored_total"]
    )
    print("OK" if failures == 0 and consistent else "FAILED", f"(files in {workdir})")
    return 0 if failures == 0 and consistent else 1


if __name__ == "__main__":
    sys.exit(main())
