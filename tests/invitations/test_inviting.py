"""Inviting organizations (issue 19): one at a time or every accepted exhibitor of a call, by
SMS and e-mail through the outbox, in the organization's language, with a one-time link whose
token only the message holds; never twice, sent again with a new link, cancelled."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import ApplicationStatus
from tadamon.core.models import AuditEntry
from tadamon.core.sms_length import sms_length
from tadamon.invitations import services
from tadamon.invitations.models import Invitation, hash_token
from tadamon.invitations.services import Outcome
from tadamon.messaging.models import Message
from tests.factories import ApplicationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://tadamon.example.ma"
LINK = re.compile(re.escape(BASE) + r"/join/([\w-]+)/")


def _token(message: Message) -> str:
    return LINK.search(message.body).group(1)


def test_inviting_one_organization_queues_an_sms_and_an_email_in_arabic_with_the_link(
    organizer, event, arabic_coop
):
    result = services.invite(actor=organizer, event=event, organization=arabic_coop, base_url=BASE)

    assert result.outcome == Outcome.INVITED
    invitation = result.invitation
    assert (invitation.phone, invitation.email, invitation.language) == (
        "+212612345678",
        "amal@example.ma",
        "ar",
    )
    assert invitation.sent_count == 1 and invitation.invited_by == organizer
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13)
    sms = Message.objects.get(channel="sms")
    email = Message.objects.get(channel="email")
    assert sms.address == "+212612345678" and email.address == "amal@example.ma"
    assert sms.language == email.language == "ar"
    assert "تضامن" in sms.body and "افتحوا" in email.body
    assert "تعاونية الأمل" in email.body and event.title_ar in email.subject
    token = _token(sms)
    assert _token(email) == token
    # Only the token's hash is kept: the table alone opens nothing.
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    entry = AuditEntry.objects.get(action="invitations.invitation.sent")
    assert entry.event_id == event.pk and token not in str(entry.data) + str(entry.changes)
    assert invitation.token_hash not in str(entry.changes)


def test_a_french_organization_is_invited_in_french(organizer, event, french_coop):
    services.invite(actor=organizer, event=event, organization=french_coop, base_url=BASE)

    sms, email = Message.objects.get(channel="sms"), Message.objects.get(channel="email")
    assert sms.language == email.language == "fr"
    assert sms.body.startswith("Tadamon : ouvrez votre compte")
    assert "Coopérative Espoir" in email.body and "Bonjour" in email.body
    assert event.title_fr in email.subject


def test_the_sms_is_short(organizer, event, arabic_coop, french_coop):
    services.invite_accepted(actor=organizer, event=event, base_url=BASE)

    for sms in Message.objects.filter(channel="sms"):
        # An Arabic SMS is UCS-2 (70 characters a part): the link fills most of two parts.
        assert sms_length(sms.body).segments <= (2 if sms.language == "ar" else 1), sms.body


def test_an_organization_is_invited_only_once_while_its_link_works(organizer, event, arabic_coop):
    first = services.invite(actor=organizer, event=event, organization=arabic_coop, base_url=BASE)
    again = services.invite(actor=organizer, event=event, organization=arabic_coop, base_url=BASE)

    assert again.outcome == Outcome.ALREADY_INVITED and again.invitation == first.invitation
    assert Invitation.objects.count() == 1 and Message.objects.count() == 2


def test_the_person_the_registry_names_is_not_invited_once_they_have_an_account(
    organizer, event, arabic_coop
):
    UserFactory(role=Role.EXHIBITOR, organization=arabic_coop, phone="+212612345678")

    result = services.invite(actor=organizer, event=event, organization=arabic_coop)

    assert result.outcome == Outcome.HAS_ACCOUNT
    assert not Invitation.objects.exists() and not Message.objects.exists()


def test_another_member_having_signed_up_does_not_stop_the_invitation(
    organizer, event, arabic_coop
):
    """A member signed up with her own phone; the president, whose phone the registry has,
    is invited to open her own account of the cooperative."""
    UserFactory(role=Role.EXHIBITOR, organization=arabic_coop, phone="+212677889900")

    result = services.invite(actor=organizer, event=event, organization=arabic_coop, base_url=BASE)

    assert result.outcome == Outcome.INVITED


def test_an_organization_without_phone_or_email_cannot_be_invited(organizer, event, call):
    silent = OrganizationFactory(phone="", email="")
    ApplicationFactory(call=call, organization=silent, status=ApplicationStatus.ACCEPTED)

    result = services.invite(actor=organizer, event=event, organization=silent)

    assert result.outcome == Outcome.UNREACHABLE and not Invitation.objects.exists()


def test_only_an_organization_of_the_events_call_is_invited(organizer, event):
    stranger = OrganizationFactory(phone="0612345678")

    with pytest.raises(ValidationError):
        services.invite(actor=organizer, event=event, organization=stranger)
    assert not Invitation.objects.exists()


def test_only_the_events_managers_invite(event, arabic_coop):
    other_organizer = UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())

    with pytest.raises(PermissionDenied):
        services.invite(actor=other_organizer, event=event, organization=arabic_coop)
    assert not Invitation.objects.exists()


def test_inviting_all_reaches_the_accepted_and_confirmed_only_and_never_twice(
    organizer, event, call, arabic_coop, french_coop
):
    for status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.WITHDRAWN,
    ):
        ApplicationFactory(
            call=call,
            organization=OrganizationFactory(phone="0611111111"),
            status=status,
            offer_expires_at=timezone.now() if status == ApplicationStatus.OFFERED else None,
        )

    results = services.invite_accepted(actor=organizer, event=event, base_url=BASE)

    assert {(r.organization, r.outcome) for r in results} == {
        (arabic_coop, Outcome.INVITED),
        (french_coop, Outcome.INVITED),
    }
    assert set(Invitation.objects.values_list("organization", flat=True)) == {
        arabic_coop.pk,
        french_coop.pk,
    }
    assert Message.objects.count() == 4

    again = services.invite_accepted(actor=organizer, event=event, base_url=BASE)

    assert {r.outcome for r in again} == {Outcome.ALREADY_INVITED}
    assert Invitation.objects.count() == 2 and Message.objects.count() == 4


def test_sending_again_gives_a_new_link_and_a_new_message(organizer, event, arabic_coop):
    invitation = services.invite(
        actor=organizer, event=event, organization=arabic_coop, base_url=BASE
    ).invitation
    old_token = _token(Message.objects.get(channel="sms"))
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )

    services.resend(actor=organizer, invitation=invitation, base_url=BASE)

    invitation.refresh_from_db()
    assert invitation.sent_count == 2
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13)
    sms = Message.objects.filter(channel="sms").order_by("pk")
    assert sms.count() == 2 and Message.objects.count() == 4
    new_token = _token(sms.last())
    assert new_token != old_token and invitation.token_hash == hash_token(new_token)
    assert sms.last().batch == f"invitation:{invitation.pk}:2"
    assert AuditEntry.objects.filter(action="invitations.invitation.resent").count() == 1


def test_an_expired_invitation_is_sent_again_when_the_organization_is_invited(
    organizer, event, arabic_coop
):
    first = services.invite(actor=organizer, event=event, organization=arabic_coop).invitation
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now())

    result = services.invite(actor=organizer, event=event, organization=arabic_coop)

    assert result.outcome == Outcome.RESENT and result.invitation.pk == first.pk
    assert result.invitation.sent_count == 2 and Message.objects.count() == 4


def test_a_cancelled_invitation_cannot_be_sent_again_but_the_organization_can_be_invited(
    organizer, event, arabic_coop
):
    invitation = services.invite(actor=organizer, event=event, organization=arabic_coop).invitation

    services.cancel(actor=organizer, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    with pytest.raises(ValidationError):
        services.resend(actor=organizer, invitation=invitation)
    with pytest.raises(ValidationError):
        services.cancel(actor=organizer, invitation=invitation)
    again = services.invite(actor=organizer, event=event, organization=arabic_coop)
    assert again.outcome == Outcome.INVITED and again.invitation.pk != invitation.pk


def test_the_database_keeps_one_open_invitation_per_organization_and_event(
    organizer, event, arabic_coop
):
    from django.db import IntegrityError, transaction

    services.invite(actor=organizer, event=event, organization=arabic_coop)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            event=event,
            organization=arabic_coop,
            email="x@example.ma",
            language="ar",
            token_hash="0" * 64,
            expires_at=timezone.now(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            event=event,
            organization=OrganizationFactory(),
            language="ar",
            token_hash="1" * 64,
            expires_at=timezone.now(),
        )


def test_the_worker_delivers_the_invitation_after_commit(
    organizer, event, arabic_coop, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        services.invite(actor=organizer, event=event, organization=arabic_coop, base_url=BASE)

    [email] = mail.outbox
    assert email.to == ["amal@example.ma"] and LINK.search(email.body)
    assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
