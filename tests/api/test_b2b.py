"""B2B through the API: participants, requests and answers, the schedule, own meetings only,
outcomes, figures; errors name the field."""

import pytest

from tadamon.accounts.models import Role
from tadamon.b2b.models import Meeting
from tadamon.events.models import Participation
from tests.b2b import support
from tests.factories import OrganizationFactory, UserFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(organizer_body, organizer):
    event = support.future_event(organizer_body, days=1)
    support.sessions(event, organizer, days=1, slots=4)
    return event


def test_the_b2b_flow_through_the_api(
    fair, organizer, exhibitor, api_for, django_capture_on_commit_callbacks
):
    base = f"/api/v1/events/{fair.pk}/b2b"
    boss = api_for(organizer)
    company = OrganizationFactory(kind=kind("company"), name_fr="Souk Platform")
    buyer = boss.post_json(
        f"{base}/participants",
        {"organization": company.pk, "side": "buyer", "sectors": ["argan"], "seeks": "argan oil"},
    )
    assert buyer.status_code == 201, buyer.json()
    assert buyer.json()["sectors"] == ["argan"]
    bad = boss.post_json(
        f"{base}/participants", {"organization": company.pk, "side": "buyer", "sectors": ["nope"]}
    )
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "sectors"

    Participation.objects.create(
        event=fair, organization=exhibitor.organization, status="confirmed"
    )
    seller_api = api_for(exhibitor)
    seller = seller_api.post_json(
        f"{base}/participants",
        {"organization": exhibitor.organization_id, "side": "exhibitor", "offers": "argan oil"},
    )
    assert seller.status_code == 201, seller.json()
    assert len(seller_api.get(f"{base}/participants").json()) == 2

    slots = seller_api.get(f"{base}/slots").json()
    availability = f"/api/v1/b2b/participants/{seller.json()['id']}/availability"
    put = seller_api.put_json(availability, {"unavailable_slots": [slots[0]["id"]]})
    assert put.status_code == 200 and put.json() == [slots[0]["id"]]
    unknown = seller_api.put_json(availability, {"unavailable_slots": [999999]})
    assert unknown.status_code == 400
    buyer_availability = f"/api/v1/b2b/participants/{buyer.json()['id']}/availability"
    assert seller_api.put_json(buyer_availability, {"unavailable_slots": []}).status_code == 403
    asked = seller_api.post_json(
        f"{base}/requests", {"recipient": buyer.json()["id"], "priority": 3}
    )
    assert asked.status_code == 201, asked.json()
    wrong = seller_api.post_json(f"{base}/requests", {"recipient": 999999})
    assert wrong.status_code == 400 and wrong.json()["detail"][0]["field"] == "recipient"
    assert (
        seller_api.post_json(f"{base}/requests", {"recipient": 1, "priority": 9}).status_code == 422
    )
    # The seller cannot answer its own request; the organizer answers for the buyer.
    answer_url = f"/api/v1/b2b/requests/{asked.json()['id']}/answer"
    assert seller_api.post_json(answer_url, {"accept": True}).status_code == 403
    accepted = boss.post_json(answer_url, {"accept": True, "priority": 2})
    assert accepted.json()["status"] == "accepted"

    with django_capture_on_commit_callbacks(execute=True):
        run = boss.post_json(f"{base}/schedule")
    assert run.status_code == 202
    result = boss.get(f"{base}/schedule").json()
    assert result["status"] == "done"
    assert result["result"]["objective"] == 5 and result["result"]["bound"] == 5
    [meeting] = seller_api.get(f"{base}/meetings").json()
    assert meeting["table"] == 1 and len(meeting["participants"]) == 2
    assert seller_api.get(f"{base}/schedule").status_code == 403

    # Not started yet: no outcome. A stranger's meeting: 403.
    outcome_url = f"/api/v1/b2b/meetings/{meeting['id']}/outcomes"
    early = seller_api.post_json(outcome_url, {"kind": "order", "amount_mad": "1500.00"})
    assert early.status_code == 400
    assert seller_api.post_json(outcome_url, {"kind": "gift"}).status_code == 422
    figures = boss.get(f"{base}/figures").json()
    assert figures["requests_accepted"] == 1 and figures["meetings_scheduled"] == 1
    assert Meeting.objects.count() == 1


def test_a_stranger_sees_no_b2b(fair, api_for, other_org):
    stranger = UserFactory(username="stranger", role=Role.EXHIBITOR, organization=other_org)
    base = f"/api/v1/events/{fair.pk}/b2b"
    client = api_for(stranger)
    assert client.get(f"{base}/participants").status_code == 403
    assert client.get(f"{base}/requests").status_code == 403
    assert client.get(f"{base}/meetings").status_code == 403
    assert client.post_json(f"{base}/schedule").status_code == 403


def test_a_slot_id_beyond_the_database_integers_is_422_naming_the_field(
    fair, organizer, exhibitor, api_for
):
    # Found by schemathesis: such an id reached SQLite and answered 500 (OverflowError).
    Participation.objects.create(
        event=fair, organization=exhibitor.organization, status="confirmed"
    )
    seller = api_for(exhibitor).post_json(
        f"/api/v1/events/{fair.pk}/b2b/participants",
        {"organization": exhibitor.organization_id, "side": "exhibitor"},
    )
    url = f"/api/v1/b2b/participants/{seller.json()['id']}/availability"

    response = api_for(organizer).put_json(url, {"unavailable_slots": [2**64]})

    assert response.status_code == 422, response.content
    assert [error["field"] for error in response.json()["detail"]] == ["unavailable_slots"]
