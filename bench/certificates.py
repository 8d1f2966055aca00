"""Benchmark of the certificate batch: N certificates of attendance issued and rendered into
one ZIP, as the "Generate for everyone eligible" button does.

Run from the repository root: ``.venv/bin/python -m bench.certificates`` (options:
``--count 300``, ``--sessions 5``). It works in a throw-away SQLite database and media folder
under a temporary directory (never var/), builds an E5-shaped training programme (sessions
in 5 communes, ``count`` people with Arabic names attending every session, two signatories
and a logo), then:

1. times ``batches.start_batch`` (in-process task backend: issue every certificate, then
   render every PDF into the ZIP), without tracemalloc, which would slow it down;
2. renders the ZIP again under tracemalloc, for the peak of Python allocations;
3. reports the process's peak resident memory (``ru_maxrss``), which includes Django and the
   database work.

Prints a Markdown table row and the machine's description.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path


def _setup(workdir: Path) -> None:
    os.environ["TADAMON_VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TADAMON_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _build(count: int, sessions: int):
    """An E5-like programme with `count` attendees of every session; answers (event, user)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from tadamon.accounts.models import Role, User
    from tadamon.events.models import Event, EventKind
    from tadamon.programme.certificates import rules
    from tadamon.programme.models import Attendance, Session
    from tadamon.registry.models import Organization, OrganizationKind, Person, Region

    region = Region.objects.get(code="05")
    body = Organization.objects.create(
        name_ar="المديرية الإقليمية للصناعة التقليدية بأزيلال",
        name_fr="Direction provinciale de l'artisanat d'Azilal",
        kind=OrganizationKind.objects.get(code="public_institution"),
        region=region,
    )
    user = User.objects.create(username="bench", role=Role.ORGANIZER, organization=body)
    event = Event.objects.create(
        kind=EventKind.TRAINING_PROGRAMME,
        title_ar="الأيام التكوينية لفائدة منشطي الاقتصاد الاجتماعي والتضامني",
        title_fr="Journées de formation des animateurs de l'économie sociale et solidaire",
        organizer=body,
        region=region,
        city="Azilal",
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )
    communes = ["Ait M'hamed", "Tabant", "Ait Bouwli", "Ait Amdis", "Ait Blal"]
    rows = []
    for index in range(sessions):
        day = datetime.datetime(2024, 9, 26, 9) + datetime.timedelta(days=index * 4)
        start = timezone.make_aware(day)
        rows.append(
            Session.objects.create(
                event=event,
                kind="training",
                title_ar=f"التدبير الإداري والمالي للتعاونيات {index + 1}",
                title_fr=f"Gestion administrative et financière des coopératives {index + 1}",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=4),
                commune_name=communes[index % len(communes)],
            )
        )
    organizations = [
        Organization.objects.create(
            name_ar=f"تعاونية تيفاوين {n}",
            name_fr=f"Coopérative Tifawin {n}",
            kind=OrganizationKind.objects.get(code="cooperative"),
            region=region,
        )
        for n in range(21)
    ]
    people = Person.objects.bulk_create(
        Person(
            first_name=f"فاطمة الزهراء {n}",
            last_name="العلوي",
            gender="f" if n % 2 else "m",
            organization=organizations[n % len(organizations)],
        )
        for n in range(count)
    )
    now = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(session=session, person=person, checked_in_at=now)
        for person in people
        for session in rows
    )
    logo = io.BytesIO()
    Image.new("RGB", (240, 120), (25, 115, 70)).save(logo, format="PNG")
    rules.save_settings(
        actor=user,
        event=event,
        rule="min_sessions",
        min_sessions=1,
        signatories=[
            {
                "name_ar": "محمد بنعلي",
                "name_fr": "Mohammed Benali",
                "title_ar": "المدير الإقليمي",
                "title_fr": "Directeur provincial",
            },
            {
                "name_ar": "سعاد الإدريسي",
                "name_fr": "Souad Idrissi",
                "title_ar": "رئيسة المصلحة",
                "title_fr": "Cheffe de service",
            },
        ],
        logo=SimpleUploadedFile("logo.png", logo.getvalue(), content_type="image/png"),
    )
    return event, user


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1_048_576:.1f} GiB RAM"
    except (OSError, StopIteration):
        memory = "RAM unknown"
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or "?"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{cores} CPUs (nproc), {cpu}, {memory}, Python {platform.python_version()}; "
        f"load average {load} (a shared machine: other work runs beside the benchmark)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="certificates (default 300)")
    parser.add_argument("--sessions", type=int, default=5, help="sessions per person")
    parser.add_argument("--traced", type=int, default=20, help="PDFs rendered under tracemalloc")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tadamon-bench-") as folder:
        _setup(Path(folder))
        from django.core.files.storage import default_storage

        from tadamon.programme.certificates import batches, services
        from tadamon.programme.models import Certificate

        event, user = _build(options.count, options.sessions)
        # Time the ZIP step inside the real batch, to split issuing from rendering.
        write_zip, zip_seconds = batches.write_zip, []

        def timed_write_zip(batch):
            started = time.perf_counter()
            try:
                return write_zip(batch)
            finally:
                zip_seconds.append(time.perf_counter() - started)

        batches.write_zip = timed_write_zip
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        batch = batches.start_batch(actor=user, event=event, kind="attendance")
        total_s = time.perf_counter() - started
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        batch.refresh_from_db()
        if batch.status != "done":
            print(f"The batch failed: {batch.message}", file=sys.stderr)
            return 1
        with default_storage.open(batch.file.name, "rb") as handle:
            archive = zipfile.ZipFile(io.BytesIO(handle.read()))
            pdfs = len(archive.namelist())
            zip_mb = handle.size / 1_048_576
        issued = Certificate.objects.filter(event=event).count()
        # Rendering alone, on a sample, then under tracemalloc (several times slower): each
        # PDF is written to the spooled ZIP and dropped, so the peak does not grow with N.
        sample = list(Certificate.objects.filter(event=event)[: options.traced])
        started = time.perf_counter()
        for certificate in sample:
            services.certificate_pdf(certificate)
        render_s = (time.perf_counter() - started) / max(len(sample), 1)
        tracemalloc.start()
        for certificate in sample:
            services.certificate_pdf(certificate)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        "| certificates | PDFs in ZIP | ZIP MB | batch s | s / certificate | of which PDF + ZIP s "
        "| PDF alone s (sample) | tracemalloc peak MB (sample) | ru_maxrss before → after MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {issued} | {pdfs} | {zip_mb:.1f} | {total_s:.1f} | {total_s / max(issued, 1):.3f} "
        f"| {sum(zip_seconds):.1f} "
        f"| {render_s:.3f} ({len(sample)}) | {peak / 1_048_576:.1f} ({len(sample)}) "
        f"| {rss_before / 1024:.0f} → "
        f"{rss_peak / 1024:.0f} |"
    )
    print()
    print(f"Machine: {_machine()}")
    print(f"Date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"Command: {sys.executable} -m bench.certificates {' '.join(argv or sys.argv[1:])}")
    return 0 if issued == pdfs == options.count else 1


if __name__ == "__main__":
    sys.exit(main())
