"""The benchmarks' gunicorn server: its environment, its database and its life.

bench/load.py, bench/login.py and bench/crowd.py start the project as production does
(config/gunicorn.py, ``DJANGO_DEBUG=0``, whitenoise's collected static files) on 127.0.0.1
only, in one of two set-ups:

- ``sqlite``: the embedded default, a SQLite file in the bench's work folder and the
  per-process memory cache (what a single machine runs with no service installed);
- ``postgres``: PostgreSQL (a database of the bench's own, dropped and created) and Redis as
  the cache and task broker, as ``bin/serve`` runs it (docs/deploy.md), with each worker
  keeping its database connection (``DATABASE_CONN_MAX_AGE=60``, production without
  PgBouncer).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    """A port nobody listens on: other benchmarks may be running on this machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(
    workdir: Path,
    *,
    port: int,
    workers: int,
    label: str,
    database_url: str = "",
    redis_url: str = "",
    tasks_backend: str = "",
    conn_max_age: int | None = None,
) -> dict[str, str]:
    """The server's environment (and the bench process's own, which prepares and checks the
    data with the same settings). An empty ``database_url`` is SQLite in ``workdir``; an
    empty ``redis_url`` is the per-process memory cache."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "TADAMON_VAR_DIR": str(workdir),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": f"{label}-bench-only-not-a-secret-" + "x" * 40,
        # Plain HTTP on 127.0.0.1, as `make serve` (local only).
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "TADAMON_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "WEB_CONCURRENCY": str(workers),
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    if tasks_backend:
        env["TADAMON_TASKS_BACKEND"] = tasks_backend
    if conn_max_age is not None:
        env["DATABASE_CONN_MAX_AGE"] = str(conn_max_age)
    return env


def setup_environment(
    setup: str, workdir: Path, *, port: int, workers: int, label: str, database: str
) -> dict[str, str]:
    """The environment of one of the two set-ups (see the module's docstring); ``database``
    names the PostgreSQL database (``tadamon_<label>``), unused on SQLite."""
    if setup == "sqlite":
        return environment(workdir, port=port, workers=workers, label=label)
    if setup == "postgres":
        return environment(
            workdir,
            port=port,
            workers=workers,
            label=label,
            database_url=f"{POSTGRES}/{database}",
            # Not Redis database 0: never mixed with `make serve`'s cache and queue.
            redis_url="redis://127.0.0.1:6379/6",
            tasks_backend="django_tasks_rq.RQBackend",
            conn_max_age=60,
        )
    raise ValueError(setup)


def recreate_postgres(database_url: str, *, prefix: str = "tadamon_") -> None:
    """Drop and create the bench's PostgreSQL database (a name of its own only)."""
    import psycopg

    base, name = database_url.rsplit("/", 1)
    assert name.startswith(prefix) and name != "tadamon", name  # never the project's own
    with psycopg.connect(base + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def postgres_exists(database_url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(database_url).close()
    except psycopg.OperationalError:
        return False
    return True


def reset_database(env: dict[str, str], *, reuse: bool) -> None:
    """A new, empty database (``reuse`` keeps an existing one and its data)."""
    url = env["DATABASE_URL"]
    if url:
        if not (reuse and postgres_exists(url)):
            recreate_postgres(url)
    elif not reuse:
        for stale in Path(env["TADAMON_VAR_DIR"]).glob("tadamon.sqlite3*"):
            stale.unlink()


def collect_static(env: dict[str, str], *, reuse: bool = True) -> None:
    """Collected (and compressed) static files for whitenoise. Compressing every file takes
    minutes of CPU here: with ``reuse``, done again only when a project's static file is
    newer than the last collection or the collection came from another checkout (a
    baseline measured from a worktree of an earlier commit: its files are older)."""
    # The app's icons and web font are cut from their sources first: pages name them.
    subprocess.run(
        [sys.executable, "manage.py", "build_assets", "-v0"], env=env, cwd=ROOT, check=True
    )
    manifest = Path(env["TADAMON_VAR_DIR"]) / "static" / "staticfiles.json"
    origin = manifest.with_name("collected-from.txt")
    same_checkout = origin.exists() and origin.read_text() == str(ROOT)
    if reuse and manifest.exists() and same_checkout:
        collected = manifest.stat().st_mtime
        icons_dir = Path(env.get("TADAMON_ICONS_DIR", ROOT / "build" / "icons"))
        fonts_dir = Path(env.get("TADAMON_FONTS_DIR", ROOT / "build" / "fonts"))
        sources = [
            *(ROOT / "tadamon").glob("**/static/**/*"),
            *icons_dir.glob("*.png"),
            *fonts_dir.glob("*"),
        ]
        if all(path.stat().st_mtime <= collected for path in sources if path.is_file()):
            return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    origin.write_text(str(ROOT))


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz")


@contextlib.contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """gunicorn with config/gunicorn.py, answering /healthz; stopped on the way out."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_up(f"http://{env['GUNICORN_BIND']}", server)
        yield server
    finally:
        server.terminate()
        server.wait()


def warm(base: str, paths: list[str], workers: int) -> None:
    """Each path once per worker (more or less: the kernel picks the worker), so that no
    measured request pays for a worker's first page."""
    for path in paths:
        for _ in range(workers):
            urllib.request.urlopen(base + path, timeout=60).read()


def _processes() -> Iterator[tuple[int, str, int, float]]:
    """(pid, command name, parent pid, CPU seconds so far) of every process (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            head, tail = (entry / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        name = head.split("(", 1)[1]
        yield int(entry.name), name, int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def server_cpu(pid: int) -> float:
    """CPU seconds of gunicorn's master and workers so far."""
    return sum(cpu for process, _name, parent, cpu in _processes() if pid in (process, parent))


def services_cpu() -> float:
    """CPU seconds so far of every PostgreSQL and Redis process on the machine (the bench's
    server uses them, and so does anything else running)."""
    return sum(
        cpu
        for _pid, name, _parent, cpu in _processes()
        if name.startswith(("postgres", "redis-server"))
    )
