"""The closing report of an event (SPEC section 5), computed from what was recorded.

Each capability computes its own keys (visitors, sales, beneficiaries, awards); this module
adds the exhibitor and event keys and puts them together, so that the API, the web page and
the PDF publish the same figures.

Figures the recorded data cannot give are None (unknown), never 0: no visitor count, no
sales declaration, no programme session, no B2B programme, no participation at all.

Definitions kept here:
- an exhibitor is an organization with a confirmed participation, whatever its wave;
- ``exhibitors_by_sector`` counts primary sectors; exhibitors without one are counted under
  ``UNSPECIFIED`` so that every breakdown sums to ``exhibitors``;
- a wave's ``exhibitors`` are the confirmed participations assigned to it;
- ``previous_edition`` holds the same figures for the edition before in the series (without
  its own ``previous_edition``), or None.
"""

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet

from tadamon.awards import selectors as award_selectors
from tadamon.b2b.selectors import figures as b2b_selectors
from tadamon.events.models import Event, Participation
from tadamon.programme.selectors import beneficiaries as beneficiary_selectors
from tadamon.sales import selectors as sales_selectors
from tadamon.visitors.selectors import visitors as visitor_selectors

UNSPECIFIED = "unspecified"


def confirmed_participations(event: Event) -> QuerySet:
    return Participation.objects.filter(event=event, status=Participation.Status.CONFIRMED)


def _count_by(participations: QuerySet, field: str) -> dict[str, int]:
    counts = Counter(code or UNSPECIFIED for code in participations.values_list(field, flat=True))
    return dict(sorted(counts.items()))


def exhibitor_figures(event: Event) -> dict[str, Any]:
    """``exhibitors`` and its breakdowns by kind, region and primary sector, and women-led."""
    if not Participation.objects.filter(event=event).exists():
        # No exhibitor was ever recorded (a training programme): unknown, not zero.
        return {
            "exhibitors": None,
            "exhibitors_by_kind": {},
            "exhibitors_by_region": {},
            "exhibitors_by_sector": {},
            "women_led_exhibitors": None,
        }
    confirmed = confirmed_participations(event)
    return {
        "exhibitors": confirmed.count(),
        "exhibitors_by_kind": _count_by(confirmed, "organization__kind__code"),
        "exhibitors_by_region": _count_by(confirmed, "organization__region__code"),
        "exhibitors_by_sector": _count_by(confirmed, "organization__primary_sector__code"),
        "women_led_exhibitors": confirmed.filter(organization__women_led=True).count(),
    }


def wave_figures(event: Event) -> list[dict[str, Any]]:
    """Each wave in date order with its confirmed exhibitors."""
    waves = event.waves.annotate(
        exhibitors=Count(
            "participations",
            filter=Q(participations__status=Participation.Status.CONFIRMED),
        )
    ).order_by("start_date", "id")
    return [
        {
            "label": wave.label,
            "name": wave.name,
            "start": wave.start_date,
            "end": wave.end_date,
            "exhibitors": wave.exhibitors,
        }
        for wave in waves
    ]


def event_facts(event: Event) -> dict[str, Any]:
    return {"area_m2": event.area_m2, "days": event.days, "edition": event.edition}


def event_figures(event: Event) -> dict[str, Any]:
    """Every figure of the report for one event, without the comparison."""
    return {
        "event": event.pk,
        **exhibitor_figures(event),
        "waves": wave_figures(event),
        **visitor_selectors.report_figures(event),
        **sales_selectors.report_figures(event),
        **beneficiary_selectors.report_figures(event),
        **b2b_selectors.report_figures(event),
        **award_selectors.report_figures(event),
        **event_facts(event),
    }


def closing_report(event: Event) -> dict[str, Any]:
    """The closing report (SPEC 5): this edition's figures and the previous edition's."""
    previous = event.previous_edition()
    return {
        **event_figures(event),
        "previous_edition": None if previous is None else event_figures(previous),
    }
