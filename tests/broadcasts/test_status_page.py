"""The delivery status page: an event's broadcasts and notices counted per channel and status,
failed messages with the provider's answer and a "send again" that is audited; managers only."""

import pytest
from django.core import mail
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.messaging.models import Message
from tests.factories import EventFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _message(event, key: str, **fields) -> Message:
    values = {
        "key": key,
        "kind": "calls.accepted",
        "channel": "email",
        "address": f"{key}@example.ma",
        "body": "Bienvenue",
        "event": event,
    }
    return Message.objects.create(**{**values, **fields})


def test_notices_are_counted_and_a_failed_one_is_sent_again(
    client, organizer, organizer_body, django_capture_on_commit_callbacks
):
    event = EventFactory(organizer=organizer_body)
    other_event = EventFactory()
    _message(event, "sent", status="sent", sent_at="2026-06-01T10:00:00Z")
    failed = _message(event, "failed", status="failed", attempts=4, error="550 mailbox unknown")
    _message(other_event, "elsewhere", status="failed", error="not this event's")
    client.force_login(organizer)
    url = reverse("broadcasts:status", args=[event.pk])
    html = client.get(url).content.decode()
    assert 'data-batch="calls.accepted"' in html
    assert "550 mailbox unknown" in html and "not this event" not in html
    assert 'hx-trigger="every' not in html
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("broadcasts:resend", args=[event.pk, failed.pk]))
    assert answer.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "sent" and [m.to for m in mail.outbox] == [["failed@example.ma"]]
    assert AuditEntry.objects.filter(action="messaging.message.resent").count() == 1


def test_only_the_event_s_managers_see_its_messages(client, organizer_body):
    event = EventFactory(organizer=organizer_body)
    failed = _message(event, "failed", status="failed", error="x")
    elsewhere = _message(EventFactory(), "elsewhere", status="failed", error="y")
    outsider = UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())
    client.force_login(outsider)
    assert client.get(reverse("broadcasts:status", args=[event.pk])).status_code == 403
    resend = reverse("broadcasts:resend", args=[event.pk, failed.pk])
    assert client.post(resend).status_code == 403
    manager = UserFactory(role=Role.ORGANIZER, organization=organizer_body)
    client.force_login(manager)
    # A message of another event is not found through this one.
    wrong = reverse("broadcasts:resend", args=[event.pk, elsewhere.pk])
    assert client.post(wrong).status_code == 404
    assert Message.objects.filter(status="failed").count() == 2
