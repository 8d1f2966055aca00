"""Likely duplicates are shown to organizers, and merging keeps every product, participation
and person of the duplicate, with an audit record."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tadamon.core.models import AuditEntry
from tadamon.events.models import EventPartner, EventSeries, Participation
from tadamon.registry import duplicates, merging
from tadamon.registry.models import Organization, Person, Product
from tests.factories import EventFactory, OrganizationFactory, PersonFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_same_number_same_phone_or_similar_name_nearby(organizer):
    original = OrganizationFactory(
        name_ar="تعاونية الدرازة للنسيج", name_fr="", registration_number="ODCO-1234"
    )
    typo = OrganizationFactory(name_ar="تعاونيه الدرازه للنسيج", name_fr="")
    same_number = OrganizationFactory(name_ar="اسم آخر تماما", registration_number="odco-1234")
    same_phone_a = OrganizationFactory(name_fr="Alpha", phone="+212612345678")
    same_phone_b = OrganizationFactory(name_fr="Beta", phone="+212612345678")
    unrelated = OrganizationFactory(name_ar="جمعية النور", name_fr="")
    found = {c.organization.pk: c.reasons for c in duplicates.likely_duplicates(original)}
    assert typo.pk in found and same_number.pk in found
    assert unrelated.pk not in found
    assert [c.organization for c in duplicates.likely_duplicates(same_phone_a)] == [same_phone_b]


def test_a_merge_keeps_everything_and_is_recorded(organizer, client):
    keep = OrganizationFactory(name_fr="Coop Derraza")
    duplicate = OrganizationFactory(name_fr="Coop Derrazza")
    products = ProductFactory.create_batch(3, organization=duplicate)
    people = PersonFactory.create_batch(2, organization=duplicate)
    fair, other_fair = EventFactory(), EventFactory()
    Participation.objects.create(event=fair, organization=duplicate, status="confirmed")
    Participation.objects.create(event=other_fair, organization=keep, status="confirmed")

    client.force_login(organizer)
    url = reverse("registry:organization_merge", args=[keep.pk, duplicate.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"3" in confirm.content
    assert Organization.objects.filter(pk=duplicate.pk).exists()  # nothing before the POST
    client.post(url)

    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert set(Product.objects.filter(organization=keep)) == set(products)
    assert set(Person.objects.filter(organization=keep)) >= set(people)
    assert set(Participation.objects.filter(organization=keep).values_list("event", flat=True)) == {
        fair.pk,
        other_fair.pk,
    }
    entry = AuditEntry.objects.get(action="registry.organization.merged")
    assert entry.data["merged"] == duplicate.pk
    assert entry.data["moved"]["registry.Product"] == 3


def test_only_organizers_merge(exhibitor, exhibitor_org):
    other = OrganizationFactory()
    with pytest.raises(PermissionDenied):
        merging.merge_organizations(keep=exhibitor_org, duplicate=other, actor=exhibitor)


def test_duplicates_and_merge_through_the_api(organizer, api_for):
    keep = OrganizationFactory(name_fr="Atlas", phone="+212612345678")
    twin = OrganizationFactory(name_fr="Atlass", phone="+212612345678")
    ProductFactory(organization=twin)
    client = api_for(organizer)
    found = client.get(f"/api/v1/organizations/{keep.pk}/duplicates").json()
    assert [row["id"] for row in found] == [twin.pk]
    merged = client.post_json(f"/api/v1/organizations/{keep.pk}/merge", {"duplicate": twin.pk})
    assert merged.status_code == 200 and merged.json()["moved"]["registry.Product"] == 1
    itself = client.post_json(f"/api/v1/organizations/{keep.pk}/merge", {"duplicate": keep.pk})
    assert itself.status_code == 400 and itself.json()["detail"][0]["field"] == "duplicate"


def test_an_exhibitor_is_not_told_of_its_duplicates(exhibitor, exhibitor_org, api_for):
    # The list names other organizations, which an exhibitor may not see (found by the
    # permission matrix: the API answered it, the organization page never did).
    exhibitor_org.phone = "+212612345678"
    exhibitor_org.save()
    OrganizationFactory(name_fr="Jumelle", phone="+212612345678")

    response = api_for(exhibitor).get(f"/api/v1/organizations/{exhibitor_org.pk}/duplicates")

    assert response.status_code == 403
    assert "Jumelle" not in response.content.decode()


def _co_organizer(organization):
    EventPartner.objects.create(
        event=EventFactory(), organization=organization, role=EventPartner.Role.CO_ORGANIZER
    )


@pytest.mark.parametrize("side", ["keep", "duplicate"])
@pytest.mark.parametrize("role", ["organizer", "co_organizer", "series_organizer"])
def test_an_organization_that_organizes_an_event_is_not_merged(organizer, client, side, role):
    """Merging would hand its events to another body, or fail on the protected reference
    (a 500 before issue 15): the merge is refused, saying why."""
    keep = OrganizationFactory(name_fr="Région Atlas")
    duplicate = OrganizationFactory(name_fr="Région Atlass")
    organizing = keep if side == "keep" else duplicate
    if role == "organizer":
        EventFactory(organizer=organizing)
    elif role == "co_organizer":
        _co_organizer(organizing)
    else:
        EventSeries.objects.create(name_fr="Salon", kind="solidarity_bazaar", organizer=organizing)
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    url = reverse("registry:organization_merge", args=[keep.pk, duplicate.pk])
    page = client.post(url, follow=True).content.decode()
    assert "organizes or co-organizes events" in page
    assert Organization.objects.filter(pk=duplicate.pk).exists()
    assert not AuditEntry.objects.filter(action="registry.organization.merged").exists()


def test_the_api_refuses_to_merge_an_organizer_with_a_4xx(organizer, api_for):
    keep, duplicate = OrganizationFactory(), OrganizationFactory()
    _co_organizer(duplicate)
    answer = api_for(organizer).post_json(
        f"/api/v1/organizations/{keep.pk}/merge",
        {"duplicate": duplicate.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    [problem] = answer.json()["detail"]
    assert problem["field"] == "duplicate"
    assert "organizes or co-organizes events" in problem["message"]
    assert Organization.objects.filter(pk=duplicate.pk).exists()


def test_a_sponsor_is_merged_with_its_partnerships(organizer):
    keep, duplicate = OrganizationFactory(), OrganizationFactory()
    partnership = EventPartner.objects.create(
        event=EventFactory(), organization=duplicate, role=EventPartner.Role.SPONSOR
    )
    merging.merge_organizations(keep=keep, duplicate=duplicate, actor=organizer)
    partnership.refresh_from_db()
    assert partnership.organization == keep
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
