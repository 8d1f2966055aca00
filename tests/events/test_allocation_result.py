"""The allocation run's typed result (issue 16): pages, the API and the command read named
attributes, and a run abandoned while it computed does not overwrite the booths."""

import pytest
from django.core.exceptions import ValidationError

from tadamon.events.models import AllocationResult, AllocationRun, BoothAssignment
from tadamon.events.services import allocation as services
from tests.events.test_allocation_support import exhibitors, fair, organizations

pytestmark = pytest.mark.django_db


def test_the_result_reads_its_fields_with_defaults_and_ignores_unknown_keys():
    result = AllocationResult.from_json(
        {"input_options": {"method": "greedy", "sector_zones": {"A": ["sewing"]}}, "old": 1}
    )
    assert result.placed == 0 and result.unassigned == [] and result.status is None
    assert result.asked_method == "greedy" and result.sector_zones == {"A": ["sewing"]}
    assert not result.optimal
    assert AllocationResult.from_json(None) == AllocationResult()
    assert AllocationResult(status="OPTIMAL", placed=3).as_json()["placed"] == 3


def test_a_done_run_is_read_through_its_outcome(organizer_body):
    event, (m1, _m2, _m3) = fair(organizer_body, rows=1, columns=2)
    first, _second = exhibitors(event, organizations(2, sectors=("sewing",)))
    run = AllocationRun.objects.create(
        event=event, status=AllocationRun.Status.RUNNING, result={"input_options": {}}
    )
    booth = event.booths.get(code="A01")
    output = {
        "assignments": [{"exhibitor": first.pk, "wave": "M1", "booth": booth.pk}],
        "unassigned": [],
        "status": "FEASIBLE",
        "objective": 50,
        "bound": 100,
    }
    run = services.store_result(
        run=run, instance=services.build_instance(event), output=output, seconds=1.5
    )
    outcome = run.outcome
    assert (outcome.status, outcome.placed, outcome.gap, outcome.seconds) == (
        "FEASIBLE",
        1,
        0.5,
        1.5,
    )
    assert outcome.waves_chosen == {str(first.pk): m1.pk}


@pytest.mark.parametrize("status", [AllocationRun.Status.FAILED, AllocationRun.Status.DONE])
def test_a_run_that_no_longer_runs_does_not_replace_the_booths(organizer_body, status):
    event, (m1, _m2, _m3) = fair(organizer_body, rows=1, columns=2)
    first, second = exhibitors(event, organizations(2, sectors=("sewing",)))
    a01, a02 = event.booths.get(code="A01"), event.booths.get(code="A02")
    BoothAssignment.objects.create(event=event, participation=second, booth=a01, wave=m1)
    # Abandoned as stale (or ended otherwise) while the solver was still computing.
    run = AllocationRun.objects.create(
        event=event, status=status, message="abandoned", result={"input_options": {}}
    )
    output = {
        "assignments": [{"exhibitor": first.pk, "wave": "M1", "booth": a02.pk}],
        "unassigned": [second.pk],
        "status": "OPTIMAL",
    }
    with pytest.raises(ValidationError) as error:
        services.store_result(run=run, instance=services.build_instance(event), output=output)
    assert error.value.code == "run_not_running"
    placed = {(a.participation_id, a.booth_id) for a in event.assignments.all()}
    assert placed == {(second.pk, a01.pk)}
    run.refresh_from_db()
    assert run.status == status and run.message == "abandoned"
