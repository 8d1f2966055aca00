# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.sales import selectors, services
from tadamon.sales.models import SalesCeiling, SalesDeclaration
from tests.sales.fixtures import confirmed, fair

DAY = datetime.date(2024, 6, 1)


def _declare(fair, org, actor, amount, day=DAY, **kwargs):
    return services.declare(
        event=fair, organization=org, date=day, amount_mad=Decimal(amount), actor=actor, **kwargs
    )[0]


def test_exhibitor_entries_wait_organizer_entries_are_validated(fair, exhibitor, organizer):
    org = exhibitor.organization
    assert _declare(fair, org, exhibitor, "100").status == "pending"
    assert _declare(fair, org, organizer, "200").status == "validated"
    assert selectors.report_figures(fair) == {"turnover_mad": "200.00"}


def test_same_client_uuid_is_one_declaration(fair, exhibitor):
    key = uuid.uuid4()
    results = [
        services.declare(
            event=fair,
            organization=exhibitor.organization,
            date=DAY,
            amount_mad=Decimal("50"),
            actor=exhibitor,
            client_uuid=key,
        )
        for _ in range(5)
    ]
    assert [created for _, created in results] == [True, False, False, False, False]
    assert SalesDeclaration.objects.count() == 1


def test_exhibitor_cannot_declare_for_another_organization_nor_validate(
    fair,
    exhibitor,
    confirmed,
):
    other = confirmed()
    with pytest.raises(PermissionDenied):
        _declare(fair, other, exhibitor, "10")
    mine = _declare(fair, exhibitor.organization, exhibitor, "10")
    with pytest.raises(PermissionDenied):
        services.validate(declaration=mine, actor=exhibitor)
    assert SalesDeclaration.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "day", "field"),
    [
        ("-1", DAY, "amount_mad"),
        ("1000000.01", DAY, "amount_mad"),
        ("10", datetime.date(2024, 6, 10), "date"),
    ],
)
def test_refused_values_name_the_field(fair, organizer, exhibitor_org, amount, day, field):
    with pytest.raises(ValidationError) as refused:
        _declare(fair, exhibitor_org, organizer, amount, day=day)
    assert field in refused.value.message_dict
    assert not SalesDeclaration.objects.exists()


def test_ceiling_is_per_event(fair, organizer, exhibitor_org):
    SalesCeiling.objects.create(event=fair, max_amount_mad=Decimal("5000"))
    with pytest.raises(ValidationError):
        _declare(fair, exhibitor_org, organizer, "5000.01")
    assert _declare(fair, exhibitor_org, organizer, "5000").amount_mad == Decimal("5000")


def test_outlier_against_own_days_is_flagged_with_reason(fair, organizer, exhibitor_org):
    for offset in range(3):
        _declare(fair, exhibitor_org, organizer, "1000", day=DAY + datetime.timedelta(offset))
    big = _declare(fair, exhibitor_org, organizer, "9000", day=DAY + datetime.timedelta(5))
    flagged = selectors.outliers(fair)
    assert list(flagged) == [big.pk]
    assert "median" in flagged[big.pk]


def test_outlier_against_sector_median(fair, organizer, confirmed):
    orgs = [confirmed() for _ in range(4)]
    for org in orgs[:3]:
        _declare(fair, org, organizer, "1000")
    big = _declare(fair, orgs[3], organizer, "8000")
    assert list(selectors.outliers(fair)) == [big.pk]


def test_correction_keeps_history_and_only_new_amount_counts(fair, organizer, exhibitor):
    first = _declare(fair, exhibitor.organization, organizer, "700")
    new = services.correct(declaration=first, amount_mad=Decimal("650"), actor=organizer)
    first.refresh_from_db()
    assert first.superseded and new.corrects == first
    assert SalesDeclaration.objects.count() == 2
    assert selectors.report_figures(fair)["turnover_mad"] == "650.00"
    with pytest.raises(ValidationError):
        services.correct(declaration=first, amount_mad=Decimal("1"), actor=organizer)


def test_query_then_validate(fair, organizer, exhibitor):
    mine = _declare(fair, exhibitor.organization, exhibitor, "300")
    services.query(declaration=mine, actor=organizer, reason="Receipt?")
    assert [d.pk for d in selectors.pending(fair)] == [mine.pk]
    services.validate(declaration=mine, actor=organizer)
    assert selectors.report_figures(fair)["turnover_mad"] == "300.00"
    assert not selectors.pending(fair).exists()
