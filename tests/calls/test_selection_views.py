import pytest
from django.urls import reverse
from django.utils import translation

from tadamon.calls.forms.selection import QuotaForm
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.models import SelectionRun
from tests.calls.test_selection_support import applications, bazaar, organizations
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, organizer, organizer_body):
    """No waves, 3 places, 5 applicants scoring 90..50; only the last two are women-led."""
    event, _waves, call = bazaar(organizer_body, booths=3, waves=0)
    apps = applications(
        call, organizations(5, women_led=lambda i: i >= 3), scores=[90, 80, 70, 60, 50]
    )
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    return event, call, apps


def run_url(event, run, name="selection_run"):
    return reverse(f"calls:{name}", args=[event.pk, run.pk])


def test_the_quota_form_runs_a_selection_and_shows_the_proposal(client, setup):
    event, call, apps = setup
    response = client.post(
        reverse("calls:selection", args=[event.pk]), {"min_share_women_led": "33"}
    )
    run = SelectionRun.objects.get()
    assert response.status_code == 302 and response.url == run_url(event, run)
    assert run.quotas == {"min_share_women_led": 0.33}
    page = client.get(run_url(event, run)).content.decode()
    assert f'data-application="{apps[3].pk}"' in page
    with translation.override("en"):
        assert "selected to meet the quota" in page
        assert "left out because of the quota" in page
    assert 'id="quota-cost">10<' in page
    # The form remembers the last quotas.
    form_page = client.get(reverse("calls:selection", args=[event.pk])).content.decode()
    assert 'value="33"' in form_page


def test_region_and_sector_quotas_from_the_tables(client, setup):
    event, _call, _apps = setup
    client.post(
        reverse("calls:selection", args=[event.pk]),
        {"region_min_01": "1", "region_max_02": "0", "sector_max_textile": "2"},
    )
    run = SelectionRun.objects.get()
    assert run.quotas == {
        "min_per_region": {"01": 1},
        "max_per_region": {"02": 0},
        "max_per_sector": {"textile": 2},
    }


def test_infeasible_quotas_show_the_conflicts(client, setup):
    event, _call, _apps = setup
    response = client.post(
        reverse("calls:selection", args=[event.pk]),
        {"min_share_women_led": "90", "region_min_01": "1"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="conflicts"' in page
    assert "(01)" in page


def test_a_share_above_100_is_shown_next_to_its_field(client, setup):
    event, _call, _apps = setup
    response = client.post(
        reverse("calls:selection", args=[event.pk]), {"min_share_youth_led": "150"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["min_share_youth_led"]
    assert not SelectionRun.objects.exists()


def test_adjust_then_publish_with_a_confirmation(client, setup):
    event, _call, apps = setup
    client.post(reverse("calls:selection", args=[event.pk]), {"min_share_women_led": "33"})
    run = SelectionRun.objects.get()
    response = client.post(
        run_url(event, run, "selection_adjust"),
        {"include": [apps[2].pk], "exclude": [apps[3].pk]},
        follow=True,
    )
    assert "breaks these quotas" in response.content.decode()
    confirm_page = client.get(run_url(event, run, "selection_publish"))
    assert confirm_page.status_code == 200
    assert "confirm_broken_quotas" in confirm_page.content.decode()
    refused = client.post(run_url(event, run, "selection_publish"), {})
    assert refused.status_code == 200
    assert refused.context["form"].errors["confirm_broken_quotas"]
    published = client.post(
        run_url(event, run, "selection_publish"), {"confirm_broken_quotas": "on"}
    )
    assert published.status_code == 302
    assert published.url == reverse("calls:dashboard", args=[event.pk])
    for app in apps:
        app.refresh_from_db()
    assert [a.status for a in apps] == [
        S.ACCEPTED,
        S.ACCEPTED,
        S.ACCEPTED,
        S.REJECTED,
        S.WAITLISTED,
    ]


def test_the_selection_pages_are_for_managers_only(client, setup, exhibitor):
    event, _call, _apps = setup
    client.post(reverse("calls:selection", args=[event.pk]), {})
    run = SelectionRun.objects.get()
    client.force_login(exhibitor)
    for url in (
        reverse("calls:selection", args=[event.pk]),
        run_url(event, run),
        run_url(event, run, "selection_publish"),
    ):
        assert client.get(url).status_code == 403
    assert client.post(run_url(event, run, "selection_publish"), {}).status_code == 403
    hidden = EventFactory(is_published=False)
    assert client.get(reverse("calls:selection", args=[hidden.pk])).status_code == 404


def test_an_event_without_call_has_no_selection(client, organizer, organizer_body):
    event = EventFactory(organizer=organizer_body)
    client.force_login(organizer)
    assert client.get(reverse("calls:selection", args=[event.pk])).status_code == 404


def test_a_run_of_another_event_is_not_found(client, setup, organizer_body):
    event, _call, _apps = setup
    client.post(reverse("calls:selection", args=[event.pk]), {})
    run = SelectionRun.objects.get()
    other, _waves, _call2 = bazaar(organizer_body, booths=1, waves=0)
    assert client.get(run_url(other, run)).status_code == 404


def test_shares_come_back_to_the_form_in_plain_percent():
    initial = QuotaForm.initial_from({"min_share_women_led": 0.5, "min_share_youth_led": 0.125})
    assert initial == {"min_share_women_led": "50", "min_share_youth_led": "12.5"}


def test_a_first_time_share_nobody_meets_is_a_conflict_shown_with_the_relaxed_selection(
    client, organizer, organizer_body
):
    # Issue 15: 2 places, "first-time participants at least 50%", no first-time applicant.
    event, _waves, call = bazaar(organizer_body, booths=2, waves=0)
    apps = applications(call, organizations(3, women_led=lambda i: False), scores=[90, 80, 70])
    call.applications.update(first_participation=False)
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("calls:selection", args=[event.pk]), {"min_share_first_time": "50"}, follow=True
    )
    run = SelectionRun.objects.get()
    assert run.result["status"] == "INFEASIBLE"
    assert run.result["relaxed"] == ["min_share_first_time"]
    page = response.content.decode()
    assert 'id="conflicts"' in page
    assert (
        "No applicant who can be placed counts towards “minimum share of first-time "
        "participants” (50%)"
    ) in page
    assert 'id="relaxed"' in page and "the best selection with these quotas relaxed" in page
    # The best selection without that quota is shown, but not for publication as it stands.
    assert f'data-application="{apps[0].pk}"' in page
    assert f'data-application="{apps[1].pk}"' in page
    assert reverse("calls:selection_publish", args=[event.pk, run.pk]) not in page
