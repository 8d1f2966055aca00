"""Benchmark of the Arabic-first search and of the public catalogue (issues 9 and 18).

Run from the repository root:

- ``.venv/bin/python -m bench.search latency [--database sqlite|postgres] [--vacuum]`` — a
  generated catalogue of 20,000 organizations with distinct Arabic and French names and
  100,000 products (seeded, bench/search_names.py), indexed; then 60 queries for each way
  Moroccans type a name (as written, without hamza, with و ب ل attached, the French spelling,
  another Darija Latin spelling, Arabizi, a one-letter typo) through
  ``tadamon.core.search.engine``: p50 and p95 latency per way and overall (target p95 ≤ 30 ms
  on both databases), and how often the organization searched for is in the top 3 (target
  ≥ 95%). ``--vacuum`` runs VACUUM ANALYZE after the load, as autovacuum would later.
- ``.venv/bin/python -m bench.search throughput`` — the same catalogue on SQLite served by
  gunicorn (2 workers): requests per second of the public catalogue page against /healthz on
  the same server, 8 concurrent clients for 15 s each.

PostgreSQL runs in a throw-away database ``tadamon_bench_search`` (dropped and created;
``BENCH_PG_URL`` names another starting with ``tadamon_bench``).
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

from bench import search_names
from bench.reports import _machine, _recreate, _setup


def build(organizations: int, products: int, seed: int) -> list[search_names.Name]:
    from tadamon.core.search.engine import rebuild
    from tadamon.registry.models import Organization, OrganizationKind, Product, Region, Sector

    rng = random.Random(seed)
    regions = list(Region.objects.all())
    kinds = {
        k.code: k for k in OrganizationKind.objects.filter(code__in=["cooperative", "association"])
    }
    sectors = list(Sector.objects.all())
    names = search_names.organizations(organizations, rng)
    made = Organization.objects.bulk_create(
        Organization(
            name_ar=name.arabic,
            name_fr=name.french,
            kind=kinds["association" if name.arabic.startswith("جمعية") else "cooperative"],
            region=rng.choice(regions),
            primary_sector=rng.choice(sectors),
            public_profile=True,
        )
        for name in names
    )
    batch = []
    for n in range(products):
        name_ar, name_fr = search_names.product(rng)
        batch.append(
            Product(
                organization=made[n % len(made)],
                name_ar=name_ar,
                name_fr=name_fr,
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


def _vacuum() -> None:
    """What autovacuum would do some time after the bulk load (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE core_searchentry")


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def latency(database: str, seed: int, per_way: int, vacuum: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="tadamon-bench-") as workdir:
        if database == "postgres":
            url = os.environ.get(
                "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tadamon_bench_search"
            )
            _recreate(url)
        else:
            url = f"sqlite:///{Path(workdir) / 'search.sqlite3'}"
        _setup(url, Path(workdir))
        import tadamon
        from tadamon.core.search import engine
        from tadamon.registry.models import Organization

        started = time.perf_counter()
        names = build(20_000, 100_000, seed)
        built = time.perf_counter() - started
        if vacuum:
            _vacuum()
        ids = dict(Organization.objects.values_list("name_ar", "pk"))
        rng = random.Random(seed)
        queries = [
            (way, type_it(rng, name), ids[name.arabic])
            for way, type_it in search_names.WAYS.items()
            for name in rng.sample(names, per_way)
        ]
        rng.shuffle(queries)
        for _way, query, _target in queries[:20]:  # warm the caches
            engine.search(query, limit=3)
        timings: dict[str, list[float]] = {way: [] for way in search_names.WAYS}
        found: dict[str, int] = dict.fromkeys(search_names.WAYS, 0)
        for way, query, target in queries:
            begin = time.perf_counter()
            hits = engine.search(query, limit=3)
            timings[way].append(time.perf_counter() - begin)
            found[way] += ("organization", target) in [(h.kind, h.object_id) for h in hits]
        every = [t for way in timings.values() for t in way]
        print(f"Code: {Path(tadamon.__file__).parent.parent}; load {_load()}")
        print(
            f"Catalogue: 20,000 organizations, 100,000 products on {database}; built and "
            f"indexed in {built:.0f} s{'; then VACUUM ANALYZE' if vacuum else ''}."
        )
        print("| typed as | queries | p50 | p95 | searched name in the top 3 |")
        print("|---|---|---|---|---|")
        for way, spent in timings.items():
            print(
                f"| {way} | {len(spent)} | {statistics.median(spent) * 1000:.1f} ms "
                f"| {_p95(spent):.1f} ms | {found[way] * 100 / len(spent):.0f}% |"
            )
        print(
            f"| **all, {database}** | {len(every)} | {statistics.median(every) * 1000:.1f} ms "
            f"| {_p95(every):.1f} ms | {sum(found.values()) * 100 / len(every):.1f}% |"
        )
        return 1 if _p95(every) > 30 else 0


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


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
        # The app's icons and web font are cut from their sources first: pages name them.
        subprocess.run([sys.executable, "manage.py", "build_assets", "-v0"], env=env, check=True)
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
    parser.add_argument("--per-way", type=int, default=60, help="queries per way of typing")
    parser.add_argument(
        "--vacuum", action="store_true", help="VACUUM ANALYZE after the load (PostgreSQL)"
    )
    args = parser.parse_args()
    print(_machine())
    if args.what == "latency":
        return latency(args.database, args.seed, args.per_way, args.vacuum)
    return throughput(args.seed)


if __name__ == "__main__":
    sys.exit(main())
