"""The report's figures equal a brute-force recomputation from the raw rows (hypothesis),
and its number of SQL queries does not grow with the event's size."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tadamon.reports import selectors
from tests.reports.generated import brute_force, generate

pytestmark = pytest.mark.django_db

COMPARED = (
    "exhibitors",
    "exhibitors_by_kind",
    "exhibitors_by_region",
    "exhibitors_by_sector",
    "women_led_exhibitors",
    "visitors",
    "turnover_mad",
    "beneficiaries",
    "beneficiaries_women",
    "beneficiary_organizations",
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10_000),
    exhibitors=st.integers(0, 6),
    days=st.integers(1, 4),
    sessions=st.integers(0, 2),
)
def test_report_equals_brute_force(organizer_body, seed, exhibitors, days, sessions):
    with transaction.atomic():
        made = generate(
            organizer_body, seed=seed, exhibitors=exhibitors, days=days, sessions=sessions
        )
        report = selectors.closing_report(made.event)
        expected = brute_force(made)
        assert {key: report[key] for key in COMPARED} == expected
        assert report["days"] == days
        transaction.set_rollback(True)


def _queries(function, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(*args)
    return len(captured)


def test_report_queries_do_not_grow_with_the_event(organizer_body):
    small = generate(organizer_body, seed=1, exhibitors=3, days=2, sessions=1).event
    large = generate(organizer_body, seed=2, exhibitors=30, days=10, sessions=4).event
    assert _queries(selectors.closing_report, small) == _queries(selectors.closing_report, large)
