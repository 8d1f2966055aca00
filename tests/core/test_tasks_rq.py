"""The task worker with Redis as broker (issue 10): with TADAMON_TASKS_BACKEND set to
django_tasks_rq.RQBackend a project task goes to Redis instead of running in the request, and
a burst RQ worker runs it against the database.

The worker runs in this process (rq's SimpleWorker, no fork) so that it sees the test's
database transaction; production runs `manage.py rqworker` (make worker). Skipped when no
Redis answers at REDIS_URL (or 127.0.0.1:6379).
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django_tasks import TaskResultStatus, task_backends
from rq import SimpleWorker

from tadamon.events.models import AllocationRun, BoothAssignment
from tadamon.events.services import allocation
from tests.events.test_allocation_support import exhibitors, fair, organizations

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
# Database 15 of the same server, so that a worker of `make serve` (database 0) never takes
# the test's job (it would not see the test's data) and the test never takes its jobs.
TEST_REDIS_URL = urlunsplit(urlsplit(REDIS_URL)._replace(path="/15"))


def _redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not _redis_answers(TEST_REDIS_URL), reason=f"no Redis at {TEST_REDIS_URL}"
)


@pytest.fixture
def rq_tasks(settings):
    """The settings that TADAMON_TASKS_BACKEND=django_tasks_rq.RQBackend gives, on database 15;
    answers the queue, emptied before and after."""
    import django_rq

    settings.RQ_QUEUES = {"default": {"URL": TEST_REDIS_URL, "DEFAULT_TIMEOUT": 300}}
    settings.RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


@needs_redis
@pytest.mark.django_db
def test_an_allocation_is_queued_in_redis_and_run_by_a_burst_worker(
    rq_tasks, organizer, organizer_body
):
    import django_rq

    event, _waves = fair(organizer_body, rows=2, columns=3, waves=1)
    exhibitors(event, organizations(4, sectors=("sewing", "pottery")))

    run = allocation.start_allocation(actor=organizer, event=event, method="greedy")

    # Queued, not run: the request that started it answers at once.
    assert run.status == AllocationRun.Status.QUEUED
    assert rq_tasks.count == 1
    assert not BoothAssignment.objects.filter(participation__event=event).exists()

    worker = SimpleWorker(
        [rq_tasks], connection=rq_tasks.connection, job_class=django_rq.jobs.get_job_class()
    )
    assert worker.work(burst=True)

    run.refresh_from_db()
    assert run.status == AllocationRun.Status.DONE, run.message
    assert BoothAssignment.objects.filter(participation__event=event).count() == 4
    assert rq_tasks.count == 0
    # django-tasks reads the outcome back from Redis.
    (job_id,) = rq_tasks.finished_job_registry.get_job_ids()
    result = task_backends["default"].get_result(job_id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.task.module_path == "tadamon.events.services.allocation.run_allocation"
    rq_tasks.fetch_job(job_id).delete()


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TADAMON_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings", "TADAMON_VAR_DIR": str(tmp_path), **env}
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_rq_backend_is_configured_from_redis_url(tmp_path):
    # `check` runs django-tasks-rq's own checks: django_rq installed, the queue configured.
    result = _check(
        tmp_path,
        TADAMON_TASKS_BACKEND="django_tasks_rq.RQBackend",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_rq_backend_without_redis_refuses_clearly(tmp_path):
    result = _check(tmp_path, TADAMON_TASKS_BACKEND="django_tasks_rq.RQBackend")
    assert result.returncode != 0
    assert "TADAMON_TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL" in result.stderr
