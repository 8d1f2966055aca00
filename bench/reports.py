"""Benchmark of the closing report and of the observatory (issue 8, performance targets).

Run from the repository root:

- ``.venv/bin/python -m bench.reports report`` — an E4-sized event (165 exhibitors, 10 days,
  3 gates, ~1,650 sales declarations, 10 sessions with 300 people, 150 B2B meetings) and one
  twice as large, in a throw-away SQLite database: the report's median time over 20 runs
  (target ≤ 200 ms for the E4 size) and its number of SQL queries (the same for both sizes).
- ``.venv/bin/python -m bench.reports observatory [--scale 1.0]`` — a generated national
  dataset on PostgreSQL (``BENCH_PG_URL``, default a fresh database ``tadamon_bench`` on
  127.0.0.1:5432, dropped and created again): 200 events, 50,000 organizations, 1,000,000
  sales declarations, 500,000 attendances at ``--scale 1``; then each observatory view's
  median over 5 runs (target ≤ 2 s) and its number of queries.

Seeded (``--seed``); prints Markdown table rows and the machine's description.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BATCH = 20_000


def _setup(database_url: str, workdir: Path) -> None:
    os.environ["TADAMON_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; load {load}"


def _timed(function, *args, runs: int) -> tuple[float, int]:
    """Median seconds over `runs` calls, and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function(*args)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(captured)


# Data ---------------------------------------------------------------------------------------


def _references():
    from tadamon.registry.models import OrganizationKind, Region, Sector

    return (
        list(Region.objects.order_by("code")),
        list(OrganizationKind.objects.filter(code__in=["cooperative", "association", "artisan"])),
        list(Sector.objects.order_by("code")),
    )


def _organizations(rng: random.Random, count: int):
    from tadamon.registry.models import Organization

    regions, kinds, sectors = _references()
    made = []
    for start in range(0, count, BATCH):
        rows = [
            Organization(
                name_ar=f"تعاونية {n}",
                name_fr=f"Coopérative {n}",
                kind=rng.choice(kinds),
                region=rng.choice(regions),
                primary_sector=rng.choice(sectors),
                women_led=rng.random() < 0.45,
            )
            for n in range(start, min(count, start + BATCH))
        ]
        made.extend(Organization.objects.bulk_create(rows))
    return made


def _event(rng, organizer, *, key: int, start: datetime.date, days: int, region):
    from tadamon.events.models import Event

    return Event.objects.create(
        kind="regional_exhibition",
        title_ar=f"المعرض {key}",
        title_fr=f"Salon {key}",
        organizer=organizer,
        region=region,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        area_m2=5000,
        is_published=True,
    )


def _fill_event(
    rng,
    event,
    organizations,
    *,
    days: int,
    sales_per_day: float,
    sessions: int,
    people: list,
    attendance_rate: float,
    meetings: int,
) -> dict[str, int]:
    from django.utils import timezone

    from tadamon.b2b.models import B2BSession, Meeting, MeetingRequest, Participant, Seat, Slot
    from tadamon.events.models import Participation
    from tadamon.programme.models import Attendance, Session
    from tadamon.sales.models import SalesDeclaration
    from tadamon.visitors.models import Gate, VisitorCount

    Participation.objects.bulk_create(
        Participation(event=event, organization=o, status="confirmed") for o in organizations
    )
    gates = Gate.objects.bulk_create(Gate(event=event, name=f"G{n}", position=n) for n in range(3))
    day_list = [event.start_date + datetime.timedelta(days=d) for d in range(days)]
    VisitorCount.objects.bulk_create(
        VisitorCount(event=event, gate=g, date=d, count=rng.randint(500, 3000))
        for g in gates
        for d in day_list
    )
    sales = [
        SalesDeclaration(
            event=event,
            organization=o,
            date=d,
            amount_mad=Decimal(rng.randint(10_000, 5_000_000)) / 100,
            status="validated" if rng.random() < 0.9 else "pending",
        )
        for o in organizations
        for d in day_list
        if rng.random() < sales_per_day
    ]
    for start in range(0, len(sales), BATCH):
        SalesDeclaration.objects.bulk_create(sales[start : start + BATCH])
    moment = timezone.make_aware(datetime.datetime.combine(event.start_date, datetime.time(10)))
    made_sessions = Session.objects.bulk_create(
        Session(
            event=event,
            kind="workshop",
            title_fr=f"Atelier {n}",
            starts_at=moment,
            ends_at=moment + datetime.timedelta(hours=2),
        )
        for n in range(sessions)
    )
    attendances = [
        Attendance(session=s, person=p, checked_in_at=moment)
        for s in made_sessions
        for p in people
        if rng.random() < attendance_rate
    ]
    for start in range(0, len(attendances), BATCH):
        Attendance.objects.bulk_create(attendances[start : start + BATCH])
    if meetings:
        session = B2BSession.objects.create(
            event=event,
            label="B2B",
            date=event.start_date,
            starts_at=datetime.time(10),
            ends_at=datetime.time(18),
            slot_minutes=20,
        )
        slots = Slot.objects.bulk_create(
            Slot(
                session=session,
                starts_at=moment + datetime.timedelta(minutes=20 * n),
                ends_at=moment + datetime.timedelta(minutes=20 * n + 20),
            )
            for n in range(24)
        )
        buyers = Participant.objects.bulk_create(
            Participant(event=event, organization=o, side="buyer") for o in organizations[:15]
        )
        sellers = Participant.objects.bulk_create(
            Participant(event=event, organization=o, side="exhibitor") for o in organizations[15:]
        )
        for n in range(meetings):
            buyer, seller = buyers[n % len(buyers)], sellers[n % len(sellers)]
            slot = slots[n // len(buyers) % len(slots)]
            request = MeetingRequest.objects.create(
                event=event, requester=buyer, recipient=seller, status="accepted"
            )
            meeting = Meeting.objects.create(
                event=event, slot=slot, table=n % len(buyers) + 1, request=request
            )
            Seat.objects.bulk_create(
                [
                    Seat(meeting=meeting, participant=buyer, slot=slot),
                    Seat(meeting=meeting, participant=seller, slot=slot),
                ]
            )
    return {"sales": len(sales), "attendances": len(attendances)}


def _people(rng, organizations, count: int):
    from tadamon.registry.models import Person

    made = []
    for start in range(0, count, BATCH):
        made.extend(
            Person.objects.bulk_create(
                Person(
                    first_name=f"شخص{n}",
                    last_name="العلوي",
                    gender=rng.choice("fm"),
                    organization=rng.choice(organizations),
                )
                for n in range(start, min(count, start + BATCH))
            )
        )
    return made


# Report ---------------------------------------------------------------------------------------


def bench_report(seed: int) -> int:
    from tadamon.registry.models import Organization, OrganizationKind, Region
    from tadamon.reports.selectors import closing_report

    rng = random.Random(seed)
    body = Organization.objects.create(
        name_fr="Région",
        kind=OrganizationKind.objects.get(code="public_institution"),
        region=Region.objects.get(code="01"),
    )
    organizations = _organizations(rng, 330)
    people = _people(rng, organizations, 600)
    rows = []
    failed = False
    for label, size, days, meetings in (("E4 size", 165, 10, 150), ("twice E4", 330, 20, 300)):
        event = _event(
            rng, body, key=size, start=datetime.date(2024, 5, 31), days=days, region=body.region
        )
        counts = _fill_event(
            rng,
            event,
            organizations[:size],
            days=days,
            sales_per_day=1.0,
            sessions=days,
            people=people[: size * 2 - 30],
            attendance_rate=0.3,
            meetings=meetings,
        )
        median, queries = _timed(closing_report, event, runs=20)
        rows.append((label, size, days, counts, median, queries))
    print("| event | exhibitors | days | sales declarations | attendances | median | queries |")
    print("|---|---|---|---|---|---|---|")
    for label, size, days, counts, median, queries in rows:
        print(
            f"| {label} | {size} | {days} | {counts['sales']:,} | {counts['attendances']:,} | "
            f"{median * 1000:.0f} ms | {queries} |"
        )
    if rows[0][4] > 0.2:
        print("TARGET MISSED: the E4-sized report takes more than 200 ms")
        failed = True
    if rows[0][5] != rows[1][5]:
        print("TARGET MISSED: the number of queries grows with the event")
        failed = True
    return 1 if failed else 0


# Observatory ----------------------------------------------------------------------------------


def bench_observatory(seed: int, scale: float, reuse: bool) -> int:
    from tadamon.events.models import Event
    from tadamon.programme.models import Attendance
    from tadamon.registry.models import Organization, OrganizationKind, Region, Sector
    from tadamon.reports import observatory
    from tadamon.sales.models import SalesDeclaration

    rng = random.Random(seed)
    events_count, orgs_count = int(200 * scale), int(50_000 * scale)
    started = time.perf_counter()
    if reuse and Event.objects.exists():
        return _measure(
            observatory,
            Sector,
            Event.objects.count(),
            Organization.objects.count(),
            SalesDeclaration.objects.count(),
            Attendance.objects.count(),
            0.0,
        )
    regions = list(Region.objects.order_by("code"))
    body = Organization.objects.create(
        name_fr="Ministère",
        kind=OrganizationKind.objects.get(code="public_institution"),
        region=regions[0],
    )
    organizations = _organizations(rng, orgs_count)
    people = _people(rng, organizations, int(100_000 * scale))
    total_sales = total_attendances = 0
    # 200 events × 500 exhibitors × 10 days: one declaration a day each, 1,000,000 in all;
    # 5 sessions × 1,000 people × one chance in two: 500,000 attendances.
    for n in range(events_count):
        start = datetime.date(2019 + n % 7, 1 + n % 12, 1 + n % 20)
        event = _event(rng, body, key=n, start=start, days=10, region=regions[n % len(regions)])
        exhibitors = rng.sample(organizations, min(500, len(organizations)))
        counts = _fill_event(
            rng,
            event,
            exhibitors,
            days=10,
            sales_per_day=1.0,
            sessions=5,
            people=rng.sample(people, 1000),
            attendance_rate=0.5,
            meetings=0,
        )
        total_sales += counts["sales"]
        total_attendances += counts["attendances"]
        if n % 20 == 19:
            print(
                f"  {n + 1} events, {total_sales:,} sales, {total_attendances:,} attendances "
                f"({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    return _measure(
        observatory, Sector, events_count, orgs_count, total_sales, total_attendances, built
    )


def _measure(
    observatory, Sector, events_count, orgs_count, total_sales, total_attendances, built
) -> int:
    from tadamon.accounts.models import Role, User
    from tadamon.registry.models import Region

    regions = list(Region.objects.order_by("code"))
    observer = User.objects.filter(username="observer").first() or User.objects.create_user(
        username="observer", role=Role.OBSERVER
    )
    views = {
        "all events": observatory.Filters(),
        "one region": observatory.Filters(region=regions[4].code),
        "one year": observatory.Filters(year=2024),
        "region and year": observatory.Filters(region=regions[4].code, year=2024),
        "one sector": observatory.Filters(sector=Sector.objects.order_by("code").first().code),
    }
    print(
        f"Dataset: {events_count} events, {orgs_count:,} organizations, {total_sales:,} sales "
        f"declarations, {total_attendances:,} attendances; built in {built:.0f} s."
    )
    print("| view | median of 5 | queries |")
    print("|---|---|---|")
    failed = False
    for label, filters in views.items():
        median, queries = _timed(observatory.observatory, observer, filters, runs=5)
        print(f"| {label} | {median * 1000:.0f} ms | {queries} |")
        failed = failed or median > 2.0
    if failed:
        print("TARGET MISSED: an observatory view takes more than 2 s")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["report", "observatory"])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the dataset left by an earlier run"
    )
    args = parser.parse_args()
    print(_machine())
    with tempfile.TemporaryDirectory(prefix="tadamon-bench-") as workdir:
        if args.what == "report":
            _setup(f"sqlite:///{Path(workdir) / 'bench.sqlite3'}", Path(workdir))
            return bench_report(args.seed)
        url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tadamon_bench")
        if not args.reuse:
            _recreate(url)
        _setup(url, Path(workdir))
        return bench_observatory(args.seed, args.scale, args.reuse)


def _recreate(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database (never the project's own)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("tadamon_bench"):
        raise SystemExit("BENCH_PG_URL must name a database starting with tadamon_bench")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    sys.exit(main())
