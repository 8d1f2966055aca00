import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.core.models import AuditEntry
from tadamon.registry import services
from tadamon.registry.models import Commune, Organization
from tests.factories import OrganizationFactory, PersonFactory, kind, region, sector

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    tta = region("01")
    return {
        "name_ar": "تعاونية المضيق للخياطة",
        "name_fr": "Coopérative M'diq Couture",
        "kind": kind("cooperative"),
        "region": tta,
        "province": tta.provinces.get(name_fr__icontains="Fnideq"),
        "commune_name": "المضيق",
        "members": 20,
        "women_members": 18,
        "women_led": True,
        **overrides,
    }


def test_create_links_the_typed_commune_sets_primary_sector_and_audits(organizer):
    organization = services.create_organization(
        actor=organizer, fields=_fields(), sectors=[sector("sewing"), sector("textile")]
    )
    assert organization.commune is not None and organization.commune.name_fr == "M'diq"
    assert organization.primary_sector == sector("sewing")
    assert set(organization.sectors.values_list("code", flat=True)) == {"sewing", "textile"}
    entry = AuditEntry.objects.get(action="registry.organization.created")
    assert entry.actor == organizer and entry.object_id == str(organization.pk)


def test_an_unknown_commune_is_kept_as_typed(organizer):
    organization = services.create_organization(
        actor=organizer, fields=_fields(commune_name="دوار تجريبي")
    )
    assert organization.commune is None
    assert organization.commune_label == "دوار تجريبي"


def test_invalid_data_writes_nothing(organizer):
    with pytest.raises(ValidationError) as error:
        services.create_organization(actor=organizer, fields=_fields(women_members=99))
    assert "women_members" in error.value.message_dict
    assert not Organization.objects.filter(name_fr="Coopérative M'diq Couture").exists()
    assert not AuditEntry.objects.exists()


def test_exhibitor_cannot_create_and_cannot_change_others(exhibitor, other_org):
    with pytest.raises(PermissionDenied):
        services.create_organization(actor=exhibitor, fields=_fields())
    with pytest.raises(PermissionDenied):
        services.update_organization(actor=exhibitor, organization=other_org, fields={})


def test_exhibitor_updates_its_own_organization(exhibitor, exhibitor_org):
    services.update_organization(
        actor=exhibitor, organization=exhibitor_org, fields={"members": 30, "women_members": 10}
    )
    exhibitor_org.refresh_from_db()
    assert exhibitor_org.members == 30
    assert AuditEntry.objects.get(action="registry.organization.changed").data["fields"] == [
        "members",
        "women_members",
    ]


def test_update_replaces_sectors_only_when_given(organizer, other_org):
    services.update_organization(
        actor=organizer, organization=other_org, fields={}, sectors=[sector("pottery")]
    )
    services.update_organization(actor=organizer, organization=other_org, fields={"members": 40})
    other_org.refresh_from_db()
    assert other_org.primary_sector == sector("pottery")
    assert list(other_org.sectors.values_list("code", flat=True)) == ["pottery"]


def test_delete_needs_an_organizer_and_refuses_organizations_with_users(
    organizer, exhibitor, exhibitor_org, other_org
):
    with pytest.raises(PermissionDenied):
        services.delete_organization(actor=exhibitor, organization=exhibitor_org)
    with pytest.raises(ValidationError):
        services.delete_organization(actor=organizer, organization=exhibitor_org)
    services.delete_organization(actor=organizer, organization=other_org)
    assert not Organization.objects.filter(pk=other_org.pk).exists()


def test_products_belong_to_an_organization_the_actor_may_change(
    exhibitor, exhibitor_org, other_org
):
    product = services.save_product(
        actor=exhibitor,
        organization=exhibitor_org,
        fields={"name_ar": "زربية", "price_mad": "350.50", "sector": sector("carpets")},
    )
    assert product.organization == exhibitor_org
    with pytest.raises(PermissionDenied):
        services.save_product(actor=exhibitor, organization=other_org, fields={"name_ar": "x"})
    with pytest.raises(PermissionDenied):
        services.save_product(
            actor=exhibitor, organization=other_org, product=product, fields={"name_ar": "y"}
        )


def test_person_commune_is_matched_within_the_organization_region(organizer):
    azilal = region("05")
    cooperative = OrganizationFactory(
        region=azilal, province=azilal.provinces.get(name_fr__icontains="Azilal")
    )
    person = services.save_person(
        actor=organizer,
        fields={
            "first_name": "خديجة",
            "last_name": "أيت",
            "gender": "f",
            "organization": cooperative,
            "commune_name": "Tabant",
        },
    )
    assert person.commune == Commune.objects.get(name_fr="Tabant")


def test_exhibitor_cannot_move_a_person_into_another_organization(
    exhibitor, exhibitor_org, other_org
):
    person = PersonFactory(organization=exhibitor_org)
    with pytest.raises(PermissionDenied):
        services.save_person(actor=exhibitor, person=person, fields={"organization": other_org})


def test_organizers_add_communes(organizer, exhibitor):
    province = region("05").provinces.first()
    commune = services.add_commune(
        actor=organizer, province=province, name_ar="أكودي", name_fr="Agoudi"
    )
    assert commune.added_by == organizer and " agoudi " in commune.search_text
    with pytest.raises(PermissionDenied):
        services.add_commune(actor=exhibitor, province=province, name_ar="x", name_fr="x")


def test_an_organization_change_writes_only_its_own_columns(organizer, other_org):
    # Another person changes the phone number between this page's load and its save.
    Organization.objects.filter(pk=other_org.pk).update(phone="+212612345678")

    services.update_organization(actor=organizer, organization=other_org, fields={"members": 41})

    other_org.refresh_from_db()
    assert other_org.members == 41 and other_org.phone == "+212612345678"


def test_a_refused_organization_change_leaves_the_organization_as_it_was(organizer, other_org):
    members = other_org.members
    with pytest.raises(ValidationError):
        services.update_organization(
            actor=organizer,
            organization=other_org,
            fields={"members": 3, "women_members": 9},
        )
    assert other_org.members == members
    assert not AuditEntry.objects.filter(action="registry.organization.changed").exists()
