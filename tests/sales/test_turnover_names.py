# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
"""The turnover's groups are named in the reader's language (they were always French)."""

import pytest
from django.utils import translation

from tadamon.sales import selectors
from tadamon.sales.models import SalesDeclaration
from tests.sales.fixtures import confirmed, fair

pytestmark = pytest.mark.django_db


def test_turnover_groups_follow_the_language(fair, exhibitor_org):
    exhibitor_org.name_ar, exhibitor_org.name_fr = "تعاونية الأمل", "Coopérative Al Amal"
    exhibitor_org.save()
    SalesDeclaration.objects.create(
        event=fair,
        organization=exhibitor_org,
        date=fair.start_date,
        amount_mad=100,
        status=SalesDeclaration.Status.VALIDATED,
    )
    with translation.override("ar"):
        arabic = selectors.turnover(fair)
    with translation.override("fr"):
        french = selectors.turnover(fair)
    assert [row["name"] for row in arabic["by_organization"]] == ["تعاونية الأمل"]
    assert [row["name"] for row in french["by_organization"]] == ["Coopérative Al Amal"]
    region = exhibitor_org.region
    assert arabic["by_region"][0]["name"] == (region.name_ar or region.name_fr)
    assert french["by_region"][0]["name"] == (region.name_fr or region.name_ar)
