"""Participants and meeting requests: who may join and ask, sides, duplicates, deadline,
suggestions ranked by shared sectors and matching offer and demand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.b2b.models import MeetingRequest, Participant
from tadamon.b2b.selectors import matching
from tadamon.b2b.services import participants, requests, setup
from tests.b2b import support
from tests.factories import OrganizationFactory, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return support.future_event(organizer_body)


def test_buyers_are_companies_registered_by_the_organizers(event, organizer, exhibitor):
    company = OrganizationFactory(kind=support.kind("company"))
    with pytest.raises(PermissionDenied):
        participants.join(event=event, organization=company, side="buyer", actor=exhibitor)
    cooperative = OrganizationFactory()
    with pytest.raises(ValidationError) as refused:
        participants.join(event=event, organization=cooperative, side="buyer", actor=organizer)
    assert "organization" in refused.value.message_dict
    buyer, created = participants.join(
        event=event, organization=company, side="buyer", actor=organizer, seeks="زيت الأركان"
    )
    assert created and buyer.side == Participant.Side.BUYER


def test_exhibitors_opt_in_for_themselves_only(event, exhibitor, other_org):
    from tadamon.events.models import Participation

    with pytest.raises(ValidationError):  # not an exhibitor of this event yet
        participants.join(
            event=event, organization=exhibitor.organization, side="exhibitor", actor=exhibitor
        )
    Participation.objects.create(
        event=event, organization=exhibitor.organization, status="confirmed"
    )
    Participation.objects.create(event=event, organization=other_org, status="confirmed")
    with pytest.raises(PermissionDenied):
        participants.join(event=event, organization=other_org, side="exhibitor", actor=exhibitor)
    participant, created = participants.join(
        event=event, organization=exhibitor.organization, side="exhibitor", actor=exhibitor
    )
    assert created


def test_requests_go_between_sides_once_and_close_at_the_deadline(event, organizer):
    buyer, other_buyer = support.buyer(event), support.buyer(event)
    seller = support.exhibitor(event)
    buyer_user = support.user_of(buyer, "buyer")
    seller_user = support.user_of(seller, "seller")
    with pytest.raises(ValidationError) as same_side:
        requests.request_meeting(requester=buyer, recipient=other_buyer, actor=buyer_user)
    assert "recipient" in same_side.value.message_dict
    with pytest.raises(PermissionDenied):  # a buyer acts only as itself
        requests.request_meeting(requester=other_buyer, recipient=seller, actor=buyer_user)

    made = requests.request_meeting(
        requester=buyer, recipient=seller, actor=buyer_user, priority=3, message="Argan oil"
    )
    with pytest.raises(ValidationError):  # the same pair, from the other side
        requests.request_meeting(requester=seller, recipient=buyer, actor=seller_user)
    with pytest.raises(PermissionDenied):  # only the recipient answers
        requests.answer(request=made, accept=True, actor=buyer_user)
    answered = requests.answer(request=made, accept=True, actor=seller_user, priority=3)
    assert answered.status == MeetingRequest.Status.ACCEPTED and answered.weight == 6
    with pytest.raises(ValidationError):
        requests.answer(request=made, accept=False, actor=seller_user)

    setup.configure(
        event=event,
        actor=organizer,
        tables=5,
        requests_close_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    event.refresh_from_db()
    late = support.exhibitor(event)
    with pytest.raises(ValidationError) as closed:
        requests.request_meeting(requester=buyer, recipient=late, actor=buyer_user)
    assert closed.value.code == "closed"


def test_suggestions_rank_shared_sectors_and_matching_offers(event):
    buyer = support.buyer(event)
    buyer.seeks = "زيت الأركان الطبيعي للتجميل"
    buyer.save()
    buyer.sectors.set([sector("argan")])
    argan = support.exhibitor(event, name_fr="Argan Coop")
    argan.offers = "زيت أركان طبيعي للتجميل والطبخ"
    argan.save()
    argan.sectors.set([sector("argan")])
    weaver = support.exhibitor(event, name_fr="Weavers")
    weaver.offers = "زرابي تقليدية"
    weaver.save()
    found = matching.suggestions(buyer)
    assert [s.participant for s in found][:1] == [argan]
    assert weaver not in [s.participant for s in found]
    assert found[0].shared_sectors and found[0].text_match >= 50
    requests.request_meeting(requester=buyer, recipient=argan, actor=support.user_of(buyer, "b"))
    assert argan not in [s.participant for s in matching.suggestions(buyer)]
