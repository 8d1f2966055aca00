"""Batches: certificates for everyone eligible at once, in the background, as one ZIP.

:func:`start_batch` records a CertificateBatch (queued) and hands it to the task
``generate_certificates`` below (run at once in-process with
the default backend, by a worker otherwise), which calls :func:`execute_batch`: issue to
every eligible holder who has no certificate yet (progress up to 50%), then render every
live certificate of the kind into one ZIP under MEDIA_ROOT/certificates/<event>/ (up to
100%). The page polls the batch's progress and offers the ZIP once it is done.
"""

import tempfile
import zipfile
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tadamon.core import audit, runs
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.programme.certificates import pdf
from tadamon.programme.certificates.services import (
    batch_issue,
    check_kind,
    logo_bytes,
    pdf_filename,
)
from tadamon.programme.models import Certificate, CertificateBatch


def active_batch(event: Event) -> CertificateBatch | None:
    """The batch of `event` still queued or running (and not stale)."""
    return runs.active(event.certificate_batches.all())


def start_batch(*, actor: Any, event: Event, kind: str, base_url: str = "") -> CertificateBatch:
    """Record a batch and hand it to the background task; call it outside a transaction so
    that a worker sees the row (the default in-process backend runs it at once). `base_url`,
    the starting request's origin, goes along: the worker has no request (verify_url)."""
    require_event_manager(actor, event)
    check_kind(kind)

    def create() -> CertificateBatch:
        batch = CertificateBatch.objects.create(
            event=event,
            kind=kind,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="programme.certificate.batch_started",
            obj=batch,
            data={"event": event.pk, "kind": kind},
        )
        return batch

    batch = runs.start(
        event.certificate_batches.all(),
        scope=event,
        create=create,
        busy=_("Certificates of this event are already being generated; wait for the end."),
    )
    generate_certificates.enqueue(batch.pk, base_url)
    batch.refresh_from_db()
    return batch


def execute_batch(batch_id: int, base_url: str = "") -> None:
    """The background task's work: issue to everyone eligible (up to 50%), then render every
    live certificate of the kind into one ZIP (up to 100%). A failure ends the batch as failed
    with its message; certificates issued before it stay issued."""

    def generate(batch: CertificateBatch) -> None:
        runs.set_progress(batch, 1, _("Issuing the certificates."))
        issued = batch_issue(
            actor=batch.created_by,
            event=batch.event,
            kind=batch.kind,
            progress=lambda done, total: _tick(batch, done, total, 0, 50),
            base_url=base_url,
        )
        runs.set_progress(batch, 50, _("Writing the PDF files."), issued=len(issued))
        name, total = write_zip(batch)
        runs.succeed(batch, total=total, file=name)

    runs.execute(
        CertificateBatch.objects.select_related("event", "created_by"),
        batch_id,
        generate,
        explain=_explain,
        unexpected=_("The generation failed unexpectedly; try again or report it."),
    )


def _explain(error: Exception) -> str | None:
    if isinstance(error, PermissionDenied | Http404):  # 404 once the event is out of their sight
        return _("The person who started the batch may no longer manage this event.")
    return runs.explain_validation(error)


def _tick(batch: CertificateBatch, done: int, total: int, start: int, end: int) -> None:
    # One write per 2% at most: the progress is for eyes, not for the database.
    value = start + (end - start) * done // max(total, 1)
    if value >= batch.progress + 2 or done == total:
        runs.set_progress(batch, min(value, 99))


def write_zip(batch: CertificateBatch) -> tuple[str, int]:
    """Every live certificate of the batch's kind, one PDF each, in one ZIP under
    MEDIA_ROOT/certificates/<event>/<timestamp>.zip; answers its storage name and size."""
    certificates = list(
        Certificate.objects.filter(
            event=batch.event, kind=batch.kind, revoked_at__isnull=True
        ).order_by("number")
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    logos: dict[str, bytes | None] = {}
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for index, certificate in enumerate(certificates, start=1):
                logo = certificate.statement.get("logo") or ""
                if logo not in logos:
                    logos[logo] = logo_bytes(logo)
                archive.writestr(
                    pdf_filename(certificate), pdf.render(certificate.statement, logo=logos[logo])
                )
                _tick(batch, index, len(certificates), 50, 100)
        spool.seek(0)
        name = default_storage.save(
            f"certificates/{batch.event_id}/{stamp}.zip", File(spool, name=f"{stamp}.zip")
        )
    return name, len(certificates)


@task()
def generate_certificates(batch_id: int, base_url: str = "") -> None:
    """The background task (django-tasks; in-process at once by default, a worker when
    TADAMON_TASKS_BACKEND names another backend): issue and render one CertificateBatch."""
    execute_batch(batch_id, base_url)
