"""Benchmark of the Arabic-first search and of the public catalogue (issue 9).

Run from the repository root:

- ``.venv/bin/python -m bench.search latency [--database sqlite|postgres]`` — a generated
  catalogue of 20,000 organizations and 100,000 products with Arabic and French names
  (seeded), indexed; then 300 queries typed the way people type them (no hamza, ه for ة,
  Latin spellings, one-letter typos, a single word) through ``tadamon.core.search.engine``:
  p50 and p95 latency (target p95 ≤ 30 ms on SQLite), and how often the name searched for
  is in the top 3.
- ``.venv/bin/python -m bench.search throughput`` — the same catalogue on SQLite served by
  gunicorn (2 workers): requests per second of the public catalogue page against /healthz on
  the same server, 8 concurrent clients for 15 s each.

PostgreSQL runs in a throw-away database ``tadamon_bench_search`` (dropped and created).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.reports import _machine, _recreate, _setup

ARABIC = [
    "الأمل", "النور", "الخير", "الشروق", "الوفاء", "الزيتون", "الأركان", "الورود", "المستقبل",
    "الصفاء", "الهدى", "الإخلاص", "السلام", "البركة", "الياسمين", "الفتح", "الرحمة", "النجاح",
    "الواحة", "الأطلس", "الريف", "الجبل", "النخيل", "الزعفران", "العسل", "الفخار", "النسيج",
    "الحناء", "الصبار", "اللوز",
]  # fmt: skip
LATIN = [
    "Al Amal", "Nour", "El Kheir", "Chourouk", "Al Wafae", "Zitoun", "Argane", "Louroud",
    "Al Moustaqbal", "Safae", "Al Houda", "Al Ikhlas", "Salam", "Baraka", "Yasmine", "Al Fath",
    "Rahma", "Najah", "Al Waha", "Atlas", "Rif", "Jbel", "Nakhil", "Zaafrane", "Assal",
    "Fakhar", "Nassij", "Henna", "Sabbar", "Louz",
]  # fmt: skip
PLACES = [
    ("أزيلال", "Azilal"), ("وزان", "Ouezzane"), ("تطوان", "Tétouan"), ("الحسيمة", "Al Hoceïma"),
    ("مراكش", "Marrakech"), ("تارودانت", "Taroudant"), ("فاس", "Fès"), ("مكناس", "Meknès"),
    ("وجدة", "Oujda"), ("الرشيدية", "Errachidia"), ("ورزازات", "Ouarzazate"), ("أكادير", "Agadir"),
    ("شفشاون", "Chefchaouen"), ("العرائش", "Larache"), ("تزنيت", "Tiznit"), ("زاكورة", "Zagora"),
]  # fmt: skip
KINDS = [("تعاونية", "Coopérative"), ("جمعية", "Association")]
PRODUCTS = [
    ("زيت الأركان", "Huile d'argan"), ("عسل الزعتر", "Miel de thym"), ("زربية", "Tapis"),
    ("أملو", "Amlou"), ("كسكس", "Couscous"), ("صابون بلدي", "Savon beldi"), ("طاجين", "Tajine"),
    ("حناء", "Henné"), ("زعفران", "Safran"), ("تمر", "Dattes"),
]  # fmt: skip


def _name(n: int) -> tuple[str, str]:
    kind = KINDS[n % 2]
    word = n // 2 % len(ARABIC)
    place = PLACES[n // (2 * len(ARABIC)) % len(PLACES)]
    serial = n // (2 * len(ARABIC) * len(PLACES))
    suffix_ar = f" {serial}" if serial else ""
    suffix_fr = f" {serial}" if serial else ""
    return (
        f"{kind[0]} {ARABIC[word]} {place[0]}{suffix_ar}",
        f"{kind[1]} {LATIN[word]} {place[1]}{suffix_fr}",
    )


def build(organizations: int, products: int, seed: int) -> list[tuple[str, str]]:
    from tadamon.core.management.commands.search_index import rebuild
    from tadamon.registry.models import Organization, OrganizationKind, Product, Region, Sector

    rng = random.Random(seed)
    regions = list(Region.objects.all())
    kinds = {
        k.code: k for k in OrganizationKind.objects.filter(code__in=["cooperative", "association"])
    }
    sectors = list(Sector.objects.all())
    names = [_name(n) for n in range(organizations)]
    made = Organization.objects.bulk_create(
        Organization(
            name_ar=ar,
            name_fr=fr,
            kind=kinds["cooperative" if n % 2 == 0 else "association"],
            region=rng.choice(regions),
            primary_sector=rng.choice(sectors),
            public_profile=True,
        )
        for n, (ar, fr) in enumerate(names)
    )
    batch = []
    for n in range(products):
        ar, fr = PRODUCTS[n % len(PRODUCTS)]
        organization = made[n % len(made)]
        batch.append(
            Product(
                organization=organization,
                name_ar=f"{ar} {organization.name_ar.split()[1]}",
                name_fr=f"{fr} {n}",
                price_mad=rng.randint(20, 900),
                sector=rng.choice(sectors),
            )
        )
        if len(batch) == 10_000:
            Product.objects.bulk_create(batch)
            batch = []
    Product.objects.bulk_create(batch)
    rebuild()
    return names


def _typed(rng: random.Random, name_ar: str, name_fr: str) -> str:
    """The name as a visitor may type it."""
    choice = rng.randrange(5)
    if choice == 0:
        return name_ar.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه")
    if choice == 1:
        return " ".join(name_fr.split()[1:]).lower()
    if choice == 2:
        word = name_fr.split()[1]
        i = rng.randrange(1, len(word))
        return word[:i] + "x" + word[i + 1 :] + " " + name_fr.split()[-1]
    if choice == 3:
        return " ".join(name_ar.split()[1:3])
    return name_ar


def latency(database: str, seed: int) -> int:
    with tempfile.TemporaryDirectory(prefix="tadamon-bench-") as workdir:
        if database == "postgres":
            url = os.environ.get(
                "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tadamon_bench_search"
            )
            _recreate(url)
        else:
            url = f"sqlite:///{Path(workdir) / 'search.sqlite3'}"
        _setup(url, Path(workdir))
        from tadamon.core.search import engine
        from tadamon.registry.models import Organization

        started = time.perf_counter()
        names = build(20_000, 100_000, seed)
        built = time.perf_counter() - started
        rng = random.Random(seed)
        ids = dict(Organization.objects.values_list("name_ar", "pk"))
        timings, found = [], 0
        for _ in range(300):
            name_ar, name_fr = rng.choice(names)
            query = _typed(rng, name_ar, name_fr)
            begin = time.perf_counter()
            hits = engine.search(query, limit=3)
            timings.append(time.perf_counter() - begin)
            found += ("organization", ids[name_ar]) in [(h.kind, h.object_id) for h in hits]
        timings.sort()
        p50 = statistics.median(timings) * 1000
        p95 = timings[int(len(timings) * 0.95) - 1] * 1000
        print(
            f"Catalogue: 20,000 organizations, 100,000 products on {database}; built and "
            f"indexed in {built:.0f} s."
        )
        print("| database | queries | p50 | p95 | max | searched name in the top 3 |")
        print("|---|---|---|---|---|---|")
        print(
            f"| {database} | 300 | {p50:.1f} ms | {p95:.1f} ms | {timings[-1] * 1000:.1f} ms "
            f"| {found / 3:.0f}% |"
        )
        return 1 if database == "sqlite" and p95 > 30 else 0


def _hammer(url: str, seconds: float, clients: int) -> float:
    stop = time.perf_counter() + seconds
    counts = [0] * clients

    def run(index: int) -> None:
        while time.perf_counter() < stop:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            counts[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds


def throughput(seed: int) -> int:
    with tempfile.TemporaryDirectory(prefix="tadamon-bench-") as workdir:
        url = f"sqlite:///{Path(workdir) / 'search.sqlite3'}"
        _setup(url, Path(workdir))
        build(20_000, 100_000, seed)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "TADAMON_VAR_DIR": workdir,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "TADAMON_PUBLIC_BASE_URL": "http://127.0.0.1:8000",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, check=True
        )
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-b",
                "127.0.0.1:8765",
                "-w",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            base = "http://127.0.0.1:8765"
            for _ in range(50):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.3)
            urllib.request.urlopen(base + "/products/", timeout=30).read()
            health = _hammer(base + "/healthz", 15, 8)
            catalogue = _hammer(base + "/products/", 15, 8)
            page = _hammer(base + "/products/?page=40", 15, 8)
        finally:
            server.terminate()
            server.wait()
        print("| URL | requests/s | ratio to /healthz |")
        print("|---|---|---|")
        for label, rate in (
            ("/healthz", health),
            ("/products/", catalogue),
            ("/products/?page=40", page),
        ):
            print(f"| {label} | {rate:.0f} | {rate / health:.2f} |")
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["latency", "throughput"])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    print(_machine())
    if args.what == "latency":
        return latency(args.database, args.seed)
    return throughput(args.seed)


if __name__ == "__main__":
    sys.exit(main())
