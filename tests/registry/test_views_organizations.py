"""The organization pages: list, search, form, profile, deletion, and who may do what."""

from typing import Any

import pytest
from django.urls import reverse

from tadamon.core.models import AuditEntry
from tadamon.registry.models import Commune, Organization, Province
from tests.factories import OrganizationFactory, ProductFactory, kind, region, sector

pytestmark = pytest.mark.django_db

LIST_URL = reverse("registry:organization_list")
CREATE_URL = reverse("registry:organization_create")


def organization_form_data(**overrides: Any) -> dict[str, Any]:
    """What a person fills into the organization form, as the browser posts it."""
    data: dict[str, Any] = {
        "name_ar": "تعاونية الأمل للنسيج",
        "name_fr": "Coopérative Al Amal",
        "kind": kind("cooperative").pk,
        "registration_number": "ODCO-2012-77",
        "founded_year": "2012",
        "region": region("05").pk,
        "province": Province.objects.get(code="05.02").pk,
        "commune_name": "تبانت",
        "primary_sector": sector("weaving").pk,
        "sectors": [sector("carpets").pk, sector("weaving").pk],
        "members": "20",
        "women_members": "18",
        "women_led": "on",
        "phone": "0661234567",
        "email": "amal@example.org",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def detail_url(organization: Organization) -> str:
    return reverse("registry:organization_detail", args=[organization.pk])


def edit_url(organization: Organization) -> str:
    return reverse("registry:organization_edit", args=[organization.pk])


# --- the list -------------------------------------------------------------------------


def test_organizer_lists_every_organization_with_counts(client, organizer, other_org):
    client.force_login(organizer)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == Organization.objects.count()
    assert other_org in page.object_list
    assert detail_url(other_org) in response.content.decode()


def test_search_finds_an_arabic_name_typed_without_hamza(client, organizer):
    amal = OrganizationFactory(name_ar="تعاونية الأمل للخياطة", name_fr="")
    OrganizationFactory(name_ar="تعاونية النور", name_fr="")
    client.force_login(organizer)
    response = client.get(LIST_URL, {"q": "الامل"})
    assert list(response.context["page"].object_list) == [amal]
    assert "تعاونية النور" not in response.content.decode()


def test_htmx_search_returns_only_the_results(client, organizer):
    OrganizationFactory(name_ar="تعاونية الأمل للخياطة")
    client.force_login(organizer)
    response = client.get(LIST_URL, {"q": "امل"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="results"' in body
    assert "<html" not in body
    assert "تعاونية الأمل للخياطة" in body
    assert "HX-Request" in response["Vary"]


def test_search_box_is_wired_for_live_search_and_works_as_a_plain_form(client, organizer):
    client.force_login(organizer)
    body = client.get(LIST_URL).content.decode()
    assert 'method="get"' in body
    assert 'hx-trigger="input changed delay:400ms, search"' in body
    assert 'hx-target="#results"' in body


def test_list_filters_by_region_kind_sector_and_women_led(client, organizer):
    weavers = OrganizationFactory(
        region=region("05"), province=None, kind=kind("association"), women_led=True
    )
    weavers.sectors.set([sector("weaving")])
    OrganizationFactory(region=region("01"), women_led=False)
    client.force_login(organizer)
    for query in (
        {"region": "05"},
        {"kind": "association"},
        {"sector": "weaving"},
        {"women_led": "yes", "region": "05"},
    ):
        found = list(client.get(LIST_URL, query).context["page"].object_list)
        assert found == [weavers], query
    assert weavers not in client.get(LIST_URL, {"women_led": "no"}).context["page"].object_list


def test_list_is_paginated_by_25(client, organizer):
    OrganizationFactory.create_batch(30)
    client.force_login(organizer)
    total = Organization.objects.count()
    first = client.get(LIST_URL)
    assert len(first.context["page"].object_list) == 25
    second = client.get(LIST_URL, {"page": 2})
    assert len(second.context["page"].object_list) == total - 25
    assert "page=2" in first.content.decode()


def test_create_and_import_links_only_for_organizers(client, organizer, observer):
    import_url = reverse("registry:import")
    client.force_login(organizer)
    body = client.get(LIST_URL).content.decode()
    assert CREATE_URL in body and import_url in body
    client.force_login(observer)
    body = client.get(LIST_URL).content.decode()
    assert CREATE_URL not in body and import_url not in body


def test_exhibitor_list_shows_only_their_organization(client, exhibitor, exhibitor_org, other_org):
    client.force_login(exhibitor)
    response = client.get(LIST_URL)
    assert list(response.context["page"].object_list) == [exhibitor_org]
    assert detail_url(other_org) not in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["registry:organization_list", "registry:organization_create", "registry:my_organization"],
)
def test_anonymous_is_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- create and edit ------------------------------------------------------------------


def test_organizer_creates_an_organization(client, organizer):
    client.force_login(organizer)
    assert client.get(CREATE_URL).status_code == 200
    response = client.post(CREATE_URL, organization_form_data())
    organization = Organization.objects.get(registration_number="ODCO-2012-77")
    assert response.status_code == 302
    assert response["Location"] == detail_url(organization)
    assert organization.name_ar == "تعاونية الأمل للنسيج"
    assert organization.province.code == "05.02"
    assert organization.commune.name_fr == "Tabant"  # the typed name matched the reference list
    assert organization.primary_sector.code == "weaving"
    assert {s.code for s in organization.sectors.all()} == {"weaving", "carpets"}
    assert organization.women_led and not organization.youth_led
    assert organization.phone == "+212661234567"
    assert AuditEntry.objects.filter(action="registry.organization.created").exists()
    followed = client.get(response["Location"])
    assert "تعاونية الأمل للنسيج" in followed.content.decode()


def test_bad_data_shows_the_field_error_and_writes_nothing(client, organizer):
    client.force_login(organizer)
    before = Organization.objects.count()
    response = client.post(CREATE_URL, organization_form_data(members="5", women_members="9"))
    assert response.status_code == 200
    assert Organization.objects.count() == before
    errors = response.context["form"].errors
    assert list(errors) == ["women_members"]
    assert errors["women_members"][0] in response.content.decode()


def test_province_outside_the_region_is_refused(client, organizer):
    client.force_login(organizer)
    before = Organization.objects.count()
    tetouan = Province.objects.get(code="01.03")
    response = client.post(CREATE_URL, organization_form_data(province=tetouan.pk))
    assert Organization.objects.count() == before
    assert "province" in response.context["form"].errors


def test_form_errors_are_in_the_active_language(client, organizer):
    client.force_login(organizer)
    response = client.post(CREATE_URL, organization_form_data(kind=""))
    assert "هذا الحقل إلزامي" in response.content.decode()
    client.cookies["django_language"] = "fr"
    response = client.post(CREATE_URL, organization_form_data(kind=""))
    assert "Ce champ est obligatoire" in response.content.decode()


def test_organizer_edits_an_organization(client, organizer, other_org):
    client.force_login(organizer)
    page = client.get(edit_url(other_org))
    assert page.status_code == 200
    assert other_org.name_ar in page.content.decode()
    data = organization_form_data(
        name_ar="تعاونية الوفاء",
        region=other_org.region_id,
        province=other_org.province_id,
        commune_name="",
        registration_number="",
    )
    response = client.post(edit_url(other_org), data)
    assert response.status_code == 302
    other_org.refresh_from_db()
    assert other_org.name_ar == "تعاونية الوفاء"
    assert AuditEntry.objects.filter(
        action="registry.organization.changed", object_id=str(other_org.pk)
    ).exists()


def test_exhibitor_edits_their_own_organization(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    data = organization_form_data(
        region=exhibitor_org.region_id,
        province=exhibitor_org.province_id,
        commune_name="",
        registration_number="",
        members="30",
    )
    assert client.post(edit_url(exhibitor_org), data).status_code == 302
    exhibitor_org.refresh_from_db()
    assert exhibitor_org.members == 30


def test_exhibitor_cannot_see_or_change_another_organization(client, exhibitor, other_org):
    client.force_login(exhibitor)
    assert client.get(detail_url(other_org)).status_code == 404
    assert client.get(edit_url(other_org)).status_code == 404
    assert client.post(edit_url(other_org), organization_form_data()).status_code == 404
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, organization_form_data()).status_code == 403
    assert not Organization.objects.filter(registration_number="ODCO-2012-77").exists()


def test_observer_sees_but_may_not_edit(client, observer, other_org):
    client.force_login(observer)
    assert client.get(detail_url(other_org)).status_code == 200
    assert client.get(edit_url(other_org)).status_code == 403


def test_location_fields_offer_the_provinces_of_the_region(client, organizer):
    client.force_login(organizer)
    azilal = Province.objects.get(code="05.02")
    response = client.get(
        reverse("registry:organization_location"),
        {"region": region("05").pk, "province": azilal.pk},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'id="location-fields"' in body
    assert "أزيلال" in body  # Azilal, in region 05
    assert "تطوان" not in body  # Tétouan is in region 01
    assert "تبانت" in body  # a commune of Azilal, suggested in the datalist


# --- the profile ----------------------------------------------------------------------


def test_detail_shows_profile_products_and_people(client, organizer, other_org):
    other_org.sectors.set([sector("weaving")])
    product = ProductFactory(organization=other_org, name_ar="زربية أزيلال")
    client.force_login(organizer)
    response = client.get(detail_url(other_org))
    body = response.content.decode()
    assert response.status_code == 200
    assert other_org.name_ar in body
    assert product.name_ar in body
    assert reverse("registry:product_create", args=[other_org.pk]) in body
    assert reverse("registry:organization_delete", args=[other_org.pk]) in body


def test_my_organization_for_an_exhibitor(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    response = client.get(reverse("registry:my_organization"))
    assert response.status_code == 200
    assert response.context["organization"] == exhibitor_org
    assert reverse("registry:organization_delete", args=[exhibitor_org.pk]) not in (
        response.content.decode()
    )


def test_my_organization_sends_others_to_the_list(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("registry:my_organization"))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL


# --- deletion -------------------------------------------------------------------------


def test_delete_asks_for_confirmation_then_deletes_on_post(client, organizer, other_org):
    client.force_login(organizer)
    url = reverse("registry:organization_delete", args=[other_org.pk])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert 'method="post"' in confirmation.content.decode()
    assert Organization.objects.filter(pk=other_org.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=other_org.pk).exists()


def test_exhibitor_may_not_delete_even_their_own(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:organization_delete", args=[exhibitor_org.pk])
    assert client.post(url).status_code == 403
    assert Organization.objects.filter(pk=exhibitor_org.pk).exists()


def test_deleting_an_organization_with_accounts_is_refused(
    client, organizer, exhibitor_org, exhibitor
):
    client.force_login(organizer)
    response = client.post(reverse("registry:organization_delete", args=[exhibitor_org.pk]))
    assert response["Location"] == detail_url(exhibitor_org)
    assert Organization.objects.filter(pk=exhibitor_org.pk).exists()


# --- communes -------------------------------------------------------------------------


def test_organizer_adds_a_missing_commune(client, organizer):
    client.force_login(organizer)
    url = reverse("registry:commune_create")
    assert client.get(url).status_code == 200
    azilal = Province.objects.get(code="05.02")
    response = client.post(
        url,
        {
            "province": azilal.pk,
            "name_ar": "أيت تمليل",
            "name_fr": "Aït Tamlil",
            "kind": "rural",
            "next": CREATE_URL,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == CREATE_URL
    commune = Commune.objects.get(name_fr="Aït Tamlil")
    assert commune.province == azilal
    assert commune.added_by == organizer


def test_exhibitor_may_not_add_communes(client, exhibitor):
    client.force_login(exhibitor)
    assert client.get(reverse("registry:commune_create")).status_code == 403
