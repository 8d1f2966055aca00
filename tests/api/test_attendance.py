"""Check-in and beneficiary figures through the API (SPEC 4 and 5, reference event E5)."""

import datetime
import uuid

import pytest
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance, Registration, SessionKind
from tadamon.programme.services import attendance as services
from tadamon.registry.models import Commune, Person
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    region,
    topic,
)

pytestmark = pytest.mark.django_db

# E5: training days for SSE facilitators, province of Azilal, 26 September – 15 October.
E5_COMMUNES = ["Ait M'hamed", "Tabant", "Ait Bouwli", "Ait Amdis", "Ait Blal"]
AIT_AMDIS = E5_COMMUNES.index("Ait Amdis")
E5_PEOPLE = 298
E5_ORGANIZATIONS = 21
E5_WOMEN_IN_AIT_AMDIS = 30
THROUGH_THE_API = 200


def at(day: int, month: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2024, month, day, hour))


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        title_ar="الأيام التكوينية لفائدة منشطي الاقتصاد الاجتماعي والتضامني",
        title_fr="Journées de formation des animateurs de l'ESS",
        region=region("05"),
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER)


def attendance_url(session) -> str:
    return f"/api/v1/sessions/{session.pk}/attendance"


def test_e5_through_the_api(api_for, organizer, event):
    communes = [Commune.objects.get(province__code="05.02", name_en=name) for name in E5_COMMUNES]
    themes = [topic("financial_management"), topic("weaving_textile"), topic("marketing")]
    # Two sessions in each commune, one week apart.
    sessions = [
        [
            SessionFactory(
                event=event,
                kind=SessionKind.TRAINING,
                commune=commune,
                starts_at=at(26 + index, 9, 9) + datetime.timedelta(weeks=week),
                ends_at=at(26 + index, 9, 16) + datetime.timedelta(weeks=week),
                topics=[themes[(index + week) % len(themes)]],
            )
            for week in range(2)
        ]
        for index, commune in enumerate(communes)
    ]
    organizations = [
        OrganizationFactory(region=region("05"), commune=communes[n % 5])
        for n in range(E5_ORGANIZATIONS)
    ]
    # 298 people spread over the 21 organizations and the 5 communes; in Ait Amdis the
    # first 30 are women, elsewhere one in three.
    people = []
    seen_in_ait_amdis = 0
    for n in range(E5_PEOPLE):
        home = n % 5
        if home == AIT_AMDIS:
            woman = seen_in_ait_amdis < E5_WOMEN_IN_AIT_AMDIS
            seen_in_ait_amdis += 1
        else:
            woman = n % 3 == 0
        people.append(
            Person(
                first_name=f"Prénom{n}",
                last_name=f"Nom{n}",
                gender=Person.Gender.FEMALE if woman else Person.Gender.MALE,
                organization=organizations[n % E5_ORGANIZATIONS],
                commune=communes[home],
            )
        )
    people = Person.objects.bulk_create(people)
    homes = [sessions[n % 5] for n in range(E5_PEOPLE)]

    api = api_for(organizer)
    checked_in = list(zip(people, homes, strict=True))
    # Two hundred first check-ins through the API, the rest through the service that the
    # phone page calls (the same code behind both; it keeps the test fast)...
    for person, (first, _) in checked_in[:THROUGH_THE_API]:
        answer = api.post_json(
            attendance_url(first), {"person": person.pk, "client_uuid": str(uuid.uuid4())}
        )
        assert answer.status_code == 201, answer.json()
    for person, (first, _) in checked_in[THROUGH_THE_API:]:
        services.check_in(session=first, person=person, actor=organizer)
    # ...every other person at their second session too...
    for person, (_, second) in checked_in[::2]:
        services.check_in(session=second, person=person, actor=organizer)
    # ...and a phone resending a batch it was not sure had arrived.
    for person, (first, _) in checked_in[:20]:
        assert api.post_json(attendance_url(first), {"person": person.pk}).status_code == 200

    assert Attendance.objects.count() == E5_PEOPLE + (E5_PEOPLE + 1) // 2
    response = api.get(f"/api/v1/events/{event.pk}/beneficiaries")
    assert response.status_code == 200
    figures = response.json()
    assert figures["beneficiaries"] == E5_PEOPLE
    assert figures["beneficiary_organizations"] == E5_ORGANIZATIONS
    assert figures["communes"] == 5
    ait_amdis = communes[AIT_AMDIS]
    by_commune = {row["id"]: row for row in figures["by_commune"]}
    assert by_commune[ait_amdis.pk]["women"] == E5_WOMEN_IN_AIT_AMDIS
    by_place = {row["id"]: row for row in figures["by_session_commune"]}
    assert by_place[ait_amdis.pk]["women"] == E5_WOMEN_IN_AIT_AMDIS
    assert figures["sessions"] == {"workshop": 0, "training": 10, "seminar": 0, "ceremony": 0}
    assert sum(row["beneficiaries"] for row in figures["by_gender"]) == E5_PEOPLE
    assert {row["code"] for row in figures["by_topic"]} == {
        "financial_management",
        "weaving_textile",
        "marketing",
    }


def test_check_in_is_idempotent_201_then_200_with_the_same_body(api_for, organizer, event):
    session = SessionFactory(event=event)
    person = PersonFactory()
    api = api_for(organizer)
    first = api.post_json(attendance_url(session), {"person": person.pk})
    second = api.post_json(attendance_url(session), {"person": person.pk})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert first.json()["person"] == person.pk and first.json()["checked_in_by"] == organizer.pk
    assert Attendance.objects.count() == 1


def test_the_same_offline_check_in_sent_three_times_counts_once(api_for, organizer, event):
    session = SessionFactory(event=event)
    person = PersonFactory()
    body = {
        "person": person.pk,
        "client_uuid": str(uuid.uuid4()),
        "checked_in_at": "2026-06-01T09:12:00+01:00",
    }
    api = api_for(organizer)
    statuses = [api.post_json(attendance_url(session), body).status_code for _ in range(3)]
    assert statuses == [201, 200, 200]
    attendance = Attendance.objects.get()
    assert str(attendance.client_uuid) == body["client_uuid"]
    assert attendance.checked_in_at == datetime.datetime.fromisoformat(body["checked_in_at"])


def test_a_badge_code_checks_in_its_person(api_for, organizer, event):
    session = SessionFactory(event=event)
    registration = Registration.objects.create(session=session, person=PersonFactory())
    answer = api_for(organizer).post_json(attendance_url(session), {"code": str(registration.code)})
    assert answer.status_code == 201
    assert answer.json()["person"] == registration.person_id


def test_a_trainer_checks_in_only_at_their_own_sessions(api_for, trainer, event):
    own = SessionFactory(event=event, trainers=[trainer])
    other = SessionFactory(event=event)
    person = PersonFactory()
    for session in (own, other):
        Registration.objects.create(session=session, person=person)
    api = api_for(trainer)
    assert api.post_json(attendance_url(own), {"person": person.pk}).status_code == 201
    refused = api.post_json(attendance_url(other), {"person": person.pk})
    assert refused.status_code == 404
    assert "detail" in refused.json()
    assert api.get(attendance_url(other)).status_code == 404
    listed = api.get(attendance_url(own)).json()
    assert listed["count"] == 1 and listed["items"][0]["person"] == person.pk
    assert list(Attendance.objects.values_list("session_id", flat=True)) == [own.pk]


def test_those_who_see_a_session_but_do_not_check_in_get_403(api_for, observer, event):
    session = SessionFactory(event=event)
    answer = api_for(observer).post_json(attendance_url(session), {"person": PersonFactory().pk})
    assert answer.status_code == 403
    assert (
        api_for(observer).post_json("/api/v1/sessions/999999/attendance", {"person": 1}).status_code
        == 404
    )


def test_bad_bodies_answer_400_or_422_with_the_field(api_for, organizer, event):
    session = SessionFactory(event=event)
    api = api_for(organizer)
    wrong_type = api.post_json(attendance_url(session), {"person": "abc"})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["detail"][0]["field"] == "person"
    nobody = api.post_json(attendance_url(session), {})
    assert nobody.status_code == 400 and nobody.json()["detail"][0]["field"] == "person"
    unknown = api.post_json(attendance_url(session), {"person": 999999})
    assert unknown.status_code == 400 and unknown.json()["detail"][0]["field"] == "person"
    bad_uuid = api.post_json(attendance_url(session), {"person": 1, "client_uuid": "nope"})
    assert bad_uuid.status_code == 422
    assert api.post_json(attendance_url(session), "text").status_code == 400
    assert not Attendance.objects.exists()


def test_undo_through_the_api(api_for, organizer, event):
    session = SessionFactory(event=event)
    person = PersonFactory()
    api = api_for(organizer)
    api.post_json(attendance_url(session), {"person": person.pk})
    assert api.delete(f"{attendance_url(session)}/{person.pk}").status_code == 204
    assert api.delete(f"{attendance_url(session)}/{person.pk}").status_code == 404
    assert not Attendance.objects.exists()


def test_beneficiaries_are_for_managers_and_observers(
    api_for, organizer, observer, exhibitor, trainer, event
):
    url = f"/api/v1/events/{event.pk}/beneficiaries"
    assert api_for(organizer).get(url).status_code == 200
    assert api_for(observer).get(url).json()["beneficiaries"] == 0
    for user in (exhibitor, trainer):
        assert api_for(user).get(url).status_code == 403
    assert api_for(organizer).get("/api/v1/events/999999/beneficiaries").status_code == 404
    assert api_for().get(url).status_code == 401
