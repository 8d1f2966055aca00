"""The breakdowns drawn as charts on the report page and in its PDF, next to the SPEC 5
figures: exhibitors by sector, region, kind and women-led; visitors and turnover per day;
turnover by sector; beneficiaries by gender and topic; B2B outcomes.

Each breakdown is a list of ``{"label", "value"}`` rows in the current language; a handful
of queries whatever the size of the event (grouped in the database).
"""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from tadamon.b2b.models import Outcome
from tadamon.events.models import Event
from tadamon.programme.selectors.beneficiaries import event_beneficiaries
from tadamon.registry.models import OrganizationKind, Region, Sector
from tadamon.reports.selectors import UNSPECIFIED
from tadamon.sales import selectors as sales_selectors
from tadamon.visitors.models import VisitorCount

Rows = list[dict[str, Any]]


def _named(counts: dict[str, int], model) -> Rows:
    names = {row.code: str(row) for row in model.objects.filter(code__in=list(counts))}
    rows = [
        {"label": names.get(code) or _("not stated"), "value": value}
        for code, value in counts.items()
        if code in names or code == UNSPECIFIED
    ]
    return sorted(rows, key=lambda row: -row["value"])


def exhibitor_rows(report: dict[str, Any]) -> dict[str, Rows]:
    women = report["women_led_exhibitors"]
    total = report["exhibitors"]
    return {
        "exhibitors_by_sector": _named(report["exhibitors_by_sector"], Sector),
        "exhibitors_by_region": _named(report["exhibitors_by_region"], Region),
        "exhibitors_by_kind": _named(report["exhibitors_by_kind"], OrganizationKind),
        "exhibitors_women_led": []
        if total is None
        else [
            {"label": _("led by women"), "value": women},
            {"label": _("others"), "value": total - women},
        ],
    }


def visitors_by_day(event: Event) -> Rows:
    rows = (
        VisitorCount.objects.filter(event=event)
        .values("date")
        .annotate(total=Sum("count"))
        .order_by("date")
    )
    return [{"label": row["date"].isoformat(), "value": row["total"]} for row in rows]


def turnover_by_day(event: Event) -> Rows:
    return [
        {"label": row["date"].isoformat(), "value": row["turnover_mad"]}
        for row in sales_selectors.by_day(event)
    ]


def turnover_by_sector(event: Event) -> Rows:
    rows = (
        sales_selectors.counted(event)
        .values("organization__primary_sector__code")
        .annotate(total=Sum("amount_mad"))
        .order_by("-total")
    )
    codes = [row["organization__primary_sector__code"] for row in rows]
    names = {s.code: str(s) for s in Sector.objects.filter(code__in=[c for c in codes if c])}
    return [
        {
            "label": names.get(row["organization__primary_sector__code"]) or _("not stated"),
            "value": Decimal(row["total"]).quantize(Decimal("0.01")),
        }
        for row in rows
    ]


def beneficiary_rows(event: Event) -> dict[str, Rows]:
    if not event.sessions.exists():
        return {"beneficiaries_by_gender": [], "beneficiaries_by_topic": []}
    figures = event_beneficiaries(event)
    return {
        "beneficiaries_by_gender": [
            {"label": row["label"] or _("not stated"), "value": row["beneficiaries"]}
            for row in figures["by_gender"]
        ],
        "beneficiaries_by_topic": [
            {"label": row["name"], "value": row["beneficiaries"]} for row in figures["by_topic"]
        ],
    }


def b2b_outcome_rows(event: Event) -> Rows:
    counts = dict(
        Outcome.objects.filter(meeting__event=event)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {"label": str(label), "value": counts[kind]}
        for kind, label in Outcome.Kind.choices
        if counts.get(kind)
    ]


def chart_data(event: Event, report: dict[str, Any]) -> dict[str, Rows]:
    """Every breakdown of the report page; `report` is the event's closing report."""
    return {
        **exhibitor_rows(report),
        "visitors_by_day": visitors_by_day(event),
        "turnover_by_day": turnover_by_day(event),
        "turnover_by_sector": turnover_by_sector(event),
        **beneficiary_rows(event),
        "b2b_outcomes": b2b_outcome_rows(event),
    }


def chart_titles() -> dict[str, str]:
    return {
        "exhibitors_by_sector": _("Exhibitors by sector"),
        "exhibitors_by_region": _("Exhibitors by region"),
        "exhibitors_by_kind": _("Exhibitors by kind of organization"),
        "exhibitors_women_led": _("Exhibitors led by women"),
        "visitors_by_day": _("Visitors per day"),
        "turnover_by_day": _("Turnover per day (MAD)"),
        "turnover_by_sector": _("Turnover by sector (MAD)"),
        "beneficiaries_by_gender": _("Beneficiaries by gender"),
        "beneficiaries_by_topic": _("Beneficiaries by training topic"),
        "b2b_outcomes": _("Outcomes of the B2B meetings"),
    }


def charts(event: Event, report: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-empty breakdowns with their titles and each row's share of the largest."""
    titles = chart_titles()
    drawn = []
    for key, rows in chart_data(event, report).items():
        if not rows:
            continue
        largest = max(float(row["value"]) for row in rows) or 1.0
        drawn.append(
            {
                "key": key,
                "title": titles[key],
                "rows": [
                    {**row, "share": round(100 * float(row["value"]) / largest, 1)} for row in rows
                ],
            }
        )
    return drawn
