"""The phone check-in page, the API its offline queue sends to, and who reaches them."""

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance, Registration
from tests.factories import EventFactory, PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # UserFactory's


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body, kind=EventKind.TRAINING_PROGRAMME)


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER)


@pytest.fixture
def session(event, trainer):
    return SessionFactory(event=event, trainers=[trainer])


@pytest.fixture
def amina(session):
    person = PersonFactory(first_name="أمينة", last_name="الإدريسي")
    Registration.objects.create(session=session, person=person)
    return person


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def record(client: Client, session, body, **kwargs):
    """What the page's queue sends: JSON to the API's check-in, signed in by session."""
    return client.post(
        f"/api/v1/sessions/{session.pk}/attendance",
        data=json.dumps(body),
        content_type="application/json",
        **kwargs,
    )


def test_a_trainer_opens_only_their_own_sessions_check_in_page(event, trainer, session, amina):
    other = SessionFactory(event=event)
    client = client_for(trainer)
    page = client.get(reverse("programme:checkin", args=[session.pk]))
    assert page.status_code == 200
    assert page.context["registered_count"] == 1
    assert b"programme/checkin.js" in page.content
    # Its queue sends the check-ins to the API.
    assert f'data-record-url="/api/v1/sessions/{session.pk}/attendance"' in page.content.decode()
    # Kept in the page for searching, and naming scanned badges, without a connection.
    assert page.context["offline_people"][0]["name"] == "أمينة الإدريسي"
    assert client.get(reverse("programme:checkin", args=[other.pk])).status_code == 404
    listed = client.get(reverse("programme:checkin_sessions"))
    assert [*listed.context["upcoming"], *listed.context["past"]] == [session]


def test_a_user_who_sees_the_session_but_does_not_check_in_gets_403(observer, session):
    assert (
        client_for(observer).get(reverse("programme:checkin", args=[session.pk])).status_code == 403
    )


def test_search_is_arabic_aware_and_puts_registered_people_first(organizer, session, amina):
    PersonFactory(first_name="امينه", last_name="البقالي")  # in the registry, not registered
    response = client_for(organizer).get(
        reverse("programme:checkin_search", args=[session.pk]), {"q": "امينة"}
    )
    people = response.context["candidates"]
    assert [person.last_name for person in people] == ["الإدريسي", "البقالي"]
    assert people[0].registration_status == "registered" and not people[0].present
    assert "checkin-form" in response.content.decode()


def test_a_trainer_searching_finds_registered_people_but_not_the_registry(trainer, session, amina):
    PersonFactory(first_name="أمينة", last_name="البقالي")  # an organization the trainer can't see
    response = client_for(trainer).get(
        reverse("programme:checkin", args=[session.pk]), {"q": "امينه"}
    )
    assert [person.pk for person in response.context["candidates"]] == [amina.pk]


def test_the_queue_endpoint_records_once_and_answers_201_then_200(trainer, session, amina):
    client = client_for(trainer, enforce_csrf_checks=True)
    client.get(reverse("programme:checkin", args=[session.pk]))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    body = {
        "person": amina.pk,
        "client_uuid": str(uuid.uuid4()),
        "checked_in_at": "2026-06-01T09:05:00Z",
    }
    answers = [record(client, session, body, HTTP_X_CSRFTOKEN=token) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [201, 200, 200]
    assert answers[1].json()["id"] == answers[0].json()["id"]
    assert answers[2].json()["client_uuid"] == body["client_uuid"]
    attendance = Attendance.objects.get()
    assert attendance.checked_in_by == trainer
    assert attendance.checked_in_at.isoformat().startswith("2026-06-01T09:05")


def test_the_queue_endpoint_takes_a_scanned_badge(trainer, session, amina):
    # The page sends the code the badge's QR holds (checkin.js takes it out of an address).
    registration = amina.registrations.get()
    answer = record(client_for(trainer), session, {"code": str(registration.code)})
    assert answer.status_code == 201
    assert answer.json()["person_name"] == str(amina)


def test_the_queue_endpoint_needs_the_csrf_token(trainer, session, amina):
    client = client_for(trainer, enforce_csrf_checks=True)
    assert record(client, session, {"person": amina.pk}).status_code == 403
    client.get(reverse("programme:checkin", args=[session.pk]))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    assert record(client, session, {"person": amina.pk}, HTTP_X_CSRFTOKEN=token).status_code == 201


def test_the_queue_endpoint_answers_json_errors(trainer, event, session, amina):
    client = client_for(trainer)
    stranger = PersonFactory()
    refused = record(client, session, {"person": stranger.pk})
    assert refused.status_code == 400
    assert refused.json()["detail"][0]["field"] == "person"
    malformed = record(client, session, {"person": "abc"})
    assert malformed.status_code == 422 and malformed.json()["detail"][0]["field"] == "person"
    assert record(client, session, ["not", "an", "object"]).status_code == 400
    assert record(client, session, "a string").status_code == 400
    other = SessionFactory(event=event)
    assert record(client, other, {"person": amina.pk}).status_code == 404
    # Logged out: 401 (the phone keeps the check-in), never a redirect to an HTML page.
    logged_out = record(Client(), session, {"person": amina.pk})
    assert logged_out.status_code == 401 and "detail" in logged_out.json()
    assert not Attendance.objects.exists()


def test_the_form_without_script_checks_in_and_comes_back(trainer, session, amina):
    client = client_for(trainer)
    url = reverse("programme:checkin_mark", args=[session.pk])
    response = client.post(url, {"person": amina.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:checkin", args=[session.pk])
    client.post(url, {"person": amina.pk})
    assert Attendance.objects.count() == 1
    present = client.get(reverse("programme:checkin_present", args=[session.pk]))
    assert present.context["present_count"] == 1
    assert "أمينة" in present.content.decode()


def test_undo_asks_first_then_removes(trainer, session, amina):
    client = client_for(trainer)
    record(client, session, {"person": amina.pk})
    attendance = Attendance.objects.get()
    url = reverse("programme:attendance_delete", args=[attendance.pk]) + "?next=checkin"
    assert client.get(url).status_code == 200
    assert Attendance.objects.exists()  # a GET only asks
    response = client.post(url)
    assert response["Location"] == reverse("programme:checkin", args=[session.pk])
    assert not Attendance.objects.exists()


def test_gate_agents_check_in_but_do_not_undo(organizer_body, session, amina):
    agent = UserFactory(role=Role.GATE_AGENT, organization=organizer_body)
    client = client_for(agent)
    assert record(client, session, {"person": amina.pk}).status_code == 201
    attendance = Attendance.objects.get()
    response = client.post(reverse("programme:attendance_delete", args=[attendance.pk]))
    assert response.status_code == 403
    assert Attendance.objects.exists()


def test_event_attendance_and_beneficiaries_pages_are_for_managers(
    organizer, trainer, exhibitor, observer, event, session, amina
):
    record(client_for(organizer), session, {"person": amina.pk})
    manager = client_for(organizer)
    page = manager.get(reverse("programme:event_attendance", args=[event.pk]))
    assert page.status_code == 200 and page.context["people_total"] == 1
    figures = manager.get(reverse("programme:event_beneficiaries", args=[event.pk]))
    assert figures.status_code == 200
    assert figures.context["figures"]["beneficiaries"] == 1
    assert (
        client_for(observer)
        .get(reverse("programme:event_beneficiaries", args=[event.pk]))
        .status_code
        == 200
    )
    for user in (trainer, exhibitor):
        client = client_for(user)
        assert client.get(reverse("programme:event_attendance", args=[event.pk])).status_code == 403
        assert (
            client.get(reverse("programme:event_beneficiaries", args=[event.pk])).status_code == 403
        )


def test_session_attendance_page_lists_who_is_present(trainer, session, amina):
    client = client_for(trainer)
    record(client, session, {"person": amina.pk})
    page = client.get(reverse("programme:session_attendance", args=[session.pk]))
    assert page.status_code == 200
    assert page.context["present_count"] == 1
    assert page.context["can_undo"]


def test_the_start_page_lists_sessions_to_come_before_those_over(event, trainer, session):
    soon = timezone.now() + datetime.timedelta(hours=2)
    coming = SessionFactory(
        event=event, trainers=[trainer], starts_at=soon, ends_at=soon + datetime.timedelta(hours=3)
    )
    page = client_for(trainer).get(reverse("programme:checkin_sessions"))
    assert list(page.context["upcoming"]) == [coming]
    assert list(page.context["past"]) == [session]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_button_that_marks_a_person_present_is_not_named_like_the_list(
    language, trainer, session, amina
):
    """The gate agent's main button said «الحاضرون», the heading of the list (issue 17, 2)."""
    from django.utils import translation

    client = client_for(trainer)
    client.cookies["django_language"] = language
    page = client.get(reverse("programme:checkin_search", args=[session.pk]), {"q": "أمينة"})
    assert page.status_code == 200
    with translation.override(language):
        button = translation.gettext("Mark present")
        heading = translation.pgettext("heading of the list of people checked in", "Present")
    html = page.content.decode()
    assert f">{button}</button>" in html
    assert button != heading
