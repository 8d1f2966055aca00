"""The organizer's invitation pages (issue 19): who has joined, with each invitation's status
from the outbox, filtered; invite one or all accepted; send again; cancel after a
confirmation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.invitations import services
from tadamon.invitations.models import Invitation
from tadamon.messaging.models import Message
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, organizer):
    client.cookies["django_language"] = "fr"
    client.force_login(organizer)
    return client


def _list(client, event, **query):
    return client.get(reverse("invitations:event_invitations", args=[event.pk]), query)


def test_the_page_shows_who_has_joined_with_each_status(
    manager_client, organizer, event, call, arabic_coop, french_coop
):
    from tadamon.calls.models import ApplicationStatus
    from tests.factories import ApplicationFactory

    joined, delivered, expired = arabic_coop, french_coop, OrganizationFactory(email="e@x.ma")
    cancelled = OrganizationFactory(name_fr="Coop Annulée", email="c@x.ma")
    failed = OrganizationFactory(name_fr="Coop Injoignable", email="f@x.ma")
    for organization in (expired, cancelled, failed):
        ApplicationFactory(call=call, organization=organization, status=ApplicationStatus.ACCEPTED)
    results = {
        r.organization: r.invitation for r in services.invite_accepted(actor=organizer, event=event)
    }
    account = UserFactory(
        role=Role.EXHIBITOR, organization=joined, first_name="Fatima", last_name="Zahra"
    )
    Invitation.objects.filter(pk=results[joined].pk).update(
        accepted_at=timezone.now(), accepted_by=account
    )
    Message.objects.filter(batch=results[delivered].batch, channel="sms").update(
        status="sent", sent_at=timezone.now()
    )
    Message.objects.filter(batch=results[failed].batch).update(status="failed", error="550")
    Invitation.objects.filter(pk=results[expired].pk).update(expires_at=timezone.now())
    services.cancel(actor=organizer, invitation=results[cancelled])

    response = _list(manager_client, event)

    assert response.status_code == 200
    states = {i.organization: i.state for i in response.context["page"].object_list}
    assert states == {
        joined: "joined",
        delivered: "delivered",
        expired: "expired",
        cancelled: "cancelled",
        failed: "failed",
    }
    page = response.content.decode()
    assert "Fatima Zahra" in page and "Renvoyer" in page
    counts = {status: count for status, _label, count in response.context["counts"]}
    assert counts == {
        "sent": 0,
        "delivered": 1,
        "failed": 1,
        "joined": 1,
        "expired": 1,
        "cancelled": 1,
    }
    only_failed = _list(manager_client, event, status="failed").context["page"].object_list
    assert [i.organization for i in only_failed] == [failed]
    searched = _list(manager_client, event, q="Annulée").context["page"].object_list
    assert [i.organization for i in searched] == [cancelled]


def test_a_new_sending_is_sent_until_its_own_messages_are_delivered(
    manager_client, organizer, event, arabic_coop
):
    invitation = services.invite(actor=organizer, event=event, organization=arabic_coop).invitation
    Message.objects.update(status="sent", sent_at=timezone.now())
    services.resend(actor=organizer, invitation=invitation)

    [row] = _list(manager_client, event).context["page"].object_list

    assert row.state == "sent" and row.sent_count == 2


def test_inviting_one_from_the_page(manager_client, event, arabic_coop):
    url = reverse("invitations:invite", args=[event.pk])

    response = manager_client.post(url, {"organization": arabic_coop.pk}, follow=True)

    assert Invitation.objects.get().organization == arabic_coop
    assert "est invitée" in response.content.decode() or "invité" in response.content.decode()
    again = manager_client.post(url, {"organization": arabic_coop.pk}, follow=True)
    assert Invitation.objects.count() == 1 and "déjà invit" in again.content.decode()


def test_inviting_all_asks_first_then_says_how_many(
    manager_client, event, arabic_coop, french_coop
):
    url = reverse("invitations:invite_accepted", args=[event.pk])

    asked = manager_client.get(url)

    assert asked.status_code == 200 and asked.context["accepted_count"] == 2
    assert not Invitation.objects.exists()
    done = manager_client.post(url, follow=True)
    assert Invitation.objects.count() == 2
    assert "2 organisations invitées" in done.content.decode()
    again = manager_client.post(url, follow=True)
    assert Invitation.objects.count() == 2 and Message.objects.count() == 4
    assert "0 organisation invitée" in again.content.decode()


def test_sending_again_and_cancelling_from_the_page(manager_client, organizer, event, arabic_coop):
    invitation = services.invite(actor=organizer, event=event, organization=arabic_coop).invitation

    manager_client.post(reverse("invitations:resend", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.sent_count == 2

    cancel_url = reverse("invitations:cancel", args=[invitation.pk])
    confirm = manager_client.get(cancel_url)
    assert confirm.status_code == 200 and "Oui, annuler l’invitation" in confirm.content.decode()
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None
    manager_client.post(cancel_url)
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    refused = manager_client.post(reverse("invitations:resend", args=[invitation.pk]), follow=True)
    invitation.refresh_from_db()
    assert invitation.sent_count == 2 and "alert-danger" in refused.content.decode()


def test_another_organizer_is_refused(client, event, arabic_coop, organizer):
    invitation = services.invite(actor=organizer, event=event, organization=arabic_coop).invitation
    client.force_login(UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory()))

    assert _list(client, event).status_code == 403
    assert client.post(reverse("invitations:resend", args=[invitation.pk])).status_code == 403
    assert client.post(reverse("invitations:cancel", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.sent_count == 1 and invitation.cancelled_at is None


def test_an_application_offers_its_organizations_invitation(manager_client, event, arabic_coop):
    application = arabic_coop.applications.get()

    page = manager_client.get(reverse("calls:application_detail", args=[application.pk]))

    invite_url = reverse("invitations:invite", args=[event.pk])
    assert f'action="{invite_url}"' in page.content.decode()
    assert f'name="organization" value="{arabic_coop.pk}"' in page.content.decode()
    manager_client.post(invite_url, {"organization": arabic_coop.pk})
    assert Invitation.objects.get().organization == arabic_coop
