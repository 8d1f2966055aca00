import logging

import pytest
from django.core import mail

from tadamon.calls import notifications
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import selection
from tadamon.core.sms import LoggingSmsGateway, SmsGateway, get_sms_gateway
from tadamon.messaging.models import Message
from tests.calls.test_selection_support import applications, bazaar, organizations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class RecordingGateway(SmsGateway):
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        RecordingGateway.sent.append((phone, text))
        return f"recorded-{len(RecordingGateway.sent)}"


@pytest.fixture
def decided(organizer, organizer_body, django_capture_on_commit_callbacks):
    """Three applicants for two places: an Arabic-named cooperative accepted, a cooperative
    named in Latin letters only accepted, the third waitlisted. Returns the applications."""
    _event, _waves, call = bazaar(organizer_body, booths=2, waves=0)
    orgs = organizations(3, women_led=lambda i: False)
    orgs[1].name_ar = ""
    orgs[1].save()
    UserFactory(role="exhibitor", organization=orgs[0], email="rep0@example.org")
    apps = applications(call, orgs, scores=[90, 80, 70])
    run = selection.run_selection(call=call, quotas={}, actor=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        selection.publish(run=run, actor=organizer)
    for app in apps:
        app.refresh_from_db()
    return apps


def messages_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_publication_mails_every_decision_in_the_recipients_language(decided):
    arabic, french, waitlisted = decided
    [to_arabic] = messages_to(arabic.organization.email)
    [to_french] = messages_to(french.organization.email)
    [to_waitlisted] = messages_to(waitlisted.organization.email)
    assert "البازار التضامني" in to_arabic.subject and "البازار التضامني" in to_arabic.body
    assert "Bazar solidaire" in to_french.subject and "Bazar solidaire" in to_french.body
    assert "البازار التضامني" not in to_french.body
    assert to_arabic.from_email == to_french.from_email
    # Each account of the organization gets its own copy, and the same text in its inbox.
    [to_representative] = messages_to("rep0@example.org")
    assert to_representative.body == to_arabic.body
    inbox = Message.objects.get(channel="inbox", user__email="rep0@example.org")
    assert inbox.subject == to_arabic.subject and inbox.status == "sent"
    # The decision, with its details: the waitlisted applicant learns its rank.
    assert "1" in to_waitlisted.body and to_waitlisted.subject != to_arabic.subject


def test_nothing_is_mailed_before_the_commit(organizer, organizer_body):
    _event, _waves, call = bazaar(organizer_body, booths=1, waves=0)
    applications(call, organizations(2, women_led=lambda i: False), scores=[2, 1])
    run = selection.run_selection(call=call, quotas={}, actor=organizer)
    selection.publish(run=run, actor=organizer)  # the test's transaction never commits
    assert mail.outbox == []


def test_announcing_the_same_decision_again_sends_nothing_twice(
    decided, django_capture_on_commit_callbacks
):
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_decision(decided[0])
    assert len(mail.outbox) == before


def test_the_language_can_be_chosen_per_message(decided, django_capture_on_commit_callbacks):
    arabic = decided[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_submitted(arabic, language="fr")
    assert "Bazar solidaire" in mail.outbox[0].body


def test_offers_also_go_by_sms_through_the_gateway(
    decided, caplog, settings, django_capture_on_commit_callbacks
):
    waitlisted = decided[2]
    waitlisted.organization.phone = "+212612345678"
    waitlisted.organization.save()
    waitlisted.status = S.OFFERED
    waitlisted.offer_expires_at = "2026-06-01T12:00:00+01:00"
    waitlisted.save()
    waitlisted.refresh_from_db()
    with (
        caplog.at_level(logging.INFO, logger="tadamon.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notifications.notify_offer(waitlisted)
    assert "+212612345678" in caplog.text and "تضامن" in caplog.text
    settings.TADAMON_SMS_GATEWAY = "tests.calls.test_notifications.RecordingGateway"
    RecordingGateway.sent.clear()
    waitlisted.offer_expires_at = "2026-06-02T12:00:00+01:00"  # a new offer, a new notice
    waitlisted.save()
    waitlisted.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_offer(waitlisted)
    [(phone, text)] = RecordingGateway.sent
    assert phone == "+212612345678" and "2026" in text
    sms = Message.objects.get(channel="sms", provider_id="recorded-1")
    assert sms.status == "sent" and sms.kind == "calls.offer"


def test_the_default_gateway_logs():
    assert isinstance(get_sms_gateway(), LoggingSmsGateway)


def test_a_mail_server_failure_is_kept_for_a_later_attempt_not_raised(
    decided, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    application = decided[0]
    application.status = S.OFFERED
    application.offer_expires_at = "2026-06-01T12:00:00+01:00"
    application.save()
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_offer(application)
    waiting = Message.objects.filter(kind="calls.offer", channel="email")
    assert waiting.exists()
    assert all(m.status == "queued" and m.error and m.next_attempt_at for m in waiting)


def test_no_address_no_mail(decided, django_capture_on_commit_callbacks):
    application = decided[1]
    application.organization.email = ""
    application.organization.phone = ""
    application.organization.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_offer_expired(application) is False
    assert mail.outbox == []


def test_every_message_renders(decided, django_capture_on_commit_callbacks):
    application = decided[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("submitted", "accepted", "waitlisted", "rejected", "offer", "offer_reminder"):
            assert notifications.send_message(application, name, language="en")
        assert notifications.notify_offer_expired(application, language="en")
    assert len(messages_to(application.organization.email)) == 7
    assert all("{%" not in message.body and "&#" not in message.body for message in mail.outbox)
