"""The beneficiary figures of SPEC 5: distinct people, women, organizations, communes."""

import datetime

import pytest
from django.utils import timezone

from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance, SessionKind
from tadamon.programme.selectors.beneficiaries import (
    REPORT_KEYS,
    event_beneficiaries,
    report_figures,
    sessions_held,
)
from tadamon.registry.models import Commune, Person
from tests.factories import EventFactory, OrganizationFactory, PersonFactory, SessionFactory, topic

pytestmark = pytest.mark.django_db


def commune(name_en: str) -> Commune:
    return Commune.objects.get(province__code="05.02", name_en=name_en)


def attend(session, *people) -> None:
    for person in people:
        Attendance.objects.create(session=session, person=person, checked_in_at=timezone.now())


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )


def test_people_count_once_whatever_the_number_of_sessions(event):
    cooperative, association = OrganizationFactory(), OrganizationFactory()
    tabant = commune("Tabant")
    weaving = SessionFactory(event=event, commune=tabant, topics=[topic("weaving_textile")])
    finance = SessionFactory(
        event=event,
        kind=SessionKind.TRAINING,
        commune=tabant,
        topics=[topic("financial_management")],
    )
    fatima = PersonFactory(organization=cooperative, commune=tabant, age_band="25_34")
    aicha = PersonFactory(organization=cooperative, commune=tabant)
    omar = PersonFactory(gender=Person.Gender.MALE, organization=association, commune=tabant)
    loner = PersonFactory(organization=None, commune=tabant)
    attend(weaving, fatima, aicha, omar, loner)
    attend(finance, fatima, omar)

    figures = event_beneficiaries(event)
    assert figures["beneficiaries"] == 4
    assert figures["beneficiaries_women"] == 3
    assert figures["beneficiary_organizations"] == 2  # the person without one adds none
    assert figures["communes"] == 1
    assert {row["code"]: row["beneficiaries"] for row in figures["by_gender"]} == {"f": 3, "m": 1}
    assert {row["code"]: row["beneficiaries"] for row in figures["by_age_band"]} == {
        "25_34": 1,
        "": 3,
    }
    by_organization = {
        row["id"]: (row["beneficiaries"], row["women"]) for row in figures["by_organization"]
    }
    assert by_organization == {cooperative.pk: (2, 2), association.pk: (1, 0), None: (1, 1)}
    by_topic = {row["code"]: (row["beneficiaries"], row["women"]) for row in figures["by_topic"]}
    assert by_topic == {"weaving_textile": (4, 3), "financial_management": (2, 1)}


def test_a_beneficiarys_commune_is_their_own_else_the_first_session_they_attended(event):
    tabant, ait_blal = commune("Tabant"), commune("Ait Blal")
    first = SessionFactory(event=event, commune=ait_blal)
    later = SessionFactory(
        event=event,
        commune=tabant,
        starts_at=timezone.make_aware(datetime.datetime(2024, 10, 2, 9)),
        ends_at=timezone.make_aware(datetime.datetime(2024, 10, 2, 12)),
    )
    linked = PersonFactory(commune=tabant)
    typed = PersonFactory(commune_name="Ait  Bouli")
    typed_again = PersonFactory(commune_name="ait bouli")  # the same commune, typed otherwise
    unknown = PersonFactory()  # no commune: their first session's decides
    attend(first, linked, typed, unknown)
    attend(later, typed_again, unknown)

    figures = event_beneficiaries(event)
    assert figures["communes"] == 3
    rows = {row["name"]: (row["id"], row["beneficiaries"]) for row in figures["by_commune"]}
    assert rows[tabant.name] == (tabant.pk, 1)
    assert rows[ait_blal.name] == (ait_blal.pk, 1)
    assert rows["Ait  Bouli"] == (None, 2)
    # Where the sessions took place: someone trained in two communes counts in each.
    where = {row["id"]: row["beneficiaries"] for row in figures["by_session_commune"]}
    assert where == {ait_blal.pk: 3, tabant.pk: 2}


def test_women_per_commune(event):
    ait_amdis, tabant = commune("Ait Amdis"), commune("Tabant")
    session = SessionFactory(event=event, commune=ait_amdis)
    women = [PersonFactory(commune=ait_amdis) for _ in range(3)]
    man = PersonFactory(commune=ait_amdis, gender=Person.Gender.MALE)
    visitor = PersonFactory(commune=tabant)
    attend(session, *women, man, visitor)

    figures = event_beneficiaries(event)
    by_commune = {row["id"]: (row["beneficiaries"], row["women"]) for row in figures["by_commune"]}
    assert by_commune == {ait_amdis.pk: (4, 3), tabant.pk: (1, 1)}
    by_place = {row["id"]: row["women"] for row in figures["by_session_commune"]}
    assert by_place == {ait_amdis.pk: 4}


def test_sessions_held_have_started_or_have_attendance(organizer_body):
    now = timezone.now()
    event = EventFactory(organizer=organizer_body)
    SessionFactory(event=event, starts_at=now - datetime.timedelta(days=1))
    SessionFactory(
        event=event, kind=SessionKind.SEMINAR, starts_at=now - datetime.timedelta(hours=2)
    )
    SessionFactory(event=event, starts_at=now + datetime.timedelta(days=3))  # still to come
    early = SessionFactory(
        event=event, kind=SessionKind.CEREMONY, starts_at=now + datetime.timedelta(days=3)
    )
    attend(early, PersonFactory())  # checked in ahead of the start: it is under way

    assert sessions_held(event) == {"workshop": 1, "training": 0, "seminar": 1, "ceremony": 1}
    assert event_beneficiaries(event)["sessions_held"] == 3


def test_an_event_without_attendance_has_zero_everywhere(event):
    figures = event_beneficiaries(event)
    assert figures["beneficiaries"] == figures["communes"] == 0
    assert figures["by_commune"] == figures["by_organization"] == figures["by_topic"] == []


def test_the_report_gets_exactly_the_spec_keys(event):
    attend(SessionFactory(event=event), PersonFactory())
    figures = report_figures(event)
    assert tuple(figures) == REPORT_KEYS
    assert figures["beneficiaries"] == 1


def test_other_events_do_not_count(event, organizer_body):
    person = PersonFactory()
    attend(SessionFactory(event=EventFactory(organizer=organizer_body)), person)
    assert event_beneficiaries(event)["beneficiaries"] == 0
