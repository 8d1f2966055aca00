"""Broadcast benchmark (issue 19): a broadcast to 165 exhibitors, queued in the request and
delivered by the task worker.

Run from the repository root, once per set-up (about a minute each; PostgreSQL on
127.0.0.1:5432 as postgres and Redis on 6379, database 6, for the task queue in both):

    .venv/bin/python -m bench.broadcast --setup sqlite [--runs 15] [--exhibitors 165]
    .venv/bin/python -m bench.broadcast --setup postgres

1. Seeds one event with `--exhibitors` accepted organizations, each with an e-mail, a phone and
   one active account (so 2 e-mails, 1 SMS and 1 inbox message each), and its organizer.
2. The send request: the confirmed broadcast form POSTed through Django's test client with the
   production settings (DEBUG off, the RQ task backend: the request writes the rows in bulk
   and puts the tasks in Redis after commit). `--runs` broadcasts, each a new one to the same
   organizations; reports the median, p95 and max of the request's time and its queries.
3. The delivery: the queue is emptied, one more broadcast is sent, and `manage.py rqworker
   --burst` delivers it against a local SMTP server (aiosmtpd) and a local Twilio-shaped SMS
   provider over HTTP (tests/sms_provider.py), both in this process. Reports the worker's
   wall time (its start included) and the span from the first message taken to the last sent.

Prints the machine and the rows for bench/RESULTS.md; exits with status 1 when a request did
not redirect or a message was not sent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench import server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
REDIS = "redis://127.0.0.1:6379/6"  # not database 0: never mixed with `make serve`'s queue
DATABASE = "tadamon_broadcast"
TEXT_AR = "تذكير: تركيب الأروقة يوم الاثنين على الساعة الثامنة صباحا. المرجو إحضار بطاقة العارض."
TEXT_FR = "Rappel : montage des stands lundi à 8 h. Merci de venir avec votre badge d'exposant."


def _environment(setup: str, workdir: Path) -> dict[str, str]:
    env = server.environment(
        workdir,
        port=8793,
        workers=1,
        label="broadcast",
        database_url=f"{server.POSTGRES}/{DATABASE}" if setup == "postgres" else "",
        redis_url=REDIS,
        tasks_backend="django_tasks_rq.RQBackend",
    )
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,testserver"
    return env


def seed(count: int) -> tuple[object, object]:
    """The event and its organizer; `count` accepted organizations with e-mail, phone and one
    account each."""
    from django.core.management import call_command

    from tadamon.accounts.models import Role, User
    from tadamon.calls.models import Application, ApplicationStatus, Call
    from tadamon.events.models import Event, EventKind
    from tadamon.registry.models import Organization, OrganizationKind, Region

    call_command("migrate", verbosity=0, interactive=False)
    region = Region.objects.order_by("code").first()
    cooperative = OrganizationKind.objects.get(code="cooperative")
    body = Organization.objects.create(
        name_fr="Région du banc d'essai",
        kind=OrganizationKind.objects.get(code="public_institution"),
        region=region,
    )
    organizer = User.objects.create(
        username="bench_organizer", role=Role.ORGANIZER, organization=body
    )
    import datetime

    today = datetime.date.today()
    event = Event.objects.create(
        kind=EventKind.REGIONAL_EXHIBITION,
        title_fr="Salon du banc d'essai",
        organizer=body,
        region=region,
        start_date=today,
        end_date=today + datetime.timedelta(days=5),
    )
    call = Call.objects.create(event=event, opens_on=today, closes_on=today, capacity=count)
    organizations = Organization.objects.bulk_create(
        Organization(
            name_ar=f"تعاونية {n}" if n % 3 else "",
            name_fr=f"Coopérative {n}",
            kind=cooperative,
            region=region,
            email=f"coop{n}@example.ma",
            phone=f"+2126{n:08d}",
        )
        for n in range(count)
    )
    Application.objects.bulk_create(
        Application(call=call, organization=organization, status=ApplicationStatus.ACCEPTED)
        for organization in organizations
    )
    return event, organizer


def add_accounts() -> None:
    """One active account (with its e-mail) for each organization: one more e-mail and an
    inbox message each."""
    from tadamon.accounts.models import Role, User
    from tadamon.registry.models import Organization

    User.objects.bulk_create(
        User(
            username=f"bench_member_{n}",
            email=f"member{n}@example.ma",
            role=Role.EXHIBITOR,
            organization=organization,
        )
        for n, organization in enumerate(Organization.objects.filter(email__startswith="coop"))
    )


def send(client, event, channels: list[str]) -> tuple[float, float, int, int]:
    """One confirmed broadcast: wall seconds, CPU seconds of this process (SQLite's work
    included, PostgreSQL's not), status code, queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    data = {
        "application_statuses": ["accepted"],
        "subject": "Montage des stands",
        "text_ar": TEXT_AR,
        "text_fr": TEXT_FR,
        "channels": channels,
        "token": str(uuid.uuid4()),
        "confirm": "1",
    }
    url = reverse("broadcasts:compose", args=[event.pk])
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        answer = client.post(url, data)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, answer.status_code, len(queries)


def deliver(env: dict[str, str]) -> tuple[float, float, dict[str, int]]:
    """Run the worker in burst mode against local providers; (wall s, span s, statuses)."""
    from django.db.models import Count, Max, Min

    from tadamon.messaging.models import Message
    from tests.messaging.smtp_server import SmtpServer
    from tests.sms_provider import SmsProvider

    with SmtpServer() as smtp, SmsProvider(shape="twilio") as sms:
        worker_env = {
            **env,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(smtp.port),
            "TADAMON_SMS_GATEWAY": "tadamon.core.sms_http.TwilioSmsGateway",
            "TADAMON_SMS_URL": sms.url,
            "TADAMON_SMS_ACCOUNT": "AC-bench",
            "TADAMON_SMS_TOKEN": "bench-not-a-secret",
        }
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "rqworker", "default", "--burst"],
            cwd=ROOT,
            env=worker_env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        received = (len(smtp.received), len(sms.requests))
    sent = Message.objects.exclude(channel="inbox").aggregate(
        first=Min("claimed_at"), last=Max("sent_at")
    )
    span = (sent["last"] - sent["first"]).total_seconds() if sent["first"] else float("nan")
    statuses = dict(
        Message.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    statuses["smtp received"], statuses["provider requests"] = received
    return wall, span, statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--setup", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exhibitors", type=int, default=165)
    args = parser.parse_args()
    print(_machine())
    workdir = Path(tempfile.gettempdir()) / "tadamon-broadcast-bench"
    workdir.mkdir(exist_ok=True)
    env = _environment(args.setup, workdir)
    server.reset_database(env, reuse=False)
    os.environ.update(env)
    import django

    django.setup()
    import django_rq
    from django.test import Client

    from tadamon.broadcasts.models import Broadcast
    from tadamon.messaging.models import Message

    queue = django_rq.get_queue("default")
    queue.empty()
    event, organizer = seed(args.exhibitors)
    client = Client()
    client.force_login(organizer)
    cases = []
    for label, channels in (
        ("e-mail + SMS, no accounts", ["email", "sms"]),
        ("e-mail + SMS + inbox, one account each", ["email", "sms", "inbox"]),
    ):
        if "inbox" in channels:
            add_accounts()
        send(client, event, channels)  # warm-up: imports, templates, connections
        runs = [send(client, event, channels) for _ in range(args.runs)]
        per_broadcast = Message.objects.filter(batch=Broadcast.objects.latest("pk").batch).count()
        cases.append((label, per_broadcast, runs))

    # The delivery of one broadcast: the earlier ones are dropped with their tasks.
    queue.empty()
    Message.objects.all().delete()
    send(client, event, ["email", "sms", "inbox"])
    wall, span, statuses = deliver(env)
    undelivered = sum(
        n for status, n in statuses.items() if status in ("queued", "sending", "failed")
    )

    database = "PostgreSQL" if args.setup == "postgres" else "SQLite"
    print(
        f"\n{args.exhibitors} accepted organizations; {database}, RQ on Redis; {args.runs} "
        "runs per case after a warm-up; load after the runs "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
        + "."
    )
    print("\n| database | case | messages | median | p95 | max | CPU median | queries | failed |")
    print("|---|---|---|---|---|---|---|---|---|")
    failed = 0
    for label, per_broadcast, runs in cases:
        times = sorted(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        failed += sum(1 for run in runs if run[2] != 302)
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(
            f"| {database} | {label} | {per_broadcast} | {statistics.median(times) * 1000:.0f} ms "
            f"| {p95 * 1000:.0f} ms | {times[-1] * 1000:.0f} ms | {cpu * 1000:.0f} ms "
            f"| {runs[0][3]} | {sum(1 for run in runs if run[2] != 302)} |"
        )
    print("\n| database | worker wall (start included) | first taken → last sent | statuses |")
    print("|---|---|---|---|")
    shown = ", ".join(f"{key} {value}" for key, value in sorted(statuses.items()))
    print(f"| {database} | {wall:.1f} s | {span:.1f} s | {shown} |")
    ok = failed == 0 and undelivered == 0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
