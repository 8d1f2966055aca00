"""Background runs: one model and one runner for every computation done out of the request.

Allocation of booths, B2B scheduling and certificate batches are each a row that a page polls
while a django-tasks task does the work. The rules they share are written here once:

- :func:`start` locks the scope row (the event) so that two requests cannot both start a run,
  ends the stale runs of that scope (queued or running for longer than the model's
  ``STALE_AFTER``: a worker that died), refuses while a live run remains, then creates the new
  run in the same transaction. On PostgreSQL the lock is a row lock on the event only
  (``of=self``); on SQLite the IMMEDIATE transactions serialise the writers anyway.
- :func:`execute` claims a queued run (queued → running, once: a task delivered twice does
  nothing the second time), calls the work, and always ends the run: succeeded when the work
  returns (unless the work ended it itself, inside its own transaction), failed with a
  message when it raises. Errors the kind expects are explained by its ``explain`` callback;
  any other error is logged with its traceback and shown as a generic message, so the page
  never waits forever and the next run may start.
- :func:`set_progress` writes the percentage and message the page shows.
"""

import dataclasses
import datetime
import logging
from collections.abc import Callable
from typing import Any, Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)


class RunStatus(models.TextChoices):
    # The stored values are those the three kinds always used: no data migration.
    QUEUED = "queued", gettext_lazy("queued")
    RUNNING = "running", gettext_lazy("running")
    DONE = "done", gettext_lazy("done")
    FAILED = "failed", gettext_lazy("failed")


ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


class BackgroundRun(models.Model):
    """What every background run has: its state, the progress the page shows, the message
    (the step being done, or why it failed), who started it and when it ended. The concrete
    models add their event (with their own related name), their inputs and their result."""

    Status = RunStatus

    # A run queued or running for longer than this is taken for dead (its worker stopped).
    STALE_AFTER = datetime.timedelta(minutes=30)

    status = models.CharField(
        gettext_lazy("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(gettext_lazy("progress (%)"), default=0)
    message = models.CharField(gettext_lazy("message"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("started by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(gettext_lazy("started"), auto_now_add=True)
    finished_at = models.DateTimeField(gettext_lazy("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_stale(self) -> bool:
        return self.is_active and self.created_at < timezone.now() - self.STALE_AFTER


Run = TypeVar("Run", bound=BackgroundRun)


@dataclasses.dataclass(frozen=True)
class RunResult:
    """Base of a kind's typed result: a dataclass stored as the run's JSON ``result``, and
    read back with :meth:`from_json`, so that pages and the API read named attributes with
    their defaults instead of free dict keys. Keys the dataclass does not know are ignored
    (older rows, inputs kept beside the result)."""

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Self:
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in (data or {}).items() if key in names})

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# Starting --------------------------------------------------------------------------------


def lock(row: models.Model) -> None:
    """Lock `row` until the end of the transaction; only its own table (of=self), so that a
    model ordering or a join never locks more."""
    manager = type(row)._base_manager
    list(manager.select_for_update(of=("self",)).filter(pk=row.pk).values_list("pk"))


def end_stale(runs: QuerySet) -> int:
    """Mark the stale runs among `runs` failed; answers how many."""
    since = timezone.now() - runs.model.STALE_AFTER
    return runs.filter(status__in=ACTIVE, created_at__lt=since).update(
        status=RunStatus.FAILED,
        message=_("The run stopped answering and was abandoned; start it again.")[:255],
        finished_at=timezone.now(),
    )


def active(runs: QuerySet) -> Any:
    """The live run among `runs` (queued or running, not stale), or None."""
    since = timezone.now() - runs.model.STALE_AFTER
    return runs.filter(status__in=ACTIVE, created_at__gte=since).order_by("-created_at").first()


def start(runs: QuerySet, *, scope: models.Model, create: Callable[[], Run], busy: str) -> Run:
    """Create a run with `create` unless `runs` (the runs of `scope`) has a live one, in which
    case answer a ValidationError with `busy` (code ``already_running``). `create` runs inside
    the transaction holding the lock: it records the audit entry there too."""
    with transaction.atomic():
        lock(scope)
        end_stale(runs)
        if active(runs) is not None:
            raise ValidationError(busy, code="already_running")
        return create()


# Running ---------------------------------------------------------------------------------


def set_progress(
    run: BackgroundRun, progress: int, message: str | None = None, **fields: Any
) -> None:
    """Write the progress (and the message, and any other field) of `run`, in the database
    and on the instance."""
    values = {"progress": max(0, min(progress, 100)), **fields}
    if message is not None:
        values["message"] = message[:255]
    type(run)._base_manager.filter(pk=run.pk).update(**values)
    for name, value in values.items():
        setattr(run, name, value)


def fail(run: BackgroundRun, message: str) -> None:
    """End `run` as failed with `message`."""
    now = timezone.now()
    type(run)._base_manager.filter(pk=run.pk).update(
        status=RunStatus.FAILED, message=message[:255], finished_at=now
    )
    run.status, run.message, run.finished_at = RunStatus.FAILED, message[:255], now


def succeed(run: BackgroundRun, **fields: Any) -> None:
    """End `run` as done (with `fields` stored too) unless something ended it already."""
    now = timezone.now()
    values = {"status": RunStatus.DONE, "progress": 100, "message": "", "finished_at": now}
    values.update(fields)
    ended = type(run)._base_manager.filter(pk=run.pk, status=RunStatus.RUNNING).update(**values)
    if ended:
        for name, value in values.items():
            setattr(run, name, value)


def explain_validation(error: Exception) -> str | None:
    """The message of a ValidationError (a rule the data broke); None for any other error."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return None


def execute(
    runs: QuerySet,
    run_id: int,
    work: Callable[[Run], None],
    *,
    explain: Callable[[Exception], str | None] = explain_validation,
    unexpected: str | None = None,
) -> Run | None:
    """Claim the queued run `run_id` of `runs`, call ``work(run)`` and end the run whatever
    happens (see the module's docstring). Answers the run, or None when it was not queued
    (gone, already run by another delivery of the task, or abandoned as stale)."""
    claimed = runs.filter(pk=run_id, status=RunStatus.QUEUED).update(status=RunStatus.RUNNING)
    if not claimed:
        return None
    run = runs.get(pk=run_id)
    try:
        work(run)
    except Exception as error:  # whatever the work raises, the run must end
        message = explain(error)
        if message is None:
            logger.exception("%s %s failed", runs.model.__name__, run_id)
            message = unexpected or _(
                "The computation failed unexpectedly; try again or report it."
            )
        fail(run, message)
    else:
        succeed(run)
    return run
