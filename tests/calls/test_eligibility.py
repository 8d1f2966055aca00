import pytest
from django.core.exceptions import ValidationError

from tadamon.calls import eligibility
from tests.factories import CallFactory, OrganizationFactory, kind, region, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return CallFactory()


def _rules(call, organization) -> list[str]:
    return [failure.rule for failure in eligibility.failures(call, organization)]


def test_a_call_without_rules_admits_everyone(call):
    assert eligibility.is_eligible(call, OrganizationFactory(founded_year=None))


def test_kinds(call):
    call.eligible_kinds.set([kind("cooperative"), kind("association")])
    assert _rules(call, OrganizationFactory(kind=kind("cooperative"))) == []

    [failure] = eligibility.failures(call, OrganizationFactory(kind=kind("company")))

    assert failure.rule == "kinds"
    assert str(kind("cooperative")) in failure.reason


def test_regions(call):
    call.eligible_regions.set([region("01")])
    assert _rules(call, OrganizationFactory(region=region("01"))) == []
    assert _rules(call, OrganizationFactory(region=region("05"))) == ["regions"]


def test_sectors_any_of_the_organizations_sectors_counts(call):
    call.eligible_sectors.set([sector("terroir_products")])
    main_only = OrganizationFactory(primary_sector=sector("terroir_products"))
    secondary = OrganizationFactory(primary_sector=sector("textile"))
    secondary.sectors.set([sector("textile"), sector("terroir_products")])
    outside = OrganizationFactory(primary_sector=sector("textile"))
    outside.sectors.set([sector("textile")])

    assert _rules(call, main_only) == []
    assert _rules(call, secondary) == []
    assert _rules(call, outside) == ["sectors"]


def test_microcredit_only(call):
    call.microcredit_only = True
    assert _rules(call, OrganizationFactory(microcredit_beneficiary=True)) == []
    assert _rules(call, OrganizationFactory(microcredit_beneficiary=False)) == ["microcredit_only"]


def test_founded_before_is_strict_and_needs_a_known_year(call):
    call.founded_before = 2020
    assert _rules(call, OrganizationFactory(founded_year=2019)) == []
    assert _rules(call, OrganizationFactory(founded_year=2020)) == ["founded_before"]
    [failure] = eligibility.failures(call, OrganizationFactory(founded_year=None))
    assert failure.rule == "founded_before" and "2020" in failure.reason


def test_every_failed_rule_is_reported_under_eligibility_with_its_code(call):
    call.microcredit_only = True
    call.founded_before = 2000
    call.eligible_regions.set([region("01")])
    organization = OrganizationFactory(region=region("05"), founded_year=2010)

    with pytest.raises(ValidationError) as error:
        eligibility.ensure_eligible(call, organization)

    codes = [item.code for item in error.value.error_dict["eligibility"]]
    assert codes == ["regions", "microcredit_only", "founded_before"]
    assert len(error.value.message_dict["eligibility"]) == 3


def test_reasons_follow_the_active_language(call):
    from django.utils import translation

    call.microcredit_only = True
    organization = OrganizationFactory()
    with translation.override("en"):
        english = eligibility.failures(call, organization)[0].reason
    assert "microcredit" in english
