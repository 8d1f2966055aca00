"""The invitation's link (issue 19): it opens a form that creates the account attached to the
organization and logs the person in; it works once, not after its expiry, cancellation or
a new sending; it tells nothing without a working token; bad input is refused field by field,
in the person's language."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role, User
from tadamon.core.models import AuditEntry
from tadamon.invitations import services
from tadamon.invitations.models import Invitation
from tadamon.messaging.models import Message

pytestmark = pytest.mark.django_db

BASE = "https://tadamon.example.ma"
PASSWORD = "Zaytoun-Atlas-2026"
NUMERIC = "4815162342"


def _invite(organizer, event, organization) -> tuple[Invitation, str]:
    invitation = services.invite(
        actor=organizer, event=event, organization=organization, base_url=BASE
    ).invitation
    body = Message.objects.filter(channel="sms").order_by("-pk").first().body
    return invitation, body.rsplit("/join/", 1)[1].strip("/")


def _form(**changes) -> dict:
    data = {
        "first_name": "Fatima",
        "last_name": "Zahra",
        "phone": "0612345678",
        "email": "fatima@example.ma",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def _client(language: str = "fr") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def test_the_link_opens_the_form_prefilled_from_the_invitation(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)

    response = _client("ar").get(reverse("invitations:join", args=[token]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "تعاونية الأمل" in page and event.title_ar in page
    assert 'value="+212612345678"' in page and 'value="amal@example.ma"' in page
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "same-origin"


def test_the_link_creates_the_account_of_the_organization_and_logs_in(
    organizer, event, arabic_coop
):
    invitation, token = _invite(organizer, event, arabic_coop)
    client = _client()

    response = client.post(reverse("invitations:join", args=[token]), _form())

    assert response.status_code == 302 and response["Location"] == reverse(
        "registry:my_organization"
    )
    user = User.objects.get(email="fatima@example.ma")
    assert user.organization == arabic_coop and user.role == Role.EXHIBITOR and user.is_active
    assert user.phone == "+212612345678" and user.get_full_name() == "Fatima Zahra"
    assert user.check_password(PASSWORD) and user.username == "fatima"
    assert int(client.session[SESSION_KEY]) == user.pk
    page = client.get(response["Location"])
    assert page.status_code == 200 and arabic_coop.name_fr in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    entry = AuditEntry.objects.get(action="invitations.invitation.accepted")
    assert entry.actor == user and entry.event_id == event.pk


def test_the_account_can_be_opened_with_a_phone_only(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)

    response = _client().post(reverse("invitations:join", args=[token]), _form(email=""))

    assert response.status_code == 302
    user = User.objects.get(organization=arabic_coop)
    assert user.email == "" and user.username == "tel212612345678"
    # The SMS went to this phone and its link was followed: the phone logs in.
    assert user.phone_verified


def test_the_invited_person_logs_in_with_the_phone_the_invitation_reached(
    organizer, event, arabic_coop
):
    _, token = _invite(organizer, event, arabic_coop)
    _client().post(reverse("invitations:join", args=[token]), _form(email=""))

    client = _client()
    response = client.post(reverse("accounts:login"), {"login": "0612345678", "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == User.objects.get(organization=arabic_coop).pk


def test_another_phone_typed_in_is_not_taken_for_proven(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)

    _client().post(reverse("invitations:join", args=[token]), _form(email="", phone="0677665544"))

    assert not User.objects.get(organization=arabic_coop).phone_verified


def test_a_used_link_refuses_a_second_use(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)
    url = reverse("invitations:join", args=[token])
    assert _client().post(url, _form()).status_code == 302

    seen = _client().get(url)
    again = _client().post(url, _form(email="other@example.ma", phone="0698765432"))

    assert seen.status_code == again.status_code == 410
    assert "déjà été utilisé" in seen.content.decode()
    assert User.objects.filter(organization=arabic_coop).count() == 1


def test_an_expired_link_refuses(organizer, event, arabic_coop):
    invitation, token = _invite(organizer, event, arabic_coop)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("invitations:join", args=[token])

    seen = _client().get(url)
    posted = _client().post(url, _form())

    assert seen.status_code == posted.status_code == 410
    page = seen.content.decode()
    assert 'data-state="expired"' in page and "organisateurs" in page
    assert "Coopérative" not in page and "تعاونية الأمل" not in page
    assert not User.objects.filter(organization=arabic_coop).exists()


def test_sending_again_ends_the_old_link(organizer, event, arabic_coop):
    invitation, old = _invite(organizer, event, arabic_coop)
    services.resend(actor=organizer, invitation=invitation, base_url=BASE)
    new = Message.objects.filter(channel="sms").order_by("-pk").first().body.rsplit("/join/")[1]

    stale = _client().post(reverse("invitations:join", args=[old]), _form())
    fresh = _client().get("/join/" + new)

    assert stale.status_code == 404 and "تعاونية الأمل" not in stale.content.decode()
    assert fresh.status_code == 200 and not User.objects.filter(organization=arabic_coop).exists()


def test_a_cancelled_link_refuses(organizer, event, arabic_coop):
    invitation, token = _invite(organizer, event, arabic_coop)
    services.cancel(actor=organizer, invitation=invitation)

    response = _client().get(reverse("invitations:join", args=[token]))

    assert response.status_code == 410 and 'data-state="cancelled"' in response.content.decode()


def test_an_unknown_link_reveals_nothing(organizer, event, arabic_coop):
    _invite(organizer, event, arabic_coop)

    response = _client().get(reverse("invitations:join", args=["not-a-real-token-at-all"]))

    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-state="unknown"' in page and "تعاونية الأمل" not in page
    assert 'method="post"' not in page


def test_opening_links_is_rate_limited(organizer, event, arabic_coop, settings):
    settings.TADAMON_JOIN_LIMIT = 3
    _, token = _invite(organizer, event, arabic_coop)
    client = _client()
    for guess in ("a" * 24, "b" * 24, "c" * 24):
        assert client.get(reverse("invitations:join", args=[guess])).status_code == 404

    response = client.get(reverse("invitations:join", args=[token]))

    assert response.status_code == 429 and "تعاونية الأمل" not in response.content.decode()


def test_a_signed_in_person_is_asked_to_log_out_first(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)
    client = _client()
    client.force_login(organizer)
    url = reverse("invitations:join", args=[token])

    seen = client.get(url)
    posted = client.post(url, _form())

    assert seen.status_code == posted.status_code == 200
    assert 'id="join-signed-in"' in seen.content.decode()
    assert not User.objects.filter(organization=arabic_coop).exists()


@pytest.mark.parametrize(
    ("language", "changes", "field", "words"),
    [
        ("fr", {"password1": "12345", "password2": "12345"}, "password1", "trop court"),
        ("ar", {"password1": "12345", "password2": "12345"}, "password1", "قصيرة جدًا"),
        ("fr", {"password1": NUMERIC, "password2": NUMERIC}, "password1", "entièrement numérique"),
        ("ar", {"password1": NUMERIC, "password2": NUMERIC}, "password1", "تتكون من أرقام فقط"),
        ("fr", {"password2": PASSWORD + "x"}, "password2", "ne sont pas identiques"),
        ("ar", {"password2": PASSWORD + "x"}, "password2", "غير متطابقتين"),
        ("fr", {"phone": "12"}, "phone", "pas un numéro de téléphone valide"),
        ("ar", {"phone": "12"}, "phone", "ليس رقم هاتف صالحًا"),
        ("fr", {"phone": "", "email": ""}, "phone", "numéro de téléphone ou une adresse"),
        ("fr", {"first_name": ""}, "first_name", "Ce champ est obligatoire"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_in_the_persons_language(
    organizer, event, arabic_coop, language, changes, field, words
):
    _, token = _invite(organizer, event, arabic_coop)

    response = _client(language).post(reverse("invitations:join", args=[token]), _form(**changes))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    page = response.content.decode()
    assert words in page, form.errors
    # The summary names the field beside its error.
    label = str(form.fields[field].label)
    assert f'href="#id_{field}" class="alert-link">{label}</a>' in page
    assert not User.objects.filter(organization=arabic_coop).exists()


def test_an_email_or_phone_that_opens_another_account_is_refused(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)

    response = _client().post(
        reverse("invitations:join", args=[token]), _form(email=organizer.email)
    )

    assert response.status_code == 200 and list(response.context["form"].errors) == ["email"]
    assert "existe déjà" in response.content.decode()
    assert not User.objects.filter(organization=arabic_coop).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_requests_with_one_link_open_one_account(organizer, event, arabic_coop):
    _, token = _invite(organizer, event, arabic_coop)
    url = reverse("invitations:join", args=[token])
    barrier = threading.Barrier(2)

    def post(number: int) -> int:
        try:
            barrier.wait()
            form = _form(email=f"person{number}@example.ma", phone=f"06{number}1234567"[:10])
            return _client().post(url, form).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(post, (1, 2)))

    assert statuses == [302, 410]
    assert User.objects.filter(organization=arabic_coop).count() == 1
    assert Invitation.objects.get().accepted_by.organization == arabic_coop
