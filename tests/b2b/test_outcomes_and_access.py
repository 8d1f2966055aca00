"""Who sees what: a participant sees only its own agenda and requests; a buyer records an
outcome only for a meeting it was in, once the meeting has started. Collective meetings take
places up to their capacity and keep the seats' rule (nobody twice in a slot)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tadamon.b2b.models import B2BSession, Meeting, MeetingRequest, Outcome, Seat, Slot
from tadamon.b2b.selectors import figures
from tadamon.b2b.services import collective, outcomes
from tests.b2b import support

pytestmark = pytest.mark.django_db


def _slot(event, start: datetime.datetime) -> Slot:
    # The session spans the slot's whole day: a session of "start + 1 hour" would end before
    # it starts when the tests run after 23:00, which the database refuses.
    session = B2BSession.objects.create(
        event=event,
        label="Past",
        date=start.date(),
        starts_at=datetime.time(0, 0),
        ends_at=datetime.time(23, 59),
        slot_minutes=20,
    )
    return Slot.objects.create(
        session=session, starts_at=start, ends_at=start + datetime.timedelta(minutes=20)
    )


def _meeting(event, slot, a, b, table: int) -> Meeting:
    request = MeetingRequest.objects.create(
        event=event, requester=a, recipient=b, status=MeetingRequest.Status.ACCEPTED
    )
    meeting = Meeting.objects.create(event=event, slot=slot, table=table, request=request)
    for participant in (a, b):
        Seat.objects.create(meeting=meeting, participant=participant, slot=slot)
    return meeting


@pytest.fixture
def fair(organizer_body):
    return support.future_event(organizer_body)


@pytest.fixture
def cast(fair):
    started = timezone.now() - datetime.timedelta(minutes=30)
    slot = _slot(fair, started.replace(second=0, microsecond=0))
    buyer, other_buyer = support.buyer(fair), support.buyer(fair)
    seller, other_seller = support.exhibitor(fair), support.exhibitor(fair)
    ours = _meeting(fair, slot, buyer, seller, 1)
    theirs = _meeting(fair, slot, other_buyer, other_seller, 2)
    return {
        "buyer": buyer,
        "buyer_user": support.user_of(buyer, "buyer"),
        "seller": seller,
        "seller_user": support.user_of(seller, "seller"),
        "ours": ours,
        "theirs": theirs,
        "other_buyer": other_buyer,
    }


def test_a_buyer_records_outcomes_only_for_its_own_meetings(cast):
    with pytest.raises(PermissionDenied):
        outcomes.record_outcome(
            meeting=cast["theirs"],
            participant=cast["buyer"],
            kind="order",
            actor=cast["buyer_user"],
        )
    with pytest.raises(PermissionDenied):  # nor for the other side of its own meeting
        outcomes.record_outcome(
            meeting=cast["ours"], participant=cast["seller"], kind="order", actor=cast["buyer_user"]
        )
    outcome, created = outcomes.record_outcome(
        meeting=cast["ours"],
        participant=cast["buyer"],
        kind="order",
        amount_mad=Decimal("12000.00"),
        actor=cast["buyer_user"],
    )
    assert created and Outcome.objects.count() == 1
    _again, created = outcomes.record_outcome(
        meeting=cast["ours"], participant=cast["buyer"], kind="contract", actor=cast["buyer_user"]
    )
    assert not created and Outcome.objects.get().kind == "contract"
    cast["ours"].refresh_from_db()
    assert cast["ours"].status == Meeting.Status.HELD
    kpis = figures.kpis(cast["ours"].event)
    assert kpis["outcomes"]["contract"] == 1 and kpis["meetings_held"] == 2


def test_outcomes_wait_for_the_meeting_and_refuse_bad_values(cast, fair):
    future = _slot(fair, timezone.now() + datetime.timedelta(days=40))
    later = _meeting(fair, future, cast["buyer"], support.exhibitor(fair), 1)
    with pytest.raises(ValidationError):
        outcomes.record_outcome(
            meeting=later, participant=cast["buyer"], kind="order", actor=cast["buyer_user"]
        )
    with pytest.raises(ValidationError) as refused:
        outcomes.record_outcome(
            meeting=cast["ours"], participant=cast["buyer"], kind="gift", actor=cast["buyer_user"]
        )
    assert "kind" in refused.value.message_dict


def test_a_participant_sees_only_its_own_agenda_and_requests(client, cast, fair):
    client.force_login(cast["buyer_user"])
    page = client.get(reverse("b2b:my_b2b", args=[fair.pk]))
    assert page.status_code == 200
    agenda = page.context["agenda"]
    assert [entry.meeting for entry in agenda] == [cast["ours"]]
    received = list(page.context["requests"]["received"]) + list(page.context["requests"]["sent"])
    assert {r.pk for r in received} == {cast["ours"].request_id}
    # Another participant's agenda documents are not reachable by id.
    other = cast["other_buyer"]
    ics = client.get(reverse("b2b:agenda_ics", args=[fair.pk]) + f"?participant={other.pk}")
    assert f"b2b-meeting-{cast['theirs'].pk}-" not in ics.content.decode()
    assert f"b2b-meeting-{cast['ours'].pk}-" in ics.content.decode()
    # The organizer's pages are not theirs.
    assert client.get(reverse("b2b:home", args=[fair.pk])).status_code == 403


def test_collective_meetings_fill_up_and_keep_one_seat_per_slot(cast, fair, organizer):
    slot = cast["ours"].slot
    free_slot = _slot(fair, timezone.now() + datetime.timedelta(days=41))
    host = cast["other_buyer"]
    with pytest.raises(ValidationError):  # the host already meets someone in that slot
        collective.create_collective(
            host=host, slot=slot, actor=organizer, title="Export", capacity=2
        )
    meeting = collective.create_collective(
        host=host, slot=free_slot, actor=organizer, title="Export", capacity=2
    )
    first, second, third = (support.exhibitor(fair) for _ in range(3))
    for participant in (first, second):
        collective.register(meeting=meeting, participant=participant, actor=organizer)
    with pytest.raises(ValidationError) as full:
        collective.register(meeting=meeting, participant=third, actor=organizer)
    assert full.value.code == "full"
    with pytest.raises(ValidationError):  # a buyer does not join a buyer's collective meeting
        collective.register(meeting=meeting, participant=cast["buyer"], actor=organizer)
