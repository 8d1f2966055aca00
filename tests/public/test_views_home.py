"""The public home page: in Arabic by default, figures computed from the database."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, ProductFactory, region

pytestmark = pytest.mark.django_db

HOME = reverse("public:home")


def figure(body: str, name: str) -> int:
    match = re.search(rf'id="figure-{name}">(\d+)<', body)
    assert match, name
    return int(match.group(1))


def test_home_is_arabic_and_right_to_left_by_default(client):
    body = client.get(HOME).content.decode()
    assert '<html lang="ar" dir="rtl"' in body
    assert "bootstrap.rtl.min.css" in body


def test_home_turns_french_after_choosing_it_in_the_switcher(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": HOME})
    assert response.status_code == 302
    body = client.get(HOME).content.decode()
    assert '<html lang="fr" dir="ltr"' in body
    assert "bootstrap.min.css" in body


def test_home_shows_figures_counted_in_the_database(client):
    a = OrganizationFactory(region=region("01"), women_led=True)
    OrganizationFactory(region=region("01"), women_led=False)
    b = OrganizationFactory(region=region("05"), province=None, women_led=True)
    ProductFactory(organization=a)
    ProductFactory(organization=b)
    ProductFactory(organization=b)
    body = client.get(HOME).content.decode()
    assert figure(body, "organizations") == 3
    assert figure(body, "regions") == 2
    assert figure(body, "women-led") == 2
    assert figure(body, "products") == 3


def test_home_breaks_the_registry_down_by_region(client):
    OrganizationFactory.create_batch(2, region=region("01"))
    OrganizationFactory(region=region("05"), province=None)
    response = client.get(HOME)
    rows = {
        row["region"].code: row["organizations"] for row in response.context["figures"]["by_region"]
    }
    assert rows == {"01": 2, "05": 1}
    body = response.content.decode()
    table = body[body.index('id="regions-table"') :]
    assert "طنجة تطوان الحسيمة" in table
    assert "بني ملال خنيفرة" in table
    assert "الداخلة وادي الذهب" not in table  # no organization there


def test_home_offers_to_log_in(client):
    assert reverse("accounts:login") in client.get(HOME).content.decode()


def test_healthz_still_answers(client):
    assert client.get("/healthz").content == b"ok"
