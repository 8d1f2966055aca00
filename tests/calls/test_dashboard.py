import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors.dashboard import event_dashboard
from tadamon.calls.services import selection
from tadamon.events.models import Participation
from tests.calls.test_selection_support import applications, bazaar, organizations
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_decisions(organizer, organizer_body):
    """2 waves × 3 booths; 8 applicants; 50% women-led asked; one offer pending and one
    exhibitor registered directly."""
    event, waves, call = bazaar(organizer_body, booths=3, waves=2)
    orgs = organizations(8, women_led=lambda i: i % 2 == 0)
    apps = applications(call, orgs, scores=[80, 70, 60, 50, 40, 30, 20, 10])
    run = selection.run_selection(call=call, quotas={"min_share_women_led": 0.5}, actor=organizer)
    selection.publish(run=run, actor=organizer)
    for app in apps:
        app.refresh_from_db()
    # The first waitlisted has an offer pending (as after a withdrawal).
    offered = next(app for app in apps if app.status == S.WAITLISTED)
    offered.status, offered.wave = S.OFFERED, waves[0]
    offered.offer_expires_at = timezone.now() + datetime.timedelta(days=2)
    offered.save()
    Participation.objects.create(event=event, organization=OrganizationFactory(), wave=waves[1])
    return event, waves, call, apps


def test_the_figures(event_with_decisions):
    event, waves, call, apps = event_with_decisions
    board = event_dashboard(event)
    counts = {code: count for code, _label, count in board.status_counts}
    assert counts[S.ACCEPTED] == 6 and counts[S.WAITLISTED] == 1 and counts[S.OFFERED] == 1
    assert board.total == 8
    assert board.booths == 3 and board.places == 6
    # 6 accepted + 1 offered + 1 registered directly.
    assert board.held == 8 and board.free == 0
    assert [(w.name, w.places) for w in board.waves] == [("M1", 3), ("M2", 3)]
    assert sum(w.held for w in board.waves) == 8
    [quota] = board.quotas
    assert quota.name == "min_share_women_led" and quota.met and quota.count == 3
    assert len(board.waitlist) == 1 and board.waitlist[0].waitlist_rank == 2
    assert [a.status for a in board.offers] == [S.OFFERED]


def test_a_quota_not_met_shows_red(client, organizer, event_with_decisions):
    event, _waves, call, apps = event_with_decisions
    women = [a for a in apps if a.status == S.ACCEPTED and a.organization.women_led]
    for app in women[:2]:
        app.status = S.WITHDRAWN
        app.save()
    client.force_login(organizer)
    response = client.get(reverse("calls:dashboard", args=[event.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="table-danger" data-quota="min_share_women_led"' in html


def test_the_page_for_managers(client, organizer, event_with_decisions):
    event = event_with_decisions[0]
    client.force_login(organizer)
    response = client.get(reverse("calls:dashboard", args=[event.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="figure-applications">8<' in html
    assert 'data-status="accepted"' in html
    assert "table-success" in html
    assert reverse("calls:selection", args=[event.pk]) in html


def test_others_get_403_or_404(client, exhibitor, event_with_decisions):
    event = event_with_decisions[0]
    url = reverse("calls:dashboard", args=[event.pk])
    client.force_login(exhibitor)
    assert client.get(url).status_code == 403  # the event is published: visible
    other_body = OrganizationFactory(kind=kind("public_institution"))
    stranger = UserFactory(role=Role.ORGANIZER, organization=other_body)
    hidden = EventFactory(is_published=False)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.get(reverse("calls:dashboard", args=[hidden.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_an_event_without_call(client, organizer, organizer_body):
    event = EventFactory(organizer=organizer_body)
    client.force_login(organizer)
    response = client.get(reverse("calls:dashboard", args=[event.pk]))
    assert response.status_code == 200
    assert event_dashboard(event).call is None


def test_an_event_without_booths_shows_no_count_of_places(client, organizer, organizer_body):
    """Issue 17, item 9: "165 of 0 taken" for an event with no booths; a figure that does not
    apply is not shown."""
    event = EventFactory(organizer=organizer_body)
    for _ in range(3):
        Participation.objects.create(event=event, organization=OrganizationFactory())
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("calls:dashboard", args=[event.pk])).content.decode()
    assert 'id="figure-free">—<' in html
    assert " of 0 taken" not in html
    assert "No booths yet" in html
