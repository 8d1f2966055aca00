"""The allocation pages: run, progress, the booths per wave with the floor plans, moves."""

from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from tadamon.events.models import AllocationRun, BoothAssignment
from tests.events.test_allocation_support import exhibitors, fair, organizations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, organizer, organizer_body):
    """3 waves on a 2 × 3 grid, 4 confirmed exhibitors of two sectors; signed in, English."""
    event, waves = fair(organizer_body, rows=2, columns=3, accessible=lambda r, c: c == 1)
    participations = exhibitors(event, organizations(4, sectors=("sewing", "pottery")))
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    return event, waves, participations


def page_url(event) -> str:
    return reverse("events:allocation", args=[event.pk])


def move_url(event, participation) -> str:
    return reverse("events:allocation_move", args=[event.pk, participation.pk])


def test_the_page_before_any_run_shows_the_form_and_an_empty_plan_per_wave(client, setup):
    event, waves, _participations = setup
    response = client.get(page_url(event))
    assert response.status_code == 200
    page = response.content.decode()
    assert "No allocation has been computed yet." in page
    assert 'id="allocation-form"' in page
    for wave in waves:
        assert f'id="wave-{wave.pk}"' in page
        assert f'id="floorplan-{wave.pk}"' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert "4 confirmed exhibitors without a booth" in page


def test_others_get_403_or_404_and_strangers_the_login_page(client, setup, observer, exhibitor):
    event, waves, participations = setup
    urls = [
        page_url(event),
        move_url(event, participations[0]),
        reverse("events:floorplan_wave", args=[event.pk, waves[0].pk]),
    ]
    client.force_login(observer)  # sees every event, manages none
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, {"method": "greedy"}).status_code in (403, 405)
    event.is_published = False
    event.save()
    client.force_login(exhibitor)  # does not even see the unpublished event
    for url in urls:
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(urls[0]).status_code == 302
    assert not AllocationRun.objects.exists()


def test_running_the_allocation_places_everyone_and_shows_the_figures(client, setup):
    event, waves, participations = setup
    response = client.post(page_url(event), {"method": "greedy", "sector_zones": ""})
    assert response.status_code == 302 and response.url == page_url(event)
    run = AllocationRun.objects.get()
    assert run.status == AllocationRun.Status.DONE, run.message
    assert BoothAssignment.objects.filter(event=event).count() == 4
    page = client.get(page_url(event)).content.decode()
    assert "Last allocation" in page and 'data-figure="placed">4 / 4<' in page
    assert "quick preview" in page
    for participation in participations:
        assert f'id="participation-{participation.pk}"' in page
        assert participation.organization.name_fr in page


def test_a_bad_sector_zone_line_is_shown_on_its_field(client, setup):
    event, _waves, _participations = setup
    response = client.post(page_url(event), {"method": "optimal", "sector_zones": "A sewing"})
    assert response.status_code == 200
    assert "Line 1: write the zone, a colon, then sector codes." in response.content.decode()
    response = client.post(page_url(event), {"method": "optimal", "sector_zones": "Q: sewing"})
    assert "The event has no zone “Q”." in response.content.decode()
    assert not AllocationRun.objects.exists()


def test_the_progress_box_polls_while_running_and_reloads_the_page_when_done(client, setup):
    event, _waves, _participations = setup
    run = AllocationRun.objects.create(
        event=event, status=AllocationRun.Status.RUNNING, progress=10, message="Computing."
    )
    url = reverse("events:allocation_progress", args=[event.pk, run.pk])
    box = client.get(url, headers={"HX-Request": "true"})
    html = box.content.decode()
    assert box.status_code == 200 and "HX-Refresh" not in box.headers
    assert f'hx-get="{url}"' in html and 'hx-trigger="every 2s"' in html
    assert 'aria-valuenow="10"' in html and "Computing." in html
    assert '<meta http-equiv="refresh" content="5">' in html  # inside <noscript>
    page = client.get(page_url(event)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    run.status = AllocationRun.Status.FAILED
    run.message = "The optimizer refused the event's data."
    run.save()
    box = client.get(url, headers={"HX-Request": "true"})
    assert box.headers["HX-Refresh"] == "true"
    assert "every 2s" not in box.content.decode()
    assert (
        "The optimizer refused the event&#x27;s data."
        in client.get(page_url(event)).content.decode()
    )
    other, _ = fair(event.organizer, rows=1, columns=1)
    stranger = AllocationRun.objects.create(event=other)
    assert (
        client.get(reverse("events:allocation_progress", args=[event.pk, stranger.pk])).status_code
        == 404
    )


def test_a_move_refused_shows_each_broken_rule_on_the_move_page(client, setup):
    event, (m1, m2, _m3), (first, second, _third, _fourth) = setup
    BoothAssignment.objects.create(
        event=event, participation=first, booth=event.booths.get(code="A01"), wave=m1
    )
    response = client.post(move_url(event, second), {"booth": "A01", "wave": m1.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Booth A01 is already taken in wave “M1” by {first.organization.name_fr}." in page
    response = client.post(move_url(event, second), {"booth": "Q99", "wave": m1.pk})
    assert "The event has no booth with the code “Q99”." in response.content.decode()
    assert not BoothAssignment.objects.filter(participation=second).exists()


def test_a_move_accepted_returns_to_the_plan_with_its_warning(client, setup):
    event, (m1, _m2, _m3), (first, _second, third, _fourth) = setup  # first, third: sewing
    BoothAssignment.objects.create(
        event=event, participation=first, booth=event.booths.get(code="A01"), wave=m1
    )
    form = client.get(move_url(event, third))
    assert form.status_code == 200 and 'list="booth-codes"' in form.content.decode()
    response = client.post(move_url(event, third), {"booth": "a02", "wave": m1.pk}, follow=True)
    assert response.redirect_chain[-1][0] == page_url(event) + f"#participation-{third.pk}"
    page = response.content.decode()
    assert f"{third.organization.name_fr} is now in booth A02." in page
    assert "Next door, booth A01 holds" in page and "of the same sector." in page
    assignment = BoothAssignment.objects.get(participation=third)
    assert (assignment.booth.code, assignment.wave) == ("A02", m1)


def test_the_svg_of_a_wave_is_served_with_a_strict_policy(client, setup):
    event, waves, _participations = setup
    response = client.get(reverse("events:floorplan_wave", args=[event.pk, waves[0].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    other, other_waves = fair(event.organizer, rows=1, columns=1)
    mixed = reverse("events:floorplan_wave", args=[event.pk, other_waves[0].pk])
    assert client.get(mixed).status_code == 404
    assert client.get(reverse("events:floorplan_all", args=[event.pk])).status_code == 404
    plain, _ = fair(event.organizer, rows=1, columns=2, waves=0)
    response = client.get(reverse("events:floorplan_all", args=[plain.pk]))
    assert response.status_code == 200 and b'data-booth="A02"' in response.content


def test_an_event_without_waves_has_one_plan_and_no_wave_choice(client, organizer, organizer_body):
    event, _ = fair(organizer_body, rows=1, columns=2, waves=0)
    (participation,) = exhibitors(event, organizations(1))
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    page = client.get(page_url(event)).content.decode()
    assert 'id="wave-all"' in page and 'name="wave"' not in page
    response = client.post(move_url(event, participation), {"booth": "A02"})
    assert response.status_code == 302
    assignment = BoothAssignment.objects.get(participation=participation)
    assert assignment.wave is None and assignment.booth.code == "A02"


def test_the_event_page_links_managers_to_the_allocation(client, setup):
    event, _waves, _participations = setup
    detail = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f'href="{page_url(event)}"' in detail
    client.force_login(UserFactory(role="observer"))
    detail = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert page_url(event) not in detail
