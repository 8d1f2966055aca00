"""Log-in benchmark (issue 18, item 2): what a password check costs, and an opening morning.

Run from the repository root (about 3 minutes; SQLite in a temporary folder, no service):

    .venv/bin/python -m bench.login [--users 200] [--window 60] [--workers 5] [--seed 18]

1. CPU per password check, in this process, for Django 5.2's PBKDF2 (1,000,000 iterations,
   the hasher before issue 18), Django's Argon2 defaults and the project's Argon2id
   (tadamon/accounts/hashers.py): the median of 5 rounds of 10 checks, CPU time.
2. An opening morning on gunicorn with the production settings: `--users` exhibitor accounts
   each open the log-in page and sign in once, at instants drawn (seeded) uniformly within
   `--window` seconds. Run twice, side by side: every account first holds a PBKDF2 hash (the
   accounts as they were, each upgraded at its log-in), then the Argon2id hash that upgrade
   left. Reports the answer time of the sign-in (p50, p95, max), the answers that were not a
   redirect, and the server's CPU per log-in (its processes' CPU time over the run, page and
   sign-in together, divided by the log-ins).

Prints the machine and the rows for bench/RESULTS.md; exits with status 1 when a log-in failed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
PORT = 8792
PASSWORD = "login-bench-not-a-secret"
PREFIX = "login_exhibitor_"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def check_costs() -> list[tuple[str, float]]:
    """Milliseconds of CPU per password check, per hasher."""
    from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher

    from tadamon.accounts.hashers import Argon2idPasswordHasher

    costs = []
    for name, hasher in (
        ("PBKDF2-SHA256, 1,000,000 iterations (Django 5.2, before)", PBKDF2PasswordHasher()),
        ("Argon2id, Django's defaults (100 MiB, t=2, p=8)", Argon2PasswordHasher()),
        ("Argon2id, the project's (19 MiB, t=2, p=1)", Argon2idPasswordHasher()),
    ):
        encoded = hasher.encode(PASSWORD, hasher.salt())
        rounds = []
        for _ in range(5):
            started = time.process_time()
            for _ in range(10):
                assert hasher.verify(PASSWORD, encoded)
            rounds.append((time.process_time() - started) * 100)  # ms per check
        costs.append((name, statistics.median(rounds)))
    return costs


def prepare(count: int) -> None:
    from django.core.management import call_command

    from tadamon.accounts.models import Role, User
    from tadamon.registry.models import Organization, OrganizationKind, Region

    call_command("migrate", verbosity=0, interactive=False)
    organization = Organization.objects.create(
        name_fr="Coopérative du banc d'essai",
        kind=OrganizationKind.objects.get(code="cooperative"),
        region=Region.objects.order_by("code").first(),
    )
    User.objects.bulk_create(
        User(username=f"{PREFIX}{n:03}", role=Role.EXHIBITOR, organization=organization)
        for n in range(count)
    )


def set_hashes(hasher) -> None:
    """Every bench account gets the same password hashed by `hasher` (one hash: hashing
    200 times at PBKDF2's cost would take a minute)."""
    from tadamon.accounts.models import User

    encoded = hasher.encode(PASSWORD, hasher.salt())
    User.objects.filter(username__startswith=PREFIX).update(password=encoded)


def _log_in(base: str, username: str) -> tuple[float, int]:
    import requests

    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = TOKEN.search(page.text).group(1)
    started = time.perf_counter()
    answer = session.post(
        f"{base}/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=60,
    )
    return time.perf_counter() - started, answer.status_code


def morning(base: str, pid: int, count: int, window: float, seed: int) -> dict[str, float]:
    """`count` log-ins at seeded instants within `window` seconds, one thread each."""
    rng = random.Random(seed)
    instants = sorted(rng.uniform(0, window) for _ in range(count))
    results: list[tuple[float, int]] = []
    lock = threading.Lock()

    def one(n: int, at: float, origin: float) -> None:
        time.sleep(max(0.0, origin + at - time.perf_counter()))
        outcome = _log_in(base, f"{PREFIX}{n:03}")
        with lock:
            results.append(outcome)

    cpu_before = server.server_cpu(pid)
    origin = time.perf_counter()
    threads = [threading.Thread(target=one, args=(n, at, origin)) for n, at in enumerate(instants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - origin
    cpu = server.server_cpu(pid) - cpu_before
    times = sorted(seconds for seconds, _status in results)
    return {
        "log-ins": len(results),
        "failed": sum(1 for _seconds, status in results if status != 302),
        "p50": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "max": times[-1],
        "elapsed": elapsed,
        "cpu_ms": 1000 * cpu / len(results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--window", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (default 5)")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    print(_machine())
    workdir = Path(tempfile.gettempdir()) / "tadamon-login-bench"
    workdir.mkdir(exist_ok=True)
    for stale in workdir.glob("tadamon.sqlite3*"):
        stale.unlink()  # a new database each run; the static files are kept
    env = server.environment(workdir, port=PORT, workers=args.workers, label="login")
    os.environ.update(env)
    import django

    django.setup()
    print("\n| hasher | CPU per check |\n|---|---|")
    for name, milliseconds in check_costs():
        print(f"| {name} | {milliseconds:.1f} ms |")

    prepare(args.users)
    server.collect_static(env)  # once per machine: compressing takes minutes of CPU
    rows = []
    with server.gunicorn(env) as gunicorn:
        base = f"http://127.0.0.1:{PORT}"
        from django.contrib.auth.hashers import PBKDF2PasswordHasher

        from tadamon.accounts.hashers import Argon2idPasswordHasher

        for label, hasher in (
            ("PBKDF2 hashes, upgraded at log-in (before)", PBKDF2PasswordHasher()),
            ("Argon2id hashes (after)", Argon2idPasswordHasher()),
        ):
            set_hashes(hasher)
            rows.append((label, morning(base, gunicorn.pid, args.users, args.window, args.seed)))
    print(
        f"\n{args.users} log-ins within {args.window:g} s, {args.workers} gunicorn workers, "
        "SQLite; load after the runs " + ", ".join(f"{v:.1f}" for v in os.getloadavg()) + "."
    )
    print("\n| accounts | log-ins | failed | p50 | p95 | max | server CPU per log-in |")
    print("|---|---|---|---|---|---|---|")
    for label, row in rows:
        print(
            f"| {label} | {row['log-ins']} | {row['failed']} | {row['p50'] * 1000:.0f} ms "
            f"| {row['p95'] * 1000:.0f} ms | {row['max'] * 1000:.0f} ms | {row['cpu_ms']:.0f} ms |"
        )
    failed = sum(row["failed"] for _label, row in rows)
    print("OK" if failed == 0 else "FAILED", f"(files in {workdir})")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
