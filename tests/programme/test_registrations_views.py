"""Registering people from the session page (search by name, quick add), cancelling with
confirmation, and the badges with their QR codes."""

import pytest
import segno
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.events.models import Participation
from tadamon.programme.models import Registration
from tadamon.programme.services import registrations as services
from tadamon.programme.views.registrations import qr_svg
from tadamon.registry.models import Person
from tests.factories import EventFactory, PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def session(organizer_body):
    return SessionFactory(event=EventFactory(organizer=organizer_body), capacity=1)


def _detail(session) -> str:
    return reverse("programme:session_detail", args=[session.pk])


def test_search_a_person_by_name_and_register_them(client, organizer, session):
    wanted = PersonFactory(first_name="زينب", last_name="الحمداوي")
    PersonFactory(first_name="Omar", last_name="Idrissi")
    client.force_login(organizer)
    page = client.get(_detail(session), {"q": "زينب"})
    assert page.context["matches"] == [wanted]
    results = client.get(reverse("programme:person_options", args=[session.pk]), {"q": "الحمداوي"})
    assert "الحمداوي" in results.content.decode() and "Idrissi" not in results.content.decode()

    response = client.post(reverse("programme:register", args=[session.pk]), {"person": wanted.pk})
    assert response.status_code == 302
    assert Registration.objects.get().person == wanted
    again = client.get(_detail(session), {"q": "زينب"})
    assert wanted.pk in again.context["taken"]


def test_a_full_session_puts_the_next_person_on_the_waiting_list(client, organizer, session):
    client.force_login(organizer)
    first, second = PersonFactory(), PersonFactory()
    client.post(reverse("programme:register", args=[session.pk]), {"person": first.pk})
    response = client.post(
        reverse("programme:register", args=[session.pk]), {"person": second.pk}, follow=True
    )
    assert Registration.objects.get(person=second).status == Status.WAITLISTED
    page = response.content.decode()
    assert 'id="registration-counts"' in page
    assert [r.position for r in response.context["registrations"]] == [None, 1]


def test_registering_twice_shows_the_error(client, organizer, session):
    person = PersonFactory()
    services.register(actor=organizer, session=session, person=person)
    client.force_login(organizer)
    response = client.post(
        reverse("programme:register", args=[session.pk]), {"person": person.pk}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(str(person) in message for message in messages)
    assert Registration.objects.count() == 1


def test_quick_add_registers_a_new_person(client, organizer, session, other_org):
    client.force_login(organizer)
    url = reverse("programme:person_quick_add", args=[session.pk])
    response = client.post(
        url,
        {
            "first_name": "فاطمة",
            "last_name": "أيت علي",
            "gender": "f",
            "organization": other_org.pk,
            "commune_name": "Tabant",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="أيت علي")
    assert person.organization == other_org
    assert person.registrations.get().session == session

    missing = client.post(url, {"first_name": "", "last_name": "x", "gender": "f"})
    assert missing.status_code == 200
    assert "first_name" in missing.context["quick_form"].errors


def test_quick_add_is_for_managers(client, session):
    trainer = UserFactory(role=Role.TRAINER)
    session.trainers.add(trainer)
    client.force_login(trainer)
    url = reverse("programme:person_quick_add", args=[session.pk])
    response = client.post(url, {"first_name": "a", "last_name": "b", "gender": "f"})
    assert response.status_code == 403


def test_an_observer_posting_a_registration_gets_403_not_a_redirect(client, observer, session):
    """Issue 16: the refusal answered a redirect with "Choose a person from the search
    results.", as if the observer had only mistyped."""
    client.force_login(observer)
    person = PersonFactory()

    response = client.post(reverse("programme:register", args=[session.pk]), {"person": person.pk})

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_cancel_with_confirmation_promotes_the_next(client, organizer, session):
    first = services.register(actor=organizer, session=session, person=PersonFactory())
    waiting = services.register(actor=organizer, session=session, person=PersonFactory())
    client.force_login(organizer)
    url = reverse("programme:registration_cancel", args=[first.pk])
    assert client.get(url).status_code == 200
    first.refresh_from_db()
    assert first.status == Status.REGISTERED
    response = client.post(url, follow=True)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.REGISTERED
    messages = " ".join(str(m) for m in response.context["messages"])
    assert str(waiting.person) in messages


def test_a_badge_shows_an_svg_qr_code_with_the_registration_code(client, organizer, session):
    person = PersonFactory(first_name="مريم")
    registration = services.register(actor=organizer, session=session, person=person)
    client.force_login(organizer)
    response = client.get(reverse("programme:registration_badge", args=[registration.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'class="segno"' in page
    assert str(registration.code)[:8].upper() in page
    assert "مريم" in page and session.title_ar in page and session.title_fr in page


def test_the_qr_code_holds_the_registration_code(session, organizer):
    registration = services.register(actor=organizer, session=session, person=PersonFactory())
    expected = segno.make(str(registration.code), error="m", micro=False)
    assert qr_svg(registration) == expected.svg_inline(scale=4, border=2)


def test_the_badges_sheet_has_one_badge_per_registered_person(client, organizer, session):
    session.capacity = None
    session.save()
    registrations = [
        services.register(actor=organizer, session=session, person=PersonFactory())
        for _ in range(3)
    ]
    services.cancel(actor=organizer, registration=registrations[0])
    client.force_login(organizer)
    response = client.get(reverse("programme:session_badges", args=[session.pk]))
    page = response.content.decode()
    assert page.count('class="segno"') == 2
    assert f'id="badge-{registrations[0].pk}"' not in page


def test_badges_of_other_people_are_not_shown(client, exhibitor, exhibitor_org, session):
    organizer_registration = Registration.objects.create(session=session, person=PersonFactory())
    own = Registration.objects.create(
        session=session, person=PersonFactory(organization=exhibitor_org)
    )
    client.force_login(exhibitor)
    assert client.get(reverse("programme:registration_badge", args=[own.pk])).status_code == 200
    other = client.get(reverse("programme:registration_badge", args=[organizer_registration.pk]))
    assert other.status_code == 404
    page = client.get(_detail(session))
    assert [r.pk for r in page.context["registrations"]] == [own.pk]


def test_a_trainer_registers_people_of_the_organizations_taking_part(
    client, api_for, organizer_body, other_org
):
    """Issue 15: a session's trainer may register people, but the page and the API offered
    them nobody. They register the people of the organizations taking part in the event
    (confirmed) and the people already enrolled in its sessions; a trainer of another
    session cannot."""
    event = EventFactory(organizer=organizer_body)
    trainer = UserFactory(role=Role.TRAINER)
    session = SessionFactory(event=event, trainers=[trainer], capacity=10)
    Participation.objects.create(event=event, organization=other_org, status="confirmed")
    member = PersonFactory(organization=other_org, first_name="Khadija", last_name="Amrani")
    colleague = PersonFactory(organization=other_org, first_name="Said", last_name="Amrani")
    enrolled = PersonFactory(organization=None, first_name="Hassan", last_name="Amrani")
    services.register(
        actor=UserFactory(role=Role.ORGANIZER, organization=organizer_body),
        session=SessionFactory(event=event, capacity=10),
        person=enrolled,
    )
    outsider = PersonFactory(first_name="Youssef", last_name="Amrani")

    client.force_login(trainer)
    page = client.get(_detail(session), {"q": "Amrani"})
    assert set(page.context["matches"]) == {member, colleague, enrolled}
    response = client.post(reverse("programme:register", args=[session.pk]), {"person": member.pk})
    assert response.status_code == 302
    refused = client.post(reverse("programme:register", args=[session.pk]), {"person": outsider.pk})
    assert refused.status_code == 302
    assert list(session.registrations.values_list("person", flat=True)) == [member.pk]

    api = api_for(trainer)
    path = f"/api/v1/sessions/{session.pk}/registrations"
    assert api.post_json(path, {"person": enrolled.pk}).status_code == 201
    assert api.post_json(path, {"person": outsider.pk}).status_code == 400

    other_trainer = UserFactory(role=Role.TRAINER)
    SessionFactory(event=event, trainers=[other_trainer])
    client.force_login(other_trainer)
    client.post(reverse("programme:register", args=[session.pk]), {"person": colleague.pk})
    assert api_for(other_trainer).post_json(path, {"person": colleague.pk}).status_code in (
        400,
        403,
        404,
    )
    assert not session.registrations.filter(person=colleague).exists()
