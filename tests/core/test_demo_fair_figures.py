"""The fair figures of the demonstration data: E4's visitors, turnover and awards as its
article reports them, and E1's visitors above its 1st edition with a recorded turnover.

The full demo is loaded once for the class, inside a transaction rolled back after it, as in
test_demo_events.py.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from tadamon.awards import selectors as award_selectors
from tadamon.awards.models import AwardCategory
from tadamon.awards.services import E4_TEMPLATE
from tadamon.b2b.models import Meeting, Outcome
from tadamon.b2b.selectors import figures
from tadamon.core.models import AuditEntry
from tadamon.core.search import engine
from tadamon.events.models import Event
from tadamon.registry.models import Organization
from tadamon.reports import selectors as report_selectors
from tadamon.sales import selectors as sales_selectors
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount
from tadamon.visitors.selectors import visitors as visitor_selectors

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db) -> str:
    return demo


def event(key: str) -> Event:
    entry = AuditEntry.objects.get(action="demo.event.created", data__key=key)
    return Event.objects.get(pk=entry.object_id)


@pytest.mark.usefixtures("loaded")
class TestFairFigures:
    def test_e4_visitors_are_the_articles_60000_over_three_gates_and_ten_days(self):
        e4 = event("E4")
        assert visitor_selectors.report_figures(e4) == {"visitors": 60000}
        gates = list(Gate.objects.filter(event=e4).values_list("name", flat=True))
        assert len(gates) == 3
        assert "البوابة الرئيسية — Entrée principale" in gates
        days = visitor_selectors.visitor_figures(e4)["days"]
        assert len(days) == 10
        # The weekend peaks: the closing Sunday beats every weekday from Monday to Thursday.
        weekdays = [d["total"] for d in days if d["date"].weekday() < 4]
        assert days[-1]["date"].weekday() == 6
        assert days[-1]["total"] > max(weekdays)

    def test_e4_turnover_is_exactly_six_million_and_pending_ones_do_not_count(self):
        e4 = event("E4")
        assert sales_selectors.report_figures(e4) == {"turnover_mad": "6000000.00"}
        pending = SalesDeclaration.objects.filter(event=e4, status=SalesDeclaration.Status.PENDING)
        assert pending.exists()
        sellers = set(
            sales_selectors.counted(e4).values_list("organization_id", flat=True).distinct()
        )
        assert len(sellers) == 165

    def test_e4_seven_award_categories_are_published_with_the_articles_winners(self):
        e4 = event("E4")
        categories = AwardCategory.objects.filter(event=e4)
        assert categories.count() == 7
        assert not categories.filter(published_at__isnull=True).exists()
        awards = award_selectors.report_figures(e4)["awards"]
        by_code: dict[str, list[dict]] = {}
        for award in awards:
            by_code.setdefault(award["category"], []).append(award)
        assert set(by_code) == {code for code, *_rest in E4_TEMPLATE}
        oldest = by_code["oldest_cooperative"]
        assert len(oldest) == 1
        assert oldest[0]["organization"] is not None
        assert Organization.objects.get(pk=oldest[0]["organization"]).founded_year == 1955
        # Issue 15: the articles' two innovation winners are joint winners, not 1st and 2nd.
        assert [(a["rank"], a["joint"]) for a in by_code["innovation"]] == [(1, True), (1, True)]
        eco = Organization.objects.get(pk=by_code["eco_friendly"][0]["organization"])
        assert eco.eco_friendly

    def test_e1_has_more_visitors_than_its_first_edition_and_a_turnover(self):
        e1, first = event("E1"), event("E1.ed1")
        visitors = visitor_selectors.report_figures(e1)["visitors"]
        assert visitors > visitor_selectors.report_figures(first)["visitors"] > 0
        assert VisitorCount.objects.filter(event=e1).count() == e1.days
        assert float(sales_selectors.report_figures(e1)["turnover_mad"]) > 0

    def test_closing_reports_show_the_seed_figures(self):
        e4 = report_selectors.closing_report(event("E4"))
        assert (e4["exhibitors"], e4["days"], e4["edition"]) == (165, 10, 3)
        assert (e4["visitors"], e4["turnover_mad"]) == (60000, "6000000.00")
        assert e4["area_m2"] == 5000
        assert len({award["category"] for award in e4["awards"]}) == 7
        e1 = report_selectors.closing_report(event("E1"))
        assert e1["edition"] == 2
        assert [wave["exhibitors"] for wave in e1["waves"]] == [60, 60, 60]
        assert e1["visitors"] > e1["previous_edition"]["visitors"] > 0
        assert float(e1["turnover_mad"]) > 0

    def test_e4_has_b2b_meetings_with_outcomes(self):
        e4 = event("E4")
        meetings = Meeting.objects.filter(event=e4)
        assert meetings.filter(kind="bilateral").count() > 100
        assert meetings.filter(kind="collective").count() == 1
        kpis = figures.kpis(e4)
        assert kpis["meetings_held"] == meetings.count()
        assert kpis["outcomes"]["contract"] > 0 and kpis["outcomes"]["order"] > 0
        assert Outcome.objects.filter(meeting__event=e4, amount_mad__gt=0).exists()
        report = report_selectors.closing_report(e4)
        assert report["b2b_meetings"] == meetings.count()

    def test_one_audit_entry_per_event_and_a_summary_line_each(self, loaded):
        entries = AuditEntry.objects.filter(action="demo.fair_figures.created")
        assert sorted(entries.values_list("data__key", flat=True)) == ["E1", "E1.ed1", "E4"]
        assert "Fair figures" in loaded
        assert "6,000,000.00 MAD" in loaded


@pytest.mark.usefixtures("loaded")
class TestPublicDemo:
    def test_most_invented_organizations_appear_on_the_public_site_and_in_search(self, client):
        public = Organization.objects.filter(public_profile=True)
        assert public.count() > 0
        assert not public.filter(kind__code="public_institution").exists()
        hidden = Organization.objects.exclude(kind__code__in=["public_institution", "company"])
        assert hidden.filter(public_profile=False).exists()
        e4 = event("E4")
        page = client.get(reverse("public:event", args=[e4.pk]))
        assert page.status_code == 200
        assert page.context["counts"]["listed"] > 100
        assert page.context["page"].paginator.count == page.context["counts"]["listed"]
        sample = public.exclude(name_ar="").first()
        hits = engine.search(sample.name_ar, kinds=["organization"], limit=3)
        assert sample.pk in [hit.object_id for hit in hits]
