"""The background runs' kernel (issue 16): for each kind (allocation, B2B schedule,
certificate batch) a solver that raises ends the run as failed with a message and the next
run starts; a run left running by a dead worker does not block the event forever; a task
delivered twice runs once."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tadamon.b2b.models import ScheduleResult, ScheduleRun
from tadamon.b2b.services import scheduling, setup
from tadamon.events.models import AllocationRun
from tadamon.events.services import allocation
from tadamon.optimize.errors import InstanceError
from tadamon.programme.certificates import batches
from tadamon.programme.models import CertificateBatch
from tests.b2b import support
from tests.events.test_allocation_support import exhibitors, fair, organizations
from tests.programme.certificate_support import attendee, programme

pytestmark = pytest.mark.django_db

UNEXPECTED = "The computation failed unexpectedly; try again or report it."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def crash(*args, **kwargs):
    raise RuntimeError("solver crashed")


def age(run, minutes: int) -> None:
    """Pretend `run` was created `minutes` ago (created_at is set on insert)."""
    moment = timezone.now() - datetime.timedelta(minutes=minutes)
    type(run).objects.filter(pk=run.pk).update(created_at=moment)


# B2B scheduling ----------------------------------------------------------------------------


@pytest.fixture
def b2b_event(organizer, organizer_body):
    event = support.future_event(organizer_body, days=1)
    setup.configure(event=event, actor=organizer, tables=2, requests_close_at=None)
    support.sessions(event, organizer, days=1, slots=2)
    buyer = support.buyer(event)
    support.accepted_requests(event, [buyer], [support.exhibitor(event)], 1)
    return event


def schedule(event, organizer, capture) -> ScheduleRun:
    with capture(execute=True):
        run = scheduling.start_run(event=event, actor=organizer)
    run.refresh_from_db()
    return run


def test_a_b2b_solver_failure_ends_the_run_and_the_next_one_starts(
    b2b_event, organizer, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    monkeypatch.setattr(scheduling, "solve", crash)
    with caplog.at_level(logging.ERROR):
        failed = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    assert failed.status == ScheduleRun.Status.FAILED
    assert failed.message == UNEXPECTED and failed.finished_at is not None
    assert "solver crashed" in caplog.text  # the traceback is in the log for whoever fixes it

    monkeypatch.undo()
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    assert run.pk != failed.pk
    assert (run.status, run.progress, run.message) == ("done", 100, "")
    assert run.result["meetings"] == 1


def test_a_b2b_run_refused_by_the_optimizer_says_why(
    b2b_event, organizer, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise InstanceError("request 3 names an unknown participant")

    monkeypatch.setattr(scheduling, "solve", refuse)
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    assert run.status == ScheduleRun.Status.FAILED
    assert run.message == (
        "The optimizer refused the event's data: request 3 names an unknown participant"
    )


def test_a_b2b_run_shows_its_progress_while_it_computes(
    b2b_event, organizer, monkeypatch, django_capture_on_commit_callbacks
):
    seen = []
    real = scheduling.solve

    def watched(instance, **kwargs):
        run = ScheduleRun.objects.get(event=b2b_event)
        seen.append((run.status, run.progress, run.message))
        return real(instance, **kwargs)

    monkeypatch.setattr(scheduling, "solve", watched)
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    assert seen == [("running", 10, "1 requests, 2 slots: computing.")]
    assert (run.status, run.progress) == ("done", 100)


def test_a_b2b_run_left_running_by_a_dead_worker_does_not_block_the_event(
    b2b_event, organizer, django_capture_on_commit_callbacks
):
    live = ScheduleRun.objects.create(
        event=b2b_event, status=ScheduleRun.Status.RUNNING, result={"not_before": "x"}
    )
    with pytest.raises(ValidationError) as refused:
        scheduling.start_run(event=b2b_event, actor=organizer)
    assert refused.value.code == "already_running"

    age(live, 31)
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    assert run.status == ScheduleRun.Status.DONE
    live.refresh_from_db()
    assert live.status == ScheduleRun.Status.FAILED and live.finished_at is not None
    assert live.message == "The run stopped answering and was abandoned; start it again."


def test_a_b2b_task_delivered_twice_runs_once(
    b2b_event, organizer, monkeypatch, django_capture_on_commit_callbacks
):
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    monkeypatch.setattr(scheduling, "solve", crash)
    scheduling.execute_run(run.pk)  # a second delivery of the same task
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.DONE


# Allocation --------------------------------------------------------------------------------


def test_an_allocation_solver_failure_ends_the_run_and_the_next_one_starts(
    organizer, organizer_body, monkeypatch
):
    event, _booths = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))
    monkeypatch.setattr(allocation, "build_instance", crash)
    failed = allocation.start_allocation(actor=organizer, event=event)
    assert (failed.status, failed.message) == ("failed", UNEXPECTED)

    monkeypatch.undo()
    run = allocation.start_allocation(actor=organizer, event=event, time_limit_s=5)
    assert (run.status, run.progress) == ("done", 100)


def test_an_allocation_left_running_by_a_dead_worker_is_ended(organizer, organizer_body):
    event, _booths = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))
    dead = AllocationRun.objects.create(event=event, status=AllocationRun.Status.RUNNING)
    age(dead, 31)
    run = allocation.start_allocation(actor=organizer, event=event, time_limit_s=5)
    assert run.status == AllocationRun.Status.DONE
    dead.refresh_from_db()
    assert dead.status == AllocationRun.Status.FAILED and dead.finished_at is not None


# Certificate batches -----------------------------------------------------------------------


@pytest.fixture
def training(organizer_body):
    event = programme(organizer_body, sessions=3)
    attendee(event, 3)
    return event


def test_a_certificate_batch_failure_ends_it_and_the_next_one_starts(
    organizer, training, monkeypatch
):
    monkeypatch.setattr(batches, "write_zip", crash)
    failed = batches.start_batch(actor=organizer, event=training, kind="attendance")
    assert failed.status == CertificateBatch.Status.FAILED
    assert failed.message == "The generation failed unexpectedly; try again or report it."

    monkeypatch.undo()
    batch = batches.start_batch(actor=organizer, event=training, kind="attendance")
    assert (batch.status, batch.progress, batch.total) == ("done", 100, 1)


def test_a_certificate_batch_left_running_by_a_dead_worker_does_not_block_the_event(
    organizer, training
):
    dead = CertificateBatch.objects.create(
        event=training, kind="attendance", status=CertificateBatch.Status.RUNNING
    )
    with pytest.raises(ValidationError):
        batches.start_batch(actor=organizer, event=training, kind="attendance")
    age(dead, 61)
    batch = batches.start_batch(actor=organizer, event=training, kind="attendance")
    assert batch.status == CertificateBatch.Status.DONE
    dead.refresh_from_db()
    assert dead.status == CertificateBatch.Status.FAILED


def test_the_b2b_page_shows_the_progress_of_the_run_being_computed(b2b_event, organizer, client):
    ScheduleRun.objects.create(
        event=b2b_event,
        status=ScheduleRun.Status.RUNNING,
        progress=40,
        message="1 requests, 2 slots: computing.",
        result={"not_before": timezone.now().isoformat()},
    )
    client.force_login(organizer)
    page = client.get(reverse("b2b:home", args=[b2b_event.pk])).content.decode()
    assert 'aria-valuenow="40"' in page and "1 requests, 2 slots: computing." in page


def test_a_b2b_run_stores_a_typed_result_that_reads_back(
    b2b_event, organizer, django_capture_on_commit_callbacks
):
    run = schedule(b2b_event, organizer, django_capture_on_commit_callbacks)
    outcome = run.outcome
    assert isinstance(outcome, ScheduleResult)
    assert (outcome.requests, outcome.meetings, outcome.unscheduled) == (1, 1, 0)
    assert outcome.optimal and outcome.objective == outcome.bound
    assert run.result == outcome.as_json()
    # A row written before the result had a type (fewer keys) reads with the defaults.
    assert ScheduleResult.from_json({"meetings": 3, "old_key": 1}).requests == 0
