from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tadamon.awards import selectors, services
from tadamon.awards.models import AwardCategory
from tadamon.core.models import AuditEntry
from tests.awards.support import declare, event_of, exhibit, exhibitor_in
from tests.factories import OrganizationFactory, kind

pytestmark = pytest.mark.django_db


def _category(event, organizer, code):
    services.create_from_template(event=event, actor=organizer)
    return event.award_categories.get(code=code)


def test_template_has_the_seven_e4_awards(organizer, organizer_body):
    event = event_of(organizer_body)
    categories = services.create_from_template(event=event, actor=organizer)
    assert [c.code for c in categories] == [
        "best_product",
        "best_booth",
        "eco_friendly",
        "oldest_cooperative",
        "oldest_endangered_craft_artisan",
        "innovation",
        "largest_sales",
    ]
    assert event.award_categories.get(code="innovation").winners_count == 2
    # Applying it twice changes nothing.
    services.create_from_template(event=event, actor=organizer)
    assert event.award_categories.count() == 7


def test_largest_sales_goes_to_the_largest_validated_total(organizer, organizer_body):
    event = event_of(organizer_body)
    small, big, pending_only = exhibit(
        event, OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    )
    declare(event, small, "40000.00", day=1)
    declare(event, small, "30000.00", day=2)  # 70,000 in all
    declare(event, big, "60000.00", day=1)
    declare(event, big, "15000.50", day=2)  # 75,000.50
    declare(event, pending_only, "900000.00", status="pending")
    declare(event, small, "500000.00", status="queried", day=3)
    category = _category(event, organizer, "largest_sales")

    (winner,) = services.compute(category=category, actor=organizer)

    assert winner.organization == big
    assert winner.score == Decimal("75000.50")
    assert "75000.50" in winner.explanation


def test_oldest_cooperative_is_the_earliest_founding_year(organizer, organizer_body):
    event = event_of(organizer_body)
    exhibitor_in(event, founded_year=1978)
    winner = exhibitor_in(event, founded_year=1955)
    # Older, but not a cooperative, or not confirmed: neither may win.
    exhibitor_in(event, founded_year=1940, kind=kind("association"))
    OrganizationFactory(founded_year=1930)
    category = _category(event, organizer, "oldest_cooperative")

    (result,) = services.compute(category=category, actor=organizer)

    assert result.organization == winner
    assert "1955" in result.explanation


def test_founding_year_tie_is_broken_by_registration_number_and_explained(
    organizer, organizer_body
):
    event = event_of(organizer_body)
    later = exhibitor_in(event, founded_year=1955, registration_number="ODCO-200")
    first = exhibitor_in(event, founded_year=1955, registration_number="ODCO-100")
    category = _category(event, organizer, "oldest_cooperative")

    (result,) = services.compute(category=category, actor=organizer)

    assert result.organization == first
    assert str(later) in result.explanation
    assert "registration number" in result.explanation


def test_oldest_artisan_in_an_endangered_craft(organizer, organizer_body):
    event = event_of(organizer_body)
    artisan = kind("artisan")
    exhibitor_in(event, kind=artisan, founded_year=1960, endangered_craft=False)
    winner = exhibitor_in(event, kind=artisan, founded_year=1972, endangered_craft=True)
    category = _category(event, organizer, "oldest_endangered_craft_artisan")

    (result,) = services.compute(category=category, actor=organizer)

    assert result.organization == winner


def test_only_managers_publish_and_publication_is_audited(
    organizer, organizer_body, exhibitor, observer
):
    event = event_of(organizer_body)
    exhibitor_in(event, founded_year=1955)
    category = _category(event, organizer, "oldest_cooperative")
    services.compute(category=category, actor=organizer)
    assert selectors.report_figures(event) == {"awards": []}

    for intruder in (exhibitor, observer):
        with pytest.raises(PermissionDenied):
            services.publish(category=category, actor=intruder)
    services.publish(category=category, actor=organizer)

    category.refresh_from_db()
    assert category.published_at is not None
    assert AuditEntry.objects.filter(action="award.publish", object_id=str(category.pk)).exists()
    (award,) = selectors.report_figures(event)["awards"]
    assert award["category"] == "oldest_cooperative"
    assert award["winner"] == str(category.results.get().organization)


def test_computing_twice_replaces_the_results(organizer, organizer_body):
    event = event_of(organizer_body)
    exhibitor_in(event, founded_year=1990)
    category = _category(event, organizer, "oldest_cooperative")
    services.compute(category=category, actor=organizer)
    oldest = exhibitor_in(event, founded_year=1955)
    services.compute(category=category, actor=organizer)
    assert list(category.results.values_list("organization", flat=True)) == [oldest.pk]
    assert category.kind == AwardCategory.Kind.COMPUTED


def test_equal_sales_are_joint_winners(organizer, organizer_body):
    # Issue 15: an equal total was decided by the earlier participation, then the name.
    event = event_of(organizer_body)
    one, two, less = exhibit(
        event, OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    )
    declare(event, one, "5000.00")
    declare(event, two, "5000.00")
    declare(event, less, "4999.99")
    category = _category(event, organizer, "largest_sales")

    results = services.compute(category=category, actor=organizer)

    assert [(r.rank, r.organization) for r in results] == [(1, one), (1, two)] or [
        (r.rank, r.organization) for r in results
    ] == [(1, two), (1, one)]
    assert all("joint rank" in r.explanation for r in results)


def test_same_founding_year_without_registration_numbers_is_a_joint_win(organizer, organizer_body):
    event = event_of(organizer_body)
    first = exhibitor_in(event, founded_year=1955, registration_number="")
    second = exhibitor_in(event, founded_year=1955, registration_number="")
    exhibitor_in(event, founded_year=1956, registration_number="")
    category = _category(event, organizer, "oldest_cooperative")

    results = services.compute(category=category, actor=organizer)

    assert {(r.rank, r.organization) for r in results} == {(1, first), (1, second)}
    assert str(second) in next(r for r in results if r.organization == first).explanation
