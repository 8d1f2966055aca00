"""The B2B pages ask the database a fixed number of questions, however many collective
meetings there are (issue 18, item 6: the organizer's page asked one per meeting)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tadamon.b2b.services import collective
from tests.b2b import support
from tests.b2b.test_outcomes_and_access import _slot

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)  # the first request of a session also reads the session and the user
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_organizer_page_costs_the_same_with_one_or_five_collective_meetings(
    client, organizer, organizer_body
):
    fair = support.future_event(organizer_body)
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    url = reverse("b2b:home", args=[fair.pk])
    counts = []
    for number in range(5):
        start = timezone.now() + datetime.timedelta(days=40 + number)
        meeting = collective.create_collective(
            host=support.buyer(fair),
            slot=_slot(fair, start.replace(second=0, microsecond=0)),
            actor=organizer,
            title=f"Export {number}",
            capacity=3,
        )
        collective.register(meeting=meeting, participant=support.exhibitor(fair), actor=organizer)
        if number in (0, 4):
            counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts
    page = client.get(url).content.decode()
    assert page.count("1 of 3 places") == 5
