"""Background task of the certificates (django-tasks: in-process at once by default, a worker
when TADAMON_TASKS_BACKEND names another backend)."""

from django_tasks import task

from tadamon.programme.certificates import batches


@task()
def generate_certificates(batch_id: int, base_url: str = "") -> None:
    """Issue and render the certificates of one CertificateBatch (see batches.execute_batch)."""
    batches.execute_batch(batch_id, base_url)
