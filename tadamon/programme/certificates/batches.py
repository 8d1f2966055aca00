"""Batches: certificates for everyone eligible at once, in the background, as one ZIP.

:func:`start_batch` records a CertificateBatch (queued) and hands it to the task
``tadamon.programme.certificates.tasks.generate_certificates`` (run at once in-process with
the default backend, by a worker otherwise), which calls :func:`execute_batch`: issue to
every eligible holder who has no certificate yet (progress up to 50%), then render every
live certificate of the kind into one ZIP under MEDIA_ROOT/certificates/<event>/ (up to
100%). The page polls the batch's progress and offers the ZIP once it is done.
"""

import logging
import tempfile
import zipfile
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.accounts.event_access import require_event_manager
from tadamon.core import audit
from tadamon.events.models import Event
from tadamon.programme.certificates import pdf
from tadamon.programme.certificates.services import (
    batch_issue,
    check_kind,
    logo_bytes,
    pdf_filename,
)
from tadamon.programme.models import Certificate, CertificateBatch

logger = logging.getLogger(__name__)

BatchStatus = CertificateBatch.Status


def active_batch(event: Event) -> CertificateBatch | None:
    return event.certificate_batches.filter(
        status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING]
    ).first()


def start_batch(*, actor: Any, event: Event, kind: str, base_url: str = "") -> CertificateBatch:
    """Record a batch and hand it to the background task; call it outside a transaction so
    that a worker sees the row (the default in-process backend runs it at once). `base_url`,
    the starting request's origin, goes along: the worker has no request (verify_url)."""
    from tadamon.programme.certificates import tasks  # tasks imports this module

    require_event_manager(actor, event)
    check_kind(kind)
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        if active_batch(event) is not None:
            raise ValidationError(
                _("Certificates of this event are already being generated; wait for the end."),
                code="already_running",
            )
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
    tasks.generate_certificates.enqueue(batch.pk, base_url)
    batch.refresh_from_db()
    return batch


def _set(batch: CertificateBatch, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=list(fields))


def execute_batch(batch_id: int, base_url: str = "") -> None:
    """The background task's work: issue to everyone eligible (up to 50%), then render every
    live certificate of the kind into one ZIP (up to 100%). A failure ends the batch as failed
    with its message; certificates issued before it stay issued."""
    batch = CertificateBatch.objects.select_related("event", "created_by").filter(pk=batch_id)
    batch = batch.first()
    if batch is None or batch.status != BatchStatus.QUEUED:
        return
    _set(batch, status=BatchStatus.RUNNING, progress=1, message=_("Issuing the certificates."))
    try:
        issued = batch_issue(
            actor=batch.created_by,
            event=batch.event,
            kind=batch.kind,
            progress=lambda done, total: _tick(batch, done, total, 0, 50),
            base_url=base_url,
        )
        _set(batch, issued=len(issued), progress=50, message=_("Writing the PDF files."))
        name, total = write_zip(batch)
        _set(
            batch,
            status=BatchStatus.DONE,
            progress=100,
            total=total,
            file=name,
            message="",
            finished_at=timezone.now(),
        )
    except (PermissionDenied, Http404):  # the rule answers 404 once the event is out of sight
        _fail(batch, _("The person who started the batch may no longer manage this event."))
    except ValidationError as error:
        _fail(batch, " ".join(error.messages))
    except Exception:  # a bug must still end the batch, or its page would wait forever
        logger.exception("Certificate batch %s failed", batch_id)
        _fail(batch, _("The generation failed unexpectedly; try again or report it."))


def _tick(batch: CertificateBatch, done: int, total: int, start: int, end: int) -> None:
    # One write per 2% at most: the progress is for eyes, not for the database.
    value = start + (end - start) * done // max(total, 1)
    if value >= batch.progress + 2 or done == total:
        _set(batch, progress=min(value, 99))


def _fail(batch: CertificateBatch, message: str) -> None:
    _set(batch, status=BatchStatus.FAILED, message=message[:255], finished_at=timezone.now())


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
