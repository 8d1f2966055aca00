"""The allocation service: the optimizer's instance from the database, storing a result,
moves by hand with every constraint re-checked, and double bookings refused by the database."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import translation

from tadamon.calls.models import Application, ApplicationStatus, Call
from tadamon.events.models import AllocationRun, Booth, BoothAssignment, Participation
from tadamon.events.services import allocation as services
from tadamon.events.services import booth_moves
from tadamon.optimize.allocation_instance import parse_instance
from tests.events.test_allocation_support import exhibitors, fair, organizations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def booth(event, code) -> Booth:
    return event.booths.get(code=code)


def codes(pairs) -> set[tuple[str, str]]:
    return {tuple(sorted((a.code, b.code))) for a, b in pairs}


def a_call(event) -> Call:
    return Call.objects.create(
        event=event, opens_on=event.start_date, closes_on=event.start_date, capacity=10
    )


def apply(call, organization, **fields) -> Application:
    return Application.objects.create(
        call=call, organization=organization, status=ApplicationStatus.CONFIRMED, **fields
    )


def done_run(event, *, sector_zones=None, waves_chosen=None) -> AllocationRun:
    return AllocationRun.objects.create(
        event=event,
        status=AllocationRun.Status.DONE,
        result={
            "input_options": {"method": "optimal", "sector_zones": sector_zones},
            "waves_chosen": waves_chosen or {},
        },
    )


# The instance --------------------------------------------------------------------------------


def test_neighbours_are_next_in_a_row_or_a_column_of_the_same_zone(organizer_body):
    # Rows 1-2 are zone A, row 3 zone B: A and B touch by position but are separate areas.
    event, _waves = fair(
        organizer_body, rows=3, columns=3, zone_of_row=lambda row: "A" if row <= 2 else "B"
    )
    Booth.objects.create(event=event, code="X1", zone="A")  # no position: no neighbours
    pairs = codes(services.neighbour_pairs(event.booths.all()))
    assert pairs == {
        ("A01", "A02"), ("A02", "A03"), ("B01", "B02"), ("B02", "B03"),  # rows
        ("A01", "B01"), ("A02", "B02"), ("A03", "B03"),  # columns within zone A
        ("C01", "C02"), ("C02", "C03"),  # row 3 (zone B)
    }  # fmt: skip
    assert not any("X1" in pair for pair in pairs)
    assert not any(pair == ("B01", "C01") for pair in pairs)


def test_the_instance_follows_the_contract(organizer_body):
    event, waves = fair(organizer_body, rows=2, columns=3, accessible=lambda r, c: c == 1)
    orgs = organizations(4)
    exhibitors(event, orgs[:3])
    exhibitors(event, orgs[3:], status=Participation.Status.PENDING)  # not an exhibitor yet
    instance = services.build_instance(event)
    assert set(instance) == {
        "booths", "adjacency", "waves", "wave_capacity", "exhibitors", "sector_zones"
    }  # fmt: skip
    assert instance["waves"] == ["M1", "M2", "M3"]
    assert instance["wave_capacity"] == 6
    assert instance["sector_zones"] is None
    assert len(instance["booths"]) == 6
    assert sum(b["accessible"] for b in instance["booths"]) == 2
    assert len(instance["adjacency"]) == 7  # 2 rows of 2 pairs, 3 columns of 1 pair
    booth_ids = {b["id"] for b in instance["booths"]}
    assert all(a in booth_ids and b in booth_ids for a, b in instance["adjacency"])
    participations = {p.organization_id: p for p in event.participations.all()}
    assert [e["id"] for e in instance["exhibitors"]] == sorted(
        participations[org.pk].pk for org in orgs[:3]
    )
    parse_instance(instance)  # the optimizer's own validation accepts it
    first = instance["exhibitors"][0]
    assert first == {
        "id": participations[orgs[0].pk].pk,
        "sector": "sewing",
        "region": "01",
        "waves": None,
        "needs_accessible": False,
        "zones": None,
    }


def test_accessibility_needs_come_from_the_applications(organizer_body):
    event, _waves = fair(organizer_body, rows=1, columns=3)
    orgs = organizations(3)
    exhibitors(event, orgs)
    call = a_call(event)
    apply(call, orgs[0], needs_accessible_booth=True)
    apply(call, orgs[1], needs_accessible_booth=False)
    needs = {e["id"]: e["needs_accessible"] for e in services.build_instance(event)["exhibitors"]}
    by_org = {p.organization_id: p.pk for p in event.participations.all()}
    assert needs == {by_org[orgs[0].pk]: True, by_org[orgs[1].pk]: False, by_org[orgs[2].pk]: False}


def test_a_wave_set_by_the_organizer_is_fixed_one_chosen_by_an_allocation_is_not(organizer_body):
    event, (m1, m2, m3) = fair(organizer_body, rows=1, columns=3)
    orgs = organizations(4)
    fixed, chosen, free, preferring = (
        exhibitors(event, orgs[:1], wave=m2)
        + exhibitors(event, orgs[1:2], wave=m3)
        + exhibitors(event, orgs[2:3])
        + exhibitors(event, orgs[3:4])
    )
    application = apply(a_call(event), orgs[3])
    application.wave_preferences.set([m3, m1])
    done_run(event, waves_chosen={str(chosen.pk): m3.pk})
    waves = {e["id"]: e["waves"] for e in services.build_instance(event)["exhibitors"]}
    assert waves == {
        fixed.pk: ["M2"],
        chosen.pk: None,
        free.pk: None,
        preferring.pk: ["M1", "M3"],
    }


def test_an_event_without_waves_is_one_pseudo_wave_and_capacities_are_the_smallest(
    organizer_body,
):
    event, _ = fair(organizer_body, rows=2, columns=5, waves=0, zone_of_row=lambda row: "")
    exhibitors(event, organizations(2))
    instance = services.build_instance(event)
    assert instance["waves"] == ["all"] and instance["wave_capacity"] == 10
    assert {booth["zone"] for booth in instance["booths"]} == {None}  # no zone: null
    parse_instance(instance)  # the optimizer accepts it
    other, waves = fair(organizer_body, rows=2, columns=5)
    waves[1].capacity = 7
    waves[1].save()
    assert services.build_instance(other)["wave_capacity"] == 7


def test_sector_zones_restrict_the_listed_sectors_only(organizer_body):
    event, _ = fair(organizer_body, rows=2, columns=2, zone_of_row=lambda row: "AB"[row - 1])
    orgs = organizations(3, sectors=("sewing", "pottery", None))
    exhibitors(event, orgs)
    cleaned = services.clean_sector_zones(event, {"A": ["sewing"], "B": ["sewing", "textile"]})
    assert cleaned == {"A": ["sewing"], "B": ["sewing", "textile"]}
    by_org = {p.organization_id: p.pk for p in event.participations.all()}
    instance = services.build_instance(event, sector_zones=cleaned)
    exhibitor = {e["id"]: e for e in instance["exhibitors"]}
    assert exhibitor[by_org[orgs[0].pk]]["zones"] == ["A", "B"]
    assert exhibitor[by_org[orgs[1].pk]]["zones"] is None
    # An organization without a main sector has none for the optimizer.
    nameless = exhibitor[by_org[orgs[2].pk]]
    assert nameless["sector"] is None and nameless["zones"] is None
    assert instance["sector_zones"] == cleaned
    parse_instance(instance)


def test_sector_zones_must_name_the_events_zones_and_known_sectors(organizer_body):
    event, _ = fair(organizer_body, rows=1, columns=2)
    with pytest.raises(ValidationError) as error:
        services.clean_sector_zones(event, {"Z": ["sewing"], "A": ["no_such_sector"]})
    messages = error.value.message_dict["sector_zones"]
    assert "The event has no zone “Z”." in messages
    assert "Zone A: unknown sector codes: no_such_sector." in messages


# Starting and storing -----------------------------------------------------------------------


def test_only_managers_start_an_allocation_and_only_with_booths_and_exhibitors(
    organizer, organizer_body, observer
):
    event, _ = fair(organizer_body, rows=0, columns=0)
    with pytest.raises(PermissionDenied):
        services.start_allocation(actor=observer, event=event)
    with pytest.raises(ValidationError) as error:
        services.start_allocation(actor=organizer, event=event)
    assert set(error.value.message_dict) == {"booths", "participations"}
    with pytest.raises(ValidationError) as error:
        services.start_allocation(actor=organizer, event=event, method="magic")
    assert "method" in error.value.message_dict
    assert not AllocationRun.objects.exists()


def test_a_second_run_waits_for_the_one_in_progress(organizer, organizer_body):
    event, _ = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))
    AllocationRun.objects.create(event=event, status=AllocationRun.Status.RUNNING)
    with pytest.raises(ValidationError) as error:
        services.start_allocation(actor=organizer, event=event)
    assert error.value.code == "already_running"


def _store(event, output, run=None):
    run = run or AllocationRun.objects.create(
        event=event, status=AllocationRun.Status.RUNNING, result={"input_options": {}}
    )
    instance = services.build_instance(event)
    return services.store_result(run=run, instance=instance, output=output, seconds=0.5)


def test_storing_replaces_the_assignments_and_sets_the_chosen_waves(organizer_body):
    event, (m1, m2, _m3) = fair(organizer_body, rows=1, columns=2)
    first, second, third = exhibitors(event, organizations(3, sectors=("sewing",)))
    a01, a02 = booth(event, "A01"), booth(event, "A02")
    BoothAssignment.objects.create(event=event, participation=third, booth=a01, wave=m1)
    run = _store(
        event,
        {
            "assignments": [
                {"exhibitor": first.pk, "wave": "M1", "booth": a01.pk},
                {"exhibitor": second.pk, "wave": "M1", "booth": a02.pk},
            ],
            "unassigned": [third.pk],
            "status": "OPTIMAL",
            "objective": 90,
            "bound": 100,
        },
    )
    assert run.status == AllocationRun.Status.DONE and run.progress == 100
    placed = {(a.participation_id, a.booth.code, a.wave.label) for a in event.assignments.all()}
    assert placed == {(first.pk, "A01", "M1"), (second.pk, "A02", "M1")}
    first.refresh_from_db()
    assert first.wave == m1
    summary = run.result
    assert summary["placed"] == 2 and summary["unassigned"] == [third.pk]
    assert summary["gap"] == 0.1 and summary["status"] == "OPTIMAL"
    assert summary["same_sector_neighbours"] == 1  # A01 and A02, both sewing, in M1
    assert summary["wave_loads"] == {"M1": 2, "M2": 0, "M3": 0}
    assert summary["waves_chosen"] == {str(first.pk): m1.pk, str(second.pk): m1.pk}
    # The next run may change a chosen wave, and gives it back when it places nobody there.
    _store(
        event,
        {
            "assignments": [{"exhibitor": first.pk, "wave": "M2", "booth": a01.pk}],
            "unassigned": [second.pk, third.pk],
            "status": "FEASIBLE",
            "objective": 1,
            "bound": 1,
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.wave == m2 and second.wave is None


def test_an_answer_breaking_a_rule_changes_nothing(organizer_body):
    event, (m1, _m2, _m3) = fair(organizer_body, rows=1, columns=2)
    first, second = exhibitors(event, organizations(2))
    a01 = booth(event, "A01")
    BoothAssignment.objects.create(event=event, participation=first, booth=a01, wave=m1)
    with pytest.raises(ValidationError, match="given twice"):
        _store(
            event,
            {
                "assignments": [
                    {"exhibitor": first.pk, "wave": "M1", "booth": a01.pk},
                    {"exhibitor": second.pk, "wave": "M1", "booth": a01.pk},
                ],
                "unassigned": [],
                "status": "OPTIMAL",
                "objective": 0,
                "bound": 0,
            },
        )
    assert list(event.assignments.values_list("participation_id", flat=True)) == [first.pk]


def test_a_failing_optimizer_ends_the_run_as_failed(organizer, organizer_body, monkeypatch):
    from tadamon.optimize.errors import InstanceError

    event, _ = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))

    def refuse(instance, **kwargs):
        raise InstanceError("exhibitors[0].sector: unknown")

    monkeypatch.setattr(services, "allocate", refuse)
    run = services.start_allocation(actor=organizer, event=event)
    assert run.status == AllocationRun.Status.FAILED
    assert "exhibitors[0].sector: unknown" in run.message
    assert run.finished_at is not None


def test_the_run_reports_its_progress_while_the_optimizer_works(
    organizer, organizer_body, monkeypatch
):
    event, _ = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))
    seen = []
    real = services.allocate

    def watched(instance, **kwargs):
        run = AllocationRun.objects.get(event=event)
        seen.append((run.status, run.progress, run.message))
        return real(instance, **kwargs)

    monkeypatch.setattr(services, "allocate", watched)
    run = services.start_allocation(actor=organizer, event=event, time_limit_s=5)
    assert seen == [("running", 10, "2 exhibitors, 2 booths: computing.")]
    assert (run.status, run.progress, run.message) == ("done", 100, "")


def test_an_unexpected_error_still_ends_the_run(organizer, organizer_body, monkeypatch):
    event, _ = fair(organizer_body, rows=1, columns=2)
    exhibitors(event, organizations(2))

    def crash(instance, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "allocate", crash)
    run = services.start_allocation(actor=organizer, event=event)
    assert run.status == AllocationRun.Status.FAILED
    assert run.message == "The computation failed unexpectedly; try again or report it."
    # A failed run does not block the next one.
    monkeypatch.undo()
    assert services.start_allocation(actor=organizer, event=event, time_limit_s=5).status == "done"


# Moves by hand ------------------------------------------------------------------------------


@pytest.fixture
def placed(organizer_body):
    """M1..M3 on a 2 × 3 grid (column 1 accessible); A01 M1 and A02 M1 taken."""
    event, waves = fair(organizer_body, rows=2, columns=3, accessible=lambda r, c: c == 1)
    orgs = organizations(4, sectors=("sewing", "sewing", "pottery", "sewing"))
    first, second, third, fourth = exhibitors(event, orgs)
    m1 = waves[0]
    BoothAssignment.objects.create(
        event=event, participation=first, booth=booth(event, "A01"), wave=m1
    )
    BoothAssignment.objects.create(
        event=event, participation=second, booth=booth(event, "A02"), wave=m1
    )
    done_run(event, waves_chosen={str(first.pk): m1.pk, str(second.pk): m1.pk})
    for participation in (first, second):
        participation.wave = m1
        participation.save()
    return event, waves, (first, second, third, fourth)


def refusal(**kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        booth_moves.move_exhibitor(**kwargs)
    return error.value.message_dict


def test_a_move_into_a_free_booth_updates_the_assignment_and_the_wave(organizer, placed):
    event, (m1, m2, _m3), (first, _second, third, _fourth) = placed
    result = booth_moves.move_exhibitor(
        actor=organizer, participation=third, booth=booth(event, "B03"), wave=m2
    )
    assert result.warnings == []
    assert (result.assignment.booth.code, result.assignment.wave) == ("B03", m2)
    third.refresh_from_db()
    assert third.wave == m2
    # A wave the allocation chose may change by hand; it stays flexible.
    booth_moves.move_exhibitor(
        actor=organizer, participation=first, booth=booth(event, "A01"), wave=m2
    )
    first.refresh_from_db()
    assert first.wave == m2
    assert services.waves_chosen(event)[first.pk] == m2.pk


def test_a_same_sector_neighbour_is_a_warning_not_a_refusal(organizer, placed):
    event, (m1, _m2, _m3), (_first, _second, _third, fourth) = placed
    result = booth_moves.move_exhibitor(
        actor=organizer, participation=fourth, booth=booth(event, "A03"), wave=m1
    )
    assert result.assignment.booth.code == "A03"
    assert len(result.warnings) == 1
    assert "booth A02" in result.warnings[0] and "same sector" in result.warnings[0]


def test_a_taken_booth_is_refused_naming_who_holds_it(organizer, placed):
    event, (m1, m2, _m3), (first, _second, third, _fourth) = placed
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "A01"), wave=m1)
    assert errors == {
        "booth": [f"Booth A01 is already taken in wave “M1” by {first.organization}."]
    }
    # The same booth in another wave is free.
    booth_moves.move_exhibitor(
        actor=organizer, participation=third, booth=booth(event, "A01"), wave=m2
    )


def test_an_exhibitor_needing_access_gets_an_accessible_booth_only(organizer, placed):
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    apply(a_call(event), third.organization, needs_accessible_booth=True)
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "B02"), wave=m1)
    assert errors == {
        "booth": [f"{third.organization} needs an accessible booth; booth B02 is not accessible."]
    }
    booth_moves.move_exhibitor(
        actor=organizer, participation=third, booth=booth(event, "B01"), wave=m1
    )


def test_a_fixed_wave_cannot_change_by_a_move(organizer, placed):
    event, (m1, m2, _m3), (_first, _second, third, _fourth) = placed
    third.wave = m2
    third.save()
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "B02"), wave=m1)
    assert errors == {
        "wave": [
            f"{third.organization} takes part in wave “M2” only; change the participation's "
            "wave first."
        ]
    }


def test_waves_outside_the_applications_preferences_are_refused(organizer, placed):
    event, (m1, m2, m3), (_first, _second, third, _fourth) = placed
    apply(a_call(event), third.organization).wave_preferences.set([m2, m3])
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "B02"), wave=m1)
    assert errors == {"wave": [f"{third.organization} can attend only these waves: M2, M3."]}


def test_a_zone_not_given_to_the_sector_is_refused(organizer, organizer_body):
    event, (m1, *_rest) = fair(
        organizer_body, rows=2, columns=2, zone_of_row=lambda row: "AB"[row - 1]
    )
    (participation,) = exhibitors(event, organizations(1, sectors=("pottery",)))
    done_run(event, sector_zones={"A": ["pottery"]})
    errors = refusal(
        actor=organizer, participation=participation, booth=booth(event, "B01"), wave=m1
    )
    assert errors == {
        "booth": [
            "The sector Pottery and ceramics is placed in zone(s) A; booth B01 is in zone “B”."
        ]
    }
    booth_moves.move_exhibitor(
        actor=organizer, participation=participation, booth=booth(event, "A01"), wave=m1
    )


def test_a_booth_or_wave_of_another_event_is_refused(organizer, organizer_body, placed):
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    other, other_waves = fair(organizer_body, rows=1, columns=1)
    errors = refusal(
        actor=organizer, participation=third, booth=booth(other, "A01"), wave=other_waves[0]
    )
    assert errors == {
        "wave": ["This wave belongs to another event."],
        "booth": ["Booth A01 belongs to another event."],
    }


def test_a_full_wave_refuses_a_newcomer(organizer, placed):
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    m1.capacity = 2
    m1.save()
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "B02"), wave=m1)
    assert errors == {"wave": ["Wave “M1” is full: 2 exhibitors already have a booth."]}


def test_every_broken_rule_has_its_message(organizer, placed):
    event, (m1, m2, _m3), (_first, _second, third, _fourth) = placed
    third.wave = m2
    third.save()
    apply(a_call(event), third.organization, needs_accessible_booth=True)
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "A02"), wave=m1)
    assert len(errors["wave"]) == 1 and len(errors["booth"]) == 2
    assert any("already taken" in message for message in errors["booth"])
    assert any("accessible" in message for message in errors["booth"])


def test_only_confirmed_exhibitors_get_a_booth_and_only_managers_move(organizer, observer, placed):
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    with pytest.raises(PermissionDenied):
        booth_moves.move_exhibitor(
            actor=observer, participation=third, booth=booth(event, "B02"), wave=m1
        )
    third.status = Participation.Status.WITHDRAWN
    third.save()
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "B02"), wave=m1)
    assert errors == {"participation": ["Only confirmed exhibitors get a booth."]}


def test_the_database_refuses_a_double_booking(placed):
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    with pytest.raises(IntegrityError), transaction.atomic():
        BoothAssignment.objects.create(
            event=event, participation=third, booth=booth(event, "A01"), wave=m1
        )
    # Without waves too: one exhibitor per booth.
    plain, _ = fair(event.organizer, rows=1, columns=1, waves=0)
    one, two = exhibitors(plain, organizations(2))
    BoothAssignment.objects.create(event=plain, participation=one, booth=booth(plain, "A01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BoothAssignment.objects.create(event=plain, participation=two, booth=booth(plain, "A01"))


def test_a_race_lost_at_the_database_is_a_clear_error(organizer, placed, monkeypatch):
    """The checks passed (another request had not saved yet), then the unique constraint
    refuses the booth: a ValidationError, never an IntegrityError."""
    event, (m1, _m2, _m3), (_first, _second, third, _fourth) = placed
    monkeypatch.setattr(booth_moves, "_check_move", lambda *args: {})
    errors = refusal(actor=organizer, participation=third, booth=booth(event, "A01"), wave=m1)
    assert errors == {
        "booth": ["Booth A01 was taken by another change a moment ago; choose another booth."]
    }
    assert not BoothAssignment.objects.filter(participation=third).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_moves_into_one_booth_leave_one_booking(organizer_body):
    """Two threads, each with its own connection, book booth A01 in M1 at the same moment
    through the service: exactly one succeeds, the other gets a ValidationError."""
    organizer = UserFactory(role="organizer", organization=organizer_body)
    event, (m1, *_rest) = fair(organizer_body, rows=1, columns=2)
    first, second = exhibitors(event, organizations(2, sectors=("sewing", "pottery")))
    target = booth(event, "A01")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    original = booth_moves._check_move

    def check_then_wait(*args):
        errors = original(*args)
        barrier.wait(timeout=10)  # both have checked: the booth is free for both
        return errors

    def book(participation):
        translation.activate("en")
        try:
            booth_moves.move_exhibitor(
                actor=organizer, participation=participation, booth=target, wave=m1
            )
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.message_dict["booth"][0])
        finally:
            connections.close_all()

    booth_moves._check_move = check_then_wait
    try:
        threads = [threading.Thread(target=book, args=(p,)) for p in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        booth_moves._check_move = original
    assert sorted(outcomes) == sorted(
        ["booked", "Booth A01 was taken by another change a moment ago; choose another booth."]
    )
    assert BoothAssignment.objects.filter(booth=target, wave=m1).count() == 1
