"""An organizer's path through the registry in a real browser, in Arabic and French."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.registry.models import OrganizationKind, Province, Region, Sector
from tests.factories import OrganizationFactory

# The reference data comes from a data migration: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


def html_lang_dir(page: Page) -> tuple[str, str]:
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return lang, direction


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + reverse("registry:organization_list"))


def switch_language(page: Page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)


@pytest.fixture
def organizer_account(db) -> User:
    return User.objects.create_user(
        username="souad", password=PASSWORD, role=Role.ORGANIZER, first_name="Souad"
    )


def test_organizer_creates_an_organization_and_finds_it_without_hamza(
    live_server, new_page, organizer_account
):
    OrganizationFactory(name_ar="تعاونية النور للعسل", name_fr="Coopérative Nour")
    page = new_page()
    base = live_server.url

    page.goto(base + "/")
    assert html_lang_dir(page) == ("ar", "rtl")
    log_in(page, base, "souad")
    assert html_lang_dir(page) == ("ar", "rtl")

    switch_language(page, "fr")
    assert html_lang_dir(page) == ("fr", "ltr")
    assert page.url.endswith(reverse("registry:organization_list"))
    switch_language(page, "ar")
    assert html_lang_dir(page) == ("ar", "rtl")

    page.locator(f"a[href='{reverse('registry:organization_create')}']").click()
    page.fill("#id_name_ar", "تعاونية الأمل للنسيج")
    page.fill("#id_name_fr", "Coopérative Al Amal")
    page.select_option("#id_kind", str(OrganizationKind.objects.get(code="cooperative").pk))
    page.fill("#id_founded_year", "2012")
    # Choosing the region reloads the province list (htmx) with that region's provinces only.
    azilal = Province.objects.get(code="05.02")
    tetouan = Province.objects.get(code="01.03")
    page.select_option("#id_region", str(Region.objects.get(code="05").pk))
    expect(page.locator(f"#id_province option[value='{tetouan.pk}']")).to_have_count(0)
    page.select_option("#id_province", str(azilal.pk))
    expect(page.locator("#commune-options option[value='تبانت']")).to_have_count(1)
    page.fill("#id_commune_name", "تبانت")
    page.select_option("#id_primary_sector", str(Sector.objects.get(code="weaving").pk))
    page.fill("#id_members", "20")
    page.fill("#id_women_members", "18")
    page.check("#id_women_led")
    page.locator("#organization-form button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("تعاونية الأمل للنسيج")
    expect(page.locator("main")).to_contain_text("تبانت")

    page.goto(base + reverse("registry:organization_list"))
    page.locator("#id_q").press_sequentially("الامل", delay=60)  # typed without hamza
    results = page.locator("#results")
    expect(results).to_contain_text("تعاونية الأمل للنسيج")
    expect(results).not_to_contain_text("تعاونية النور للعسل")
    assert "q=" in page.url  # htmx pushed the search into the address, nothing was submitted


def test_pages_fit_a_360_pixel_phone(live_server, new_page, organizer_account):
    for number in range(30):
        OrganizationFactory(
            name_ar=f"التعاونية الفلاحية النسوية للمنتجات المجالية والنباتات العطرية {number}",
            name_fr=f"Coopérative agricole féminine des produits du terroir {number}",
            women_led=number % 2 == 0,
        )
    page = new_page(width=360, height=740)
    base = live_server.url
    log_in(page, base, "souad")
    for path in (
        reverse("registry:organization_list"),
        reverse("registry:organization_create"),
        reverse("public:home"),
    ):
        page.goto(base + path)
        assert html_lang_dir(page) == ("ar", "rtl")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
