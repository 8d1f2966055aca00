"""The sessions and registrations endpoints (SPEC 4): create, list, change, delete,
register within capacity, cancel; errors naming the field; scope."""

import datetime

import pytest

from tadamon.accounts.models import Role
from tadamon.events.models import EventKind
from tadamon.programme.models import Registration, Session
from tadamon.registry.models import Province
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        region=region("05"),
        province=Province.objects.get(code="05.02"),
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER)


def _body(**overrides):
    return {
        "kind": "training",
        "title_ar": "تقنيات النسيج",
        "title_fr": "Techniques de tissage",
        "starts_at": "2024-09-27T09:00:00+01:00",
        "ends_at": "2024-09-27T13:00:00+01:00",
        "commune": "Ait Amdis",
        **overrides,
    }


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


def _url(event) -> str:
    return f"/api/v1/events/{event.pk}/sessions"


def test_create_with_topics_trainers_and_capacity(api_for, organizer, programme, trainer):
    response = api_for(organizer).post_json(
        _url(programme),
        _body(
            topics=["weaving_textile", "quality_standards"],
            trainers=[trainer.pk],
            capacity=30,
            room="Dar Taliba",
            audience="نساء التعاونيات",
            commune="Tabant",
        ),
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert isinstance(data["id"], int) and data["event"] == programme.pk
    assert data["kind"] == "training" and data["capacity"] == 30
    assert sorted(data["topics"]) == ["quality_standards", "weaving_textile"]
    assert data["trainers"] == [trainer.pk]
    assert data["commune"] == "Tabant" and data["commune_id"] is not None
    assert data["registered"] == 0 and data["waitlisted"] == 0
    session = Session.objects.get(pk=data["id"])
    assert session.commune.name_fr == "Tabant"


def test_minimal_body_of_spec_4(api_for, organizer, programme):
    response = api_for(organizer).post_json(_url(programme), _body(commune="Douar inconnu"))
    assert response.status_code == 201, response.content
    assert response.json()["commune"] == "Douar inconnu"
    assert response.json()["commune_id"] is None
    assert response.json()["capacity"] is None


def test_list_in_time_order_and_get_one(api_for, organizer, programme):
    client = api_for(organizer)
    later = client.post_json(
        _url(programme),
        _body(starts_at="2024-10-02T09:00:00+01:00", ends_at="2024-10-02T12:00:00+01:00"),
    ).json()
    earlier = client.post_json(_url(programme), _body(kind="workshop")).json()
    listing = client.get(_url(programme))
    assert listing.status_code == 200
    assert listing.json()["count"] == 2
    assert [item["id"] for item in listing.json()["items"]] == [earlier["id"], later["id"]]
    only_workshops = client.get(_url(programme), {"kind": "workshop"}).json()
    assert [item["id"] for item in only_workshops["items"]] == [earlier["id"]]
    one = client.get(f"/api/v1/sessions/{later['id']}")
    assert one.status_code == 200 and one.json()["title_fr"] == "Techniques de tissage"


@pytest.mark.parametrize(
    ("overrides", "field", "status"),
    [
        ({"starts_at": "2024-09-20T09:00:00+01:00"}, "starts_at", 400),
        ({"ends_at": "2024-10-20T09:00:00+01:00"}, "ends_at", 400),
        ({"ends_at": "2024-09-27T08:00:00+01:00"}, "ends_at", 400),
        ({"title_ar": "", "title_fr": ""}, "title_ar", 400),
        ({"topics": ["knitting"]}, "topics", 400),
        ({"trainers": [999999]}, "trainers", 400),
        # Found by schemathesis: an id beyond SQLite's integers was a 500 (OverflowError).
        ({"trainers": [2**64]}, "trainers", 422),
        ({"kind": "party"}, "kind", 422),
        ({"starts_at": "tomorrow"}, "starts_at", 422),
        ({"capacity": 0}, "capacity", 422),
        ({"capacity": "many"}, "capacity", 422),
    ],
)
def test_validation_errors_name_the_field(api_for, organizer, programme, overrides, field, status):
    response = api_for(organizer).post_json(_url(programme), _body(**overrides))
    assert response.status_code == status, response.content
    assert field in _fields(response)
    assert not Session.objects.exists()


def test_a_user_who_is_not_a_trainer_is_refused_as_trainer(api_for, organizer, programme):
    response = api_for(organizer).post_json(_url(programme), _body(trainers=[organizer.pk]))
    assert response.status_code == 400 and _fields(response) == {"trainers"}


def test_a_body_that_is_not_an_object_is_422_or_400(api_for, organizer, programme):
    response = api_for(organizer).post_json(_url(programme), ["not", "an", "object"])
    assert response.status_code in {400, 422}


def test_patch_changes_only_what_is_sent_and_delete(api_for, organizer, programme, trainer):
    client = api_for(organizer)
    created = client.post_json(_url(programme), _body(capacity=10)).json()
    url = f"/api/v1/sessions/{created['id']}"
    response = client.patch_json(url, {"room": "Salle 2", "trainers": [trainer.pk]})
    assert response.status_code == 200, response.content
    assert response.json()["room"] == "Salle 2" and response.json()["capacity"] == 10
    assert response.json()["trainers"] == [trainer.pk]
    no_limit = client.patch_json(url, {"capacity": None})
    assert no_limit.json()["capacity"] is None
    wrong = client.patch_json(url, {"starts_at": "2025-01-01T09:00:00+01:00"})
    assert wrong.status_code == 400 and "starts_at" in _fields(wrong)
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


# Registrations ---------------------------------------------------------------------------


def test_register_within_capacity_then_waitlist_then_cancel_promotes(api_for, organizer, programme):
    client = api_for(organizer)
    session = client.post_json(_url(programme), _body(capacity=2)).json()
    url = f"/api/v1/sessions/{session['id']}/registrations"
    people = [PersonFactory() for _ in range(3)]
    answers = [client.post_json(url, {"person": person.pk}) for person in people]
    assert [answer.status_code for answer in answers] == [201, 201, 201]
    bodies = [answer.json() for answer in answers]
    assert [body["status"] for body in bodies] == ["registered", "registered", "waitlisted"]
    assert bodies[2]["position"] == 1 and bodies[0]["position"] is None
    assert len(bodies[0]["code"]) == 36

    twice = client.post_json(url, {"person": people[0].pk})
    assert twice.status_code == 400 and _fields(twice) == {"person"}

    cancelled = client.post(f"/api/v1/registrations/{bodies[0]['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    promoted = client.get(f"/api/v1/registrations/{bodies[2]['id']}").json()
    assert promoted["status"] == "registered" and promoted["position"] is None
    again = client.post(f"/api/v1/registrations/{bodies[0]['id']}/cancel")
    assert again.status_code == 400

    listing = client.get(url).json()
    assert listing["count"] == 3
    assert [item["person"] for item in listing["items"]] == [person.pk for person in people]
    waiting = client.get(url, {"status": "waitlisted"}).json()
    assert waiting["count"] == 0
    figures = client.get(f"/api/v1/sessions/{session['id']}").json()
    assert figures["registered"] == 2 and figures["waitlisted"] == 0


def test_registering_an_unknown_person_names_the_field(api_for, organizer, programme):
    session = SessionFactory(event=programme)
    response = api_for(organizer).post_json(
        f"/api/v1/sessions/{session.pk}/registrations", {"person": 987654}
    )
    assert response.status_code == 400 and _fields(response) == {"person"}
    missing = api_for(organizer).post_json(f"/api/v1/sessions/{session.pk}/registrations", {})
    assert missing.status_code == 422 and _fields(missing) == {"person"}


# Scope -----------------------------------------------------------------------------------


def test_a_trainer_lists_and_opens_only_their_own_sessions(api_for, programme, trainer):
    own = SessionFactory(event=programme, trainers=[trainer])
    other = SessionFactory(event=programme)
    client = api_for(trainer)
    listing = client.get(_url(programme)).json()
    assert [item["id"] for item in listing["items"]] == [own.pk]
    assert client.get(f"/api/v1/sessions/{own.pk}").status_code == 200
    assert client.get(f"/api/v1/sessions/{other.pk}").status_code == 404
    assert client.get(f"/api/v1/sessions/{other.pk}/registrations").status_code == 404
    # Reading is not writing.
    assert client.patch_json(f"/api/v1/sessions/{own.pk}", {"room": "x"}).status_code == 403
    assert client.delete(f"/api/v1/sessions/{own.pk}").status_code == 403
    assert client.post_json(_url(programme), _body()).status_code == 403


def test_a_trainer_registers_people_to_their_own_session_only(api_for, programme, trainer):
    own = SessionFactory(event=programme, trainers=[trainer])
    other = SessionFactory(event=programme)
    person = PersonFactory(organization=None)
    # A trainer reads the people of the registry visible to them; register an own member.
    trainer.organization = OrganizationFactory()
    trainer.save()
    member = PersonFactory(organization=trainer.organization)
    client = api_for(trainer)
    ok = client.post_json(f"/api/v1/sessions/{own.pk}/registrations", {"person": member.pk})
    assert ok.status_code == 201, ok.content
    refused = client.post_json(f"/api/v1/sessions/{other.pk}/registrations", {"person": member.pk})
    assert refused.status_code == 404
    assert not Registration.objects.filter(person=person).exists()


def test_outsiders_get_403_or_404(api_for, programme, exhibitor, exhibitor_org):
    session = SessionFactory(event=programme)
    hidden = SessionFactory(event=EventFactory(is_published=False))
    client = api_for(exhibitor)
    # The exhibitor sees a published event's sessions but changes none of them.
    assert client.get(f"/api/v1/sessions/{session.pk}").status_code == 200
    assert client.patch_json(f"/api/v1/sessions/{session.pk}", {"room": "x"}).status_code == 403
    assert client.post_json(_url(programme), _body()).status_code == 403
    assert client.get(f"/api/v1/sessions/{hidden.pk}").status_code == 404
    assert client.get(f"/api/v1/events/{hidden.event_id}/sessions").status_code == 404
    # It registers its own people, and sees only their registrations.
    own = PersonFactory(organization=exhibitor_org)
    url = f"/api/v1/sessions/{session.pk}/registrations"
    assert client.post_json(url, {"person": own.pk}).status_code == 201
    Registration.objects.create(session=session, person=PersonFactory())
    assert client.get(url).json()["count"] == 1
    assert api_for().get(url).status_code == 401


def test_topics_are_listed_with_their_names(api_for, observer):
    response = api_for(observer).get("/api/v1/topics")
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()]
    assert "digital_marketing" in codes and "weaving_textile" in codes
    assert all(row["name_ar"] and row["name_fr"] for row in response.json())
