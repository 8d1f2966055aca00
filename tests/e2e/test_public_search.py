"""A visitor on a phone searches "تعاونيه" (as people type "تعاونية"), opens a cooperative's
page, and the browser asks nothing of any host but the server."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import OrganizationFactory, ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_phone_search_finds_the_cooperative_and_stays_local(live_server, new_page):
    cooperative = OrganizationFactory(
        name_ar="تعاونية الدرازة للنسيج",
        name_fr="Coopérative Derraza",
        description_ar="نسيج تقليدي من وزان",
        public_profile=True,
    )
    ProductFactory(organization=cooperative, name_ar="زربية الدرازة", name_fr="Tapis Derraza")
    OrganizationFactory(name_ar="تعاونية سرية", public_profile=False)
    page = new_page(width=360, height=740)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))

    page.goto(live_server.url + reverse("public:home"))
    page.fill("#home-q", "تعاونيه")
    page.locator("#home-search button[type=submit]").click()
    page.wait_for_load_state()
    results = page.locator("#results")
    expect(results).to_contain_text("تعاونية الدرازة للنسيج")
    expect(results).not_to_contain_text("تعاونية سرية")
    results.get_by_role("link", name="تعاونية الدرازة للنسيج").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("تعاونية الدرازة للنسيج")
    expect(page.locator("#products-title")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert hosts == {urlparse(live_server.url).netloc}, hosts
