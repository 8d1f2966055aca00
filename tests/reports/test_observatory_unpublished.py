"""An unpublished event (an organizer's test, a fair in preparation) counts in the observatory
only for those who manage it and for administrators: observers and other organizers read
national figures made of published events, which change when the event is published
(issue 15)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.events.models import Participation
from tadamon.reports import observatory
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind
from tests.reports.generated import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_organizer(db):
    body = OrganizationFactory(kind=kind("public_institution"))
    return UserFactory(username="other-organizer", role=Role.ORGANIZER, organization=body)


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", role=Role.ADMIN)


@pytest.fixture
def test_fair(organizer_body):
    """A published fair, then the organizer's unpublished test event with exhibitors."""
    generate(organizer_body, seed=21, exhibitors=3, days=2, sessions=0)
    made = generate(organizer_body, seed=22, exhibitors=4, days=2, sessions=1)
    made.event.is_published = False
    made.event.save()
    Participation.objects.create(
        event=made.event, organization=OrganizationFactory(), status="confirmed"
    )
    return made.event


def _totals(user) -> dict:
    return observatory.observatory(user, observatory.Filters())["totals"]


def test_observers_and_other_organizers_do_not_count_an_unpublished_event(
    test_fair, observer, other_organizer, organizer, admin
):
    for reader in (observer, other_organizer):
        assert _totals(reader)["events"] == 1, reader.username
    for manager in (organizer, admin):
        assert _totals(manager)["events"] == 2, manager.username


def test_the_national_totals_change_when_the_event_is_published_not_before(
    test_fair, observer, organizer, api_for
):
    before = api_for(observer).get("/api/v1/observatory").json()["totals"]
    Participation.objects.create(
        event=test_fair, organization=OrganizationFactory(), status="confirmed"
    )
    assert api_for(observer).get("/api/v1/observatory").json()["totals"] == before
    managed = _totals(organizer)
    assert managed["exhibitors"] > before["exhibitors"]

    test_fair.is_published = True
    test_fair.save()
    after = api_for(observer).get("/api/v1/observatory").json()["totals"]
    assert after["events"] == before["events"] + 1
    assert after == managed


def test_the_observatory_page_offers_only_the_years_it_counts(test_fair, observer):
    test_fair.start_date = test_fair.start_date.replace(year=2019)
    test_fair.end_date = test_fair.end_date.replace(year=2019)
    test_fair.save()
    client = Client()
    client.force_login(observer)
    page = client.get(reverse("reports:observatory"))
    assert page.status_code == 200
    years = [value for value, _label in page.context["form"].fields["year"].choices]
    assert 2019 not in years and 2025 in years
    assert page.context["figures"]["totals"]["events"] == 1


def test_the_observers_queries_do_not_grow_with_the_data(organizer_body, observer):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            observatory.observatory(observer, observatory.Filters())
        return len(captured)

    EventFactory(organizer=organizer_body, is_published=False)
    few = count()
    for seed in range(30, 33):
        generate(organizer_body, seed=seed, exhibitors=5, days=2, sessions=1)
    assert count() == few
