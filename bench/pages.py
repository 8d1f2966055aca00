"""Anonymous public pages against /healthz on the same gunicorn (issue 18, item 1).

Run from the repository root:

    .venv/bin/python -m bench.pages [--database sqlite|postgres] [--seconds 10] [--clients 8]
                                    [--workers 5] [--cache both|on|off] [--reuse]

1. The demonstration data (``load_demo``) in a database of its own: a SQLite file under
   /tmp/tadamon-pages-bench (the embedded default, each worker with its memory cache), or
   PostgreSQL's ``tadamon_pages`` (dropped and created) with Redis database 6 as the cache
   and DATABASE_CONN_MAX_AGE=60 (docs/deploy.md's production setting).
   ``--reuse`` keeps them, and the static files already collected.
2. gunicorn with the production settings (DJANGO_DEBUG=0, config/gunicorn.py, whitenoise's
   compressed and hashed static files) on 127.0.0.1, once with the public pages' cache off
   (TADAMON_PUBLIC_CACHE=0, "before") and once with it on ("after").
3. For each run, in one go: /healthz, then home, fairs, E1's page (180 exhibitors), a
   showcase, the directory, the catalogue and a search, then /healthz again; ``--clients``
   threads ask for the same address as fast as they are answered for ``--seconds`` each.
   Each page's rate is divided by the mean of the two /healthz rates.
4. Checks on the "after" server: a page answered again with its ETag is a 304 without a
   body; a hashed static file is compressed (br or gzip) and kept for a year (immutable).

Prints Markdown rows for bench/RESULTS.md; exits with status 1 when a page is under half of
/healthz with the cache on, or when a request failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench import server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
WORKDIR = Path("/tmp/tadamon-pages-bench")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/tadamon_pages"
REDIS_URL = "redis://127.0.0.1:6379/6"  # not database 0 (make serve) nor 5 (bench.load)


PORT = server.free_port()
TARGET = 0.5


def _environment(database: str, workers: int) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "TADAMON_VAR_DIR": str(WORKDIR),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "pages-bench-only-not-a-secret-" + "x" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "TADAMON_PUBLIC_BASE_URL": f"http://127.0.0.1:{PORT}",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "WEB_CONCURRENCY": str(workers),
    }
    if database == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
        env["REDIS_URL"] = REDIS_URL
        # Each worker keeps its connection, as docs/deploy.md advises without PgBouncer.
        env["DATABASE_CONN_MAX_AGE"] = "60"
    else:
        env["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'pages.sqlite3'}"
        env.pop("REDIS_URL", None)
    return env


def _recreate_postgres() -> None:
    import psycopg

    name = POSTGRES_URL.rsplit("/", 1)[1]
    assert name == "tadamon_pages"  # never another database
    with psycopg.connect(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def prepare(database: str, env: dict[str, str], reuse: bool) -> None:
    WORKDIR.mkdir(exist_ok=True)
    if not reuse:
        if database == "postgres":
            _recreate_postgres()
        else:
            (WORKDIR / "pages.sqlite3").unlink(missing_ok=True)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "load_demo", "--if-empty"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"load_demo: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    # Compressing every static file takes minutes of CPU here: once for every run.
    # The app's icons and web font are cut from their sources first: pages name them.
    subprocess.run([*manage, "build_assets", "-v0"], env=env, cwd=ROOT, check=True)
    collected = WORKDIR / "static" / "staticfiles.json"
    built = [*(ROOT / "build" / "icons").glob("*.png"), *(ROOT / "build" / "fonts").glob("*")]
    if not collected.exists() or any(
        path.stat().st_mtime > collected.stat().st_mtime for path in built
    ):
        collect = [*manage, "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, env=env, cwd=ROOT, check=True)
    if database == "postgres":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # no page of an earlier run


def _addresses(env: dict[str, str]) -> list[tuple[str, str]]:
    """The pages measured, found in the demo data (by a child process with its settings)."""
    script = (
        "import django; django.setup();"
        "from tadamon.events.models import Event;"
        "from tadamon.registry.models import Organization;"
        "from django.db.models import Count, Q;"
        "e = Event.objects.filter(is_published=True).annotate(n=Count('participations',"
        " filter=Q(participations__status='confirmed'))).order_by('-n', 'pk').first();"
        "o = Organization.objects.filter(public_profile=True, products__isnull=False)"
        ".order_by('pk').first();"
        "print(e.pk, o.pk)"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True
    )
    event, organization = output.stdout.split()[-2:]
    return [
        ("home", "/"),
        ("fairs", "/fairs/"),
        ("event page (E1, 180 exhibitors)", f"/e/{int(event)}/"),
        ("showcase", f"/o/{int(organization)}/"),
        ("directory", "/directory/"),
        ("catalogue", "/products/"),
        ("search", "/search/?q=%D8%AA%D8%B9%D8%A7%D9%88%D9%86%D9%8A%D8%A9"),  # تعاونية
    ]


def _hammer(url: str, seconds: float, clients: int) -> tuple[float, int]:
    """Requests per second answered 200 to `clients` threads asking `url` back to back, and
    how many failed."""
    stop = time.perf_counter() + seconds
    counts = [0] * clients
    failures = [0] * clients

    def run(index: int) -> None:
        while time.perf_counter() < stop:
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                counts[index] += 1
            except OSError:
                failures[index] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds, sum(failures)


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(240):
        time.sleep(0.5)
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            continue
    raise SystemExit("gunicorn did not answer /healthz")


def _checks(base: str, event_path: str) -> list[str]:
    """Conditional GET and the static files, on the running server."""
    lines = []
    with urllib.request.urlopen(base + event_path, timeout=30) as response:
        etag = response.headers["ETag"]
        size = len(response.read())
        control = response.headers["Cache-Control"]
    request = urllib.request.Request(base + event_path, headers={"If-None-Match": etag})
    try:
        urllib.request.urlopen(request, timeout=30)
        status, body = 200, "a body"
    except urllib.error.HTTPError as answer:
        status, body = answer.code, f"{len(answer.read())} bytes"
    lines.append(
        f"- `{event_path}`: {size:,} bytes, ETag {etag}, Cache-Control `{control}`; asked again "
        f"with If-None-Match: {status}, {body}."
    )
    with urllib.request.urlopen(base + "/", timeout=30) as response:
        home = response.read().decode()
    stylesheet = re.search(r'href="(/static/tadamon/tadamon\.[0-9a-f]{12}\.css)"', home)
    if stylesheet is None:
        lines.append("- static: no hashed stylesheet in the home page (FAILED)")
        return lines
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(
            base + stylesheet.group(1), headers={"Accept-Encoding": encoding}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            size = len(response.read())
            lines.append(
                f"- `{stylesheet.group(1)}` with Accept-Encoding {encoding}: Content-Encoding "
                f"`{response.headers.get('Content-Encoding')}`, {size:,} bytes, Cache-Control "
                f"`{response.headers.get('Cache-Control')}`."
            )
    return lines


def run(env: dict[str, str], cache: bool, args: argparse.Namespace) -> dict[str, Any]:
    env = {**env, "TADAMON_PUBLIC_CACHE": "1" if cache else "0"}
    pages = _addresses(env)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{PORT}"
    rates: dict[str, tuple[float, int]] = {}
    checks: list[str] = []
    try:
        _wait_until_up(base, server)
        for _label, path in pages:  # every worker renders (and caches) each page once
            for _ in range(args.workers * 2):
                urllib.request.urlopen(base + path, timeout=120).read()
        rates["/healthz (first)"] = _hammer(base + "/healthz", args.seconds, args.clients)
        for label, path in pages:
            rates[label] = _hammer(base + path, args.seconds, args.clients)
        rates["/healthz (last)"] = _hammer(base + "/healthz", args.seconds, args.clients)
        if cache:
            checks = _checks(base, pages[2][1])
    finally:
        server.terminate()
        server.wait()
    return {"rates": rates, "pages": pages, "checks": checks, "load": os.getloadavg()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--cache", choices=["both", "on", "off"], default="both")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    print(_machine())
    env = _environment(args.database, args.workers)
    prepare(args.database, env, args.reuse)
    modes = {"both": [False, True], "on": [True], "off": [False]}[args.cache]
    results = {cache: run(env, cache, args) for cache in modes}

    setup = (
        "gunicorn + SQLite, memory cache per worker"
        if args.database == "sqlite"
        else "gunicorn + PostgreSQL, Redis cache"
    )
    print(
        f"\n{setup}; {args.workers} workers, {args.clients} clients, {args.seconds:g} s per "
        "address; load average after each run: "
        + "; ".join(
            f"cache {'on' if cache else 'off'} "
            + ", ".join(f"{value:.2f}" for value in result["load"])
            for cache, result in results.items()
        )
        + "\n"
    )
    header = "| address |" + "".join(
        f" cache {'on' if cache else 'off'}: req/s | ratio |" for cache in results
    )
    print(header)
    print("|---|" + "---|---|" * len(results))
    failed = False
    labels = list(next(iter(results.values()))["rates"])
    for label in labels:
        cells = []
        for cache, result in results.items():
            rates = result["rates"]
            ceiling = (rates["/healthz (first)"][0] + rates["/healthz (last)"][0]) / 2
            rate, failures = rates[label]
            ratio = rate / ceiling
            cells.append(f" {rate:,.0f}{f' ({failures} failed)' if failures else ''} |")
            cells.append(f" {ratio:.2f} |")
            failed |= failures > 0
            if cache and not label.startswith("/healthz") and ratio < TARGET:
                failed = True
        print(f"| {label} |" + "".join(cells))
    for result in results.values():
        for line in result["checks"]:
            print(line)
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
