"""The observatory filtered by region and year, in a browser, shows the API's totals; the
report and observatory pages fit a 360 px phone."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.accounts.tokens import issue_token
from tests.factories import OrganizationFactory, kind
from tests.reports.generated import generate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_the_filtered_observatory_shows_the_apis_totals(live_server, new_page, client):
    body = OrganizationFactory(kind=kind("public_institution"))
    User.objects.create_user(username="observer", password=PASSWORD, role=Role.OBSERVER)
    events = [
        generate(body, seed=seed, exhibitors=6, days=3, sessions=1).event for seed in (1, 2, 3)
    ]
    events[1].start_date = datetime.date(2024, 6, 1)
    events[1].end_date = datetime.date(2024, 6, 3)
    events[1].save()
    region = events[0].region.code

    page = new_page()
    log_in(page, live_server.url, "observer")
    page.goto(live_server.url + reverse("reports:observatory"))
    page.select_option("#id_region", region)
    page.select_option("#id_year", "2025")
    page.locator("#observatory-filters button[type=submit]").click()
    page.wait_for_load_state()

    token = issue_token(user=User.objects.get(username="observer"))
    api = client.get(
        f"/api/v1/observatory?region={region}&year=2025", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()["totals"]
    assert api["events"] == 2
    totals = page.locator("#observatory-totals")
    for key in ("events", "exhibitors", "organizations_reached", "beneficiaries", "b2b_meetings"):
        expect(totals.locator(f"[data-figure={key}]")).to_have_text(str(api[key]))
    expect(totals.locator("[data-figure=visitors]")).to_have_text(str(api["visitors"]))

    phone = new_page(width=360, height=740)
    log_in(phone, live_server.url, "observer")
    for path in (reverse("reports:observatory"), reverse("reports:report", args=[events[0].pk])):
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
