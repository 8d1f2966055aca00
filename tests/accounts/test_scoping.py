import pytest
from django.contrib.auth.models import AnonymousUser

from tadamon.accounts import scoping
from tadamon.accounts.models import Role
from tests.factories import OrganizationFactory, PersonFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_sees_nothing(exhibitor_org):
    assert not scoping.organizations_for(AnonymousUser()).exists()
    assert not scoping.changeable_organizations_for(AnonymousUser()).exists()


def test_exhibitor_sees_and_changes_only_its_organization(exhibitor, exhibitor_org, other_org):
    assert list(scoping.organizations_for(exhibitor)) == [exhibitor_org]
    assert scoping.can_change_organization(exhibitor, exhibitor_org)
    assert not scoping.can_change_organization(exhibitor, other_org)
    assert not scoping.can_create_organization(exhibitor)


def test_exhibitor_sees_only_its_people_and_products(exhibitor, exhibitor_org, other_org):
    own_person = PersonFactory(organization=exhibitor_org)
    PersonFactory(organization=other_org)
    own_product = ProductFactory(organization=exhibitor_org)
    ProductFactory(organization=other_org)
    assert list(scoping.people_for(exhibitor)) == [own_person]
    assert list(scoping.products_for(exhibitor)) == [own_product]


def test_organizer_changes_the_registry_but_not_another_organizer_body(
    organizer, organizer_body, other_org
):
    other_body = OrganizationFactory(name_fr="Région Fès-Meknès")
    UserFactory(role=Role.ORGANIZER, organization=other_body)
    assert scoping.can_change_organization(organizer, other_org)
    assert scoping.can_change_organization(organizer, organizer_body)
    assert not scoping.can_change_organization(organizer, other_body)
    assert scoping.organizations_for(organizer).filter(pk=other_body.pk).exists()
    assert scoping.can_create_organization(organizer)
    assert scoping.can_import(organizer)


def test_observer_reads_everything_and_changes_nothing(observer, other_org):
    assert scoping.organizations_for(observer).filter(pk=other_org.pk).exists()
    assert not scoping.changeable_organizations_for(observer).exists()
    assert not scoping.can_create_organization(observer)


def test_inactive_user_sees_nothing(organizer, other_org):
    organizer.is_active = False
    organizer.save()
    assert not scoping.organizations_for(organizer).exists()


def test_trainer_without_organization_sees_nothing(other_org):
    trainer = UserFactory(role=Role.TRAINER)
    assert not scoping.organizations_for(trainer).exists()
