"""Background tasks of the B2B app (django-tasks; in-process at once by default)."""

from django_tasks import task

from tadamon.b2b.services import scheduling


@task()
def run_schedule(run_id: int) -> None:
    """Compute and store the bilateral meetings of one ScheduleRun."""
    scheduling.execute_run(run_id)
