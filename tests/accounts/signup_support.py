"""What the sign-up tests share: an SMS gateway that keeps what it was given (the test reads
the code from it, as a phone would, once the outbox's messages are delivered), the sign-up
form's fields, and reading a code."""

import re

from django.core import mail
from django.urls import reverse

from tadamon.core.sms import SmsGateway
from tadamon.messaging import delivery
from tadamon.registry.models import Province
from tests.factories import kind

PASSWORD = "argan-olive-2026"
SIGNUP = reverse("account_signup")
LOGIN = reverse("accounts:login")


class SmsInbox(SmsGateway):
    """Keeps every SMS: (E.164 number, text)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        SmsInbox.sent.append((phone, text))
        return f"sms-{len(SmsInbox.sent)}"


def code_in(text: str) -> str:
    found = re.search(r"\b(\d{6})\b", text)
    assert found, f"no code in {text!r}"
    return found.group(1)


def deliver() -> None:
    """What the task worker does once the request's transaction commits (a test's request
    never commits): send the outbox's messages."""
    delivery.deliver_due()


def last_sms_code(phone: str) -> str:
    deliver()
    texts = [text for number, text in SmsInbox.sent if number == phone]
    assert texts, f"no SMS to {phone}: {SmsInbox.sent}"
    return code_in(texts[-1])


def last_mail_code(address: str) -> str:
    deliver()
    bodies = [message.body for message in mail.outbox if address in message.to]
    assert bodies, f"no e-mail to {address}"
    return code_in(bodies[-1])


def province(code: str = "") -> Province:
    provinces = Province.objects.order_by("code")
    return provinces.get(code=code) if code else provinces.first()


def signup_data(**changes: object) -> dict:
    data = {
        "first_name": "Fatima Zahra",
        "phone": "06 12 34 56 78",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name_ar": "تعاونية الأمل للأركان",
        "name_fr": "",
        "kind": kind("cooperative").pk,
        "province": province().pk,
        "registration_number": "",
    }
    data.update(changes)
    return data


def sign_up(client, **changes: object):
    """Sign up by phone and type the SMS code: the client is then signed in as the new user,
    whose claim is pending. Answers the user."""
    from tadamon.accounts.models import User

    data = signup_data(**changes)
    response = client.post(SIGNUP, data)
    assert response.status_code == 302, response.context["form"].errors
    phone = "+212" + str(data["phone"]).replace(" ", "").lstrip("0")
    code = last_sms_code(phone)
    response = client.post(reverse("account_verify_phone"), {"code": code, "action": "verify"})
    assert response.status_code == 302
    return User.objects.get(phone=phone)


class RefusingSms(SmsGateway):
    """A provider that answers with an error."""

    def send(self, phone: str, text: str) -> str:
        from tadamon.core.sms import SmsError

        raise SmsError("503 Service Unavailable", retryable=True, status=503)
