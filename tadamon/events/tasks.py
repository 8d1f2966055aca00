"""Background tasks of the events app (django-tasks; in-process at once by default, a worker
when TADAMON_TASKS_BACKEND names another backend)."""

from django_tasks import task

from tadamon.events.services import allocation


@task()
def run_allocation(run_id: int) -> None:
    """Compute and store the booths and waves of one AllocationRun (see its service)."""
    allocation.execute_run(run_id)
