"""Issue 19: a forgotten password is reset with a code sent by SMS to the account's verified
phone or by e-mail, end to end: ask, read the code, choose a new password, log in with it."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.signup_support import LOGIN, SmsInbox, last_mail_code, last_sms_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")
CODE = reverse("account_confirm_password_reset_code")
NEW = reverse("account_complete_password_reset")
NEW_PASSWORD = "zaafrane-taliouine-77"


@pytest.fixture(autouse=True)
def sms(settings):
    settings.TADAMON_SMS_GATEWAY = "tests.accounts.signup_support.SmsInbox"
    SmsInbox.sent.clear()
    return SmsInbox.sent


def _reset(client, asked: str, code: str) -> None:
    response = client.post(CODE, {"code": code})
    assert response.status_code == 302 and response["Location"] == NEW
    response = client.post(NEW, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_password_reset_completed")


def test_a_password_is_reset_with_a_code_sent_by_sms(client):
    user = UserFactory(username="fatima", phone="+212612345678", phone_verified=True)
    response = client.post(RESET, {"email": "06 12 34 56 78"})
    assert response.status_code == 302 and response["Location"] == CODE
    assert mail.outbox == []
    code = last_sms_code("+212612345678")
    _reset(client, "06 12 34 56 78", code)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    logged_in = client.post(LOGIN, {"login": "0612345678", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_password_is_reset_with_a_code_sent_by_email(client):
    user = UserFactory(username="amal", email="amal@example.ma")
    response = client.post(RESET, {"email": "amal@example.ma"})
    assert response.status_code == 302 and response["Location"] == CODE
    assert SmsInbox.sent == []
    _reset(client, "amal@example.ma", last_mail_code("amal@example.ma"))
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    logged_in = client.post(LOGIN, {"login": "amal@example.ma", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302


def test_an_unverified_or_unknown_phone_is_refused_on_its_field(client):
    UserFactory(username="fatima", phone="+212612345678", phone_verified=False)
    client.cookies["django_language"] = "fr"
    response = client.post(RESET, {"email": "0612345678"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["email"]
    assert "téléphone" in error
    assert SmsInbox.sent == []


def test_a_wrong_reset_code_is_refused_and_the_password_kept(client):
    user = UserFactory(username="fatima", phone="+212612345678", phone_verified=True)
    client.post(RESET, {"email": "0612345678"})
    code = last_sms_code("+212612345678")
    client.cookies["django_language"] = "fr"
    response = client.post(CODE, {"code": "000000" if code != "000000" else "111111"})
    assert response.status_code == 200
    assert "expiré" in response.context["form"].errors["code"][0]
    assert client.get(NEW)["Location"] == CODE
    user.refresh_from_db()
    assert user.check_password("secret-pass-123")
