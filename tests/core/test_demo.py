import io
import random

import phonenumbers
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from tadamon.accounts.models import Role, User
from tadamon.core.models import AuditEntry
from tadamon.demo.registry import build_registry
from tadamon.demo.specs import FEATURED, ORGANIZER_BODIES, PARTNER_INSTITUTIONS
from tadamon.demo.users import DEMO_PASSWORD, create_admin
from tadamon.registry.models import Organization, Person, Product
from tadamon.registry.selectors import search_organizations
from tests.factories import OrganizationFactory

INSTITUTION_KINDS = ["public_institution", "microcredit_association"]


def load_demo(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo_output(db) -> str:
    return load_demo(organizations=40)


def invented():
    # E4's B2B buyers (companies, tadamon.demo.b2b) are made up apart from the registry's;
    # the record typed in at the demo's sign-up (tadamon.demo.signups) awaits an organizer.
    return (
        Organization.objects.exclude(kind__code__in=INSTITUTION_KINDS)
        .exclude(kind__code="company")
        .exclude(awaiting_confirmation=True)
    )


def test_the_organizers_of_the_reference_events_and_e4_partners_are_created(demo_output):
    names = set(Organization.objects.values_list("name_fr", flat=True))
    for spec in (*ORGANIZER_BODIES, *PARTNER_INSTITUTIONS):
        assert spec.name_fr in names
    centre = Organization.objects.get(name_ar="مركز محمد السادس لدعم القروض الصغرى التضامنية")
    assert (centre.region.code, centre.commune.name_fr) == ("01", "M'diq")
    assert AuditEntry.objects.filter(
        action="registry.organization.created", object_id=str(centre.pk)
    ).exists()


def test_every_role_has_an_account_that_can_log_in(demo_output, client):
    users = list(User.objects.all())
    assert {user.role for user in users} == set(Role.values)
    for user in users:
        # Through the log-in page, as people do (login throttling needs the request).
        response = client.post(
            reverse("accounts:login"), {"username": user.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, user.username
        client.post(reverse("accounts:logout"))
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="organizer").organization.name_fr.startswith("Région Tanger")
    assert User.objects.get(username="organizer_bmk").organization.region.code == "05"
    exhibitor = User.objects.get(username="exhibitor")
    assert exhibitor.organization.kind.code == "cooperative"
    assert exhibitor.organization.commune.name_fr == "M'diq"
    assert DEMO_PASSWORD in demo_output and "http://127.0.0.1:8000/" in demo_output


def test_invented_organizations_are_valid_and_spread_over_regions(demo_output):
    organizations = list(invented().select_related("kind", "region", "province", "commune"))
    assert len(organizations) == 40
    assert len({o.region_id for o in organizations}) >= 10
    for organization in organizations:
        organization.full_clean()
        assert organization.women_members <= organization.members
        assert organization.search_text.strip() and organization.search_key.strip()
        assert organization.primary_sector in organization.sectors.all()
        assert 1 <= organization.sectors.count() <= 3
        assert 1 <= organization.products.count() <= 4
        if organization.phone:
            assert phonenumbers.is_valid_number(phonenumbers.parse(organization.phone))
        if organization.microcredit_beneficiary:
            assert organization.microcredit_lender.name_fr.startswith("Centre Mohammed VI")
    numbers = [o.registration_number for o in organizations if o.registration_number]
    assert len(numbers) == len(set(numbers)) > len(organizations) // 2
    assert any(o.founded_year == 1955 and o.region.code == "01" for o in organizations)
    for row in [*Product.objects.all(), *Person.objects.all()]:
        row.full_clean()
    assert Person.objects.count() >= len(organizations)
    assert AuditEntry.objects.filter(action="registry.organization.created").count() == (
        Organization.objects.count()
    )


def test_an_arabic_name_typed_without_hamza_finds_the_organization(demo_output):
    with_hamza = [o for o in invented() if "أ" in o.name_ar]
    assert with_hamza
    for organization in with_hamza[:5]:
        typed = organization.name_ar.replace("أ", "ا").replace("ة", "ه")
        assert organization in search_organizations(Organization.objects.all(), typed)


def test_the_same_seed_gives_the_same_organizations(db):
    def names(seed: int) -> list[tuple]:
        with transaction.atomic():
            load_demo(organizations=15, seed=seed)
            rows = list(
                invented()
                .order_by("pk")
                .values_list("name_ar", "name_fr", "registration_number", "members")
            )
            transaction.set_rollback(True)
        return rows

    first = names(7)
    assert names(7) == first
    assert names(8)[len(FEATURED) :] != first[len(FEATURED) :]


def test_build_registry_returns_what_it_created(db):
    admin = create_admin()
    registry = build_registry(random.Random(1), actor=admin, organizations=8)
    assert set(registry.organizers) == {spec.key for spec in ORGANIZER_BODIES}
    assert set(registry.featured) == {spec.key for spec in FEATURED}
    assert len(registry.organizations) == 8
    assert registry.products == Product.objects.count()
    assert registry.people == Person.objects.count()


def test_if_empty_leaves_a_database_with_data_alone(db):
    OrganizationFactory()
    output = load_demo(if_empty=True)
    assert "already has data" in output
    assert Organization.objects.count() == 1
    assert not User.objects.exists()


def test_without_if_empty_a_database_with_data_is_refused(db):
    OrganizationFactory()
    with pytest.raises(CommandError, match="fresh database"):
        load_demo()
    assert Organization.objects.count() == 1
