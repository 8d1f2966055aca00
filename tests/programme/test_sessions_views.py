"""The session pages: list by day, form (errors next to the fields), detail, deletion with
confirmation, and a trainer's own sessions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.programme.models import Session
from tests.factories import EventFactory, SessionFactory, UserFactory, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2024, 7, 12),
        end_date=datetime.date(2024, 7, 16),
    )


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER, first_name="Amina", last_name="B")


def _form(**overrides):
    data = {
        "kind": "workshop",
        "title_ar": "التسويق الرقمي",
        "title_fr": "Marketing digital",
        "starts_at": "2024-07-13T10:00",
        "ends_at": "2024-07-13T12:30",
        "commune_name": "Fès",
        "room": "Salle A",
        "capacity": "25",
        "audience": "Coopératives féminines",
    }
    data.update(overrides)
    return data


def test_organizer_creates_a_session_from_the_form(client, organizer, event, trainer):
    client.force_login(organizer)
    url = reverse("programme:session_create", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, _form(topics=[topic("digital_marketing").pk], trainers=[trainer.pk])
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:session_detail", args=[session.pk])
    assert timezone.localtime(session.starts_at).hour == 10
    assert list(session.trainers.all()) == [trainer]
    assert session.capacity == 25


def test_a_date_outside_the_event_is_shown_next_to_its_field(client, organizer, event):
    client.force_login(organizer)
    response = client.post(
        reverse("programme:session_create", args=[event.pk]),
        _form(starts_at="2024-07-20T10:00", ends_at="2024-07-20T12:00"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"starts_at", "ends_at"}
    assert "2024-07-12" in form.errors["starts_at"][0]
    assert not Session.objects.exists()


def test_the_list_shows_the_sessions_by_day_with_manager_links(client, organizer, event):
    first = SessionFactory(event=event, title_fr="Atelier un")
    second = SessionFactory(
        event=event,
        title_fr="Atelier deux",
        starts_at=first.starts_at + datetime.timedelta(days=2),
        ends_at=first.ends_at + datetime.timedelta(days=2),
    )
    client.force_login(organizer)
    response = client.get(reverse("programme:session_list", args=[event.pk]))
    assert response.status_code == 200
    days = response.context["days"]
    assert [day.sessions for day in days] == [[first], [second]]
    assert reverse("programme:session_edit", args=[first.pk]) in response.content.decode()
    detail = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert reverse("programme:session_list", args=[event.pk]) in detail


def test_edit_and_delete_with_confirmation(client, organizer, event):
    session = SessionFactory(event=event)
    client.force_login(organizer)
    edit_url = reverse("programme:session_edit", args=[session.pk])
    assert client.get(edit_url).context["form"].initial["title_fr"] == session.title_fr
    response = client.post(edit_url, _form(title_fr="Nouveau titre"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_fr == "Nouveau titre"

    delete_url = reverse("programme:session_delete", args=[session.pk])
    confirmation = client.get(delete_url)
    assert confirmation.status_code == 200 and Session.objects.exists()
    assert client.post(delete_url).status_code == 302
    assert not Session.objects.exists()


def test_a_trainer_sees_and_opens_only_their_own_sessions(client, event, trainer):
    own = SessionFactory(event=event, title_fr="Ma session", trainers=[trainer])
    other = SessionFactory(event=event, title_fr="Autre session")
    client.force_login(trainer)

    page = client.get(reverse("programme:my_sessions"))
    assert page.status_code == 200
    assert [s for day in page.context["days"] for s in day.sessions] == [own]
    assert "Autre session" not in page.content.decode()

    assert client.get(reverse("programme:session_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("programme:session_detail", args=[other.pk])).status_code == 404
    listing = client.get(reverse("programme:session_list", args=[event.pk]))
    assert [s for day in listing.context["days"] for s in day.sessions] == [own]
    # Seeing a session is not managing it.
    assert client.get(reverse("programme:session_edit", args=[own.pk])).status_code == 403
    assert client.get(reverse("programme:session_edit", args=[other.pk])).status_code == 404


def test_a_trainer_reaches_their_sessions_of_an_unpublished_event(client, trainer):
    hidden = EventFactory(is_published=False)
    own = SessionFactory(event=hidden, trainers=[trainer])
    client.force_login(trainer)
    response = client.get(reverse("programme:session_list", args=[hidden.pk]))
    assert response.status_code == 200
    assert [s for day in response.context["days"] for s in day.sessions] == [own]


def test_my_sessions_is_in_the_trainers_menu_in_arabic(client, trainer):
    client.force_login(trainer)
    response = client.get(reverse("programme:my_sessions"), HTTP_ACCEPT_LANGUAGE="ar")
    assert reverse("programme:my_sessions") in response.content.decode()
    assert 'dir="rtl"' in response.content.decode()


def test_my_sessions_is_for_trainers(client, organizer):
    client.force_login(organizer)
    assert client.get(reverse("programme:my_sessions")).status_code == 403


def test_others_cannot_create_or_edit(client, event, exhibitor, observer):
    session = SessionFactory(event=event)
    for user in (exhibitor, observer):
        client.force_login(user)
        create = client.post(reverse("programme:session_create", args=[event.pk]), _form())
        assert create.status_code == 403
        edit = client.post(reverse("programme:session_edit", args=[session.pk]), _form())
        assert edit.status_code == 403
        delete = client.post(reverse("programme:session_delete", args=[session.pk]))
        assert delete.status_code == 403
    assert Session.objects.count() == 1


def test_pages_need_a_login(client, event):
    response = client.get(reverse("programme:session_list", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
