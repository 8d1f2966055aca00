"""Set-up of the B2B tests: an event in the future with exhibitors, buyers and sessions."""

import datetime
import random

from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.b2b.models import MeetingRequest, Participant
from tadamon.b2b.services import setup
from tadamon.events.models import Participation
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind, sector


def future_event(organizer_body, *, days: int = 2):
    start = timezone.localdate() + datetime.timedelta(days=30)
    return EventFactory(
        organizer=organizer_body,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
    )


def sessions(event, organizer, *, days: int = 2, slots: int = 12, minutes: int = 20):
    """`days` sessions of `slots` back-to-back slots from 9:00."""
    start = datetime.time(9, 0)
    end = (
        datetime.datetime.combine(event.start_date, start)
        + datetime.timedelta(minutes=slots * minutes)
    ).time()
    return [
        setup.add_session(
            event=event,
            actor=organizer,
            label=f"Day {day + 1}",
            date=event.start_date + datetime.timedelta(days=day),
            starts_at=start,
            ends_at=end,
            slot_minutes=minutes,
        )
        for day in range(days)
    ]


def exhibitor(event, **fields) -> Participant:
    organization = OrganizationFactory(**fields)
    Participation.objects.create(
        event=event, organization=organization, status=Participation.Status.CONFIRMED
    )
    participant = Participant.objects.create(
        event=event, organization=organization, side=Participant.Side.EXHIBITOR
    )
    return participant


def buyer(event, **fields) -> Participant:
    organization = OrganizationFactory(kind=kind("company"), **fields)
    return Participant.objects.create(
        event=event, organization=organization, side=Participant.Side.BUYER
    )


def user_of(participant, username: str):
    return UserFactory(
        username=username, role=Role.EXHIBITOR, organization=participant.organization
    )


def accepted_requests(event, buyers, exhibitors, count: int, seed: int = 7) -> list[MeetingRequest]:
    """`count` accepted requests between distinct buyer–exhibitor pairs, seeded."""
    rng = random.Random(seed)
    pairs = set()
    while len(pairs) < count:
        pairs.add((rng.randrange(len(buyers)), rng.randrange(len(exhibitors))))
    rows = []
    for b, e in sorted(pairs):
        first, second = (
            (buyers[b], exhibitors[e]) if rng.random() < 0.5 else (exhibitors[e], buyers[b])
        )
        rows.append(
            MeetingRequest(
                event=event,
                requester=first,
                recipient=second,
                priority=rng.randint(1, 3),
                recipient_priority=rng.randint(1, 3),
                status=MeetingRequest.Status.ACCEPTED,
            )
        )
    return MeetingRequest.objects.bulk_create(rows)


__all__ = ["sector"]
