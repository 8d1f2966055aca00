"""The observatory (SPEC 3J): figures across every event the user may see, filtered by
region, province, year, event kind, sector and organizer; totals, trends by year, a region
table, and an organization's history across events.

Definitions:
- exhibitors count confirmed participations (an organization at two fairs counts twice);
  ``organizations_reached`` counts distinct organizations among the exhibitors and the
  beneficiaries' organizations;
- ``women_led_share`` is the share of distinct exhibiting organizations flagged women-led;
- visitors, turnover (validated, not superseded), beneficiaries (distinct people with an
  attendance, per event then summed) and B2B figures are those of the matching events;
- a sector filter keeps the events where that sector exhibited and narrows the exhibitor
  figures and the turnover to the organizations of that primary sector.

Each figure is one grouped query, so the number of queries does not depend on the data.
"""

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from tadamon.accounts import scoping
from tadamon.b2b.models import Meeting, Outcome
from tadamon.events.models import Participation, VisitorCount
from tadamon.programme.models import Attendance
from tadamon.registry.models import Organization, Region
from tadamon.sales.models import SalesDeclaration

CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Filters:
    region: str = ""  # region code
    province: str = ""  # province code
    year: int | None = None
    kind: str = ""  # event kind
    sector: str = ""  # sector code
    organizer: int | None = None  # organization id

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def events_for(user, filters: Filters) -> QuerySet:
    events = scoping.events_for(user)
    if filters.region:
        events = events.filter(region__code=filters.region)
    if filters.province:
        events = events.filter(province__code=filters.province)
    if filters.year:
        events = events.filter(start_date__year=filters.year)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.organizer:
        events = events.filter(organizer_id=filters.organizer)
    if filters.sector:
        exhibiting = Participation.objects.filter(
            status=Participation.Status.CONFIRMED,
            organization__primary_sector__code=filters.sector,
        ).values("event_id")
        events = events.filter(pk__in=exhibiting)
    return events


def _ids(events: QuerySet) -> QuerySet:
    return events.order_by().values("pk")


def _participations(events: QuerySet, filters: Filters) -> QuerySet:
    rows = Participation.objects.filter(
        event__in=_ids(events), status=Participation.Status.CONFIRMED
    )
    if filters.sector:
        rows = rows.filter(organization__primary_sector__code=filters.sector)
    return rows


def _sales(events: QuerySet, filters: Filters) -> QuerySet:
    rows = SalesDeclaration.objects.filter(
        event__in=_ids(events), status=SalesDeclaration.Status.VALIDATED, superseded=False
    )
    if filters.sector:
        rows = rows.filter(organization__primary_sector__code=filters.sector)
    return rows


def _money(value: Any) -> str:
    return f"{Decimal(value or 0).quantize(CENTS):.2f}"


def totals(events: QuerySet, filters: Filters) -> dict[str, Any]:
    participations = _participations(events, filters)
    exhibiting = participations.values("organization_id")
    organizations = Organization.objects.filter(pk__in=exhibiting).aggregate(
        total=Count("id"), women=Count("id", filter=Q(women_led=True))
    )
    trained_organizations = Attendance.objects.filter(
        session__event__in=_ids(events), person__organization__isnull=False
    ).values("person__organization_id")
    reached = Organization.objects.filter(
        Q(pk__in=exhibiting) | Q(pk__in=trained_organizations)
    ).count()
    beneficiaries = (
        Attendance.objects.filter(session__event__in=_ids(events))
        .values("session__event_id", "person_id")
        .distinct()
        .count()
    )
    outcomes = dict(
        Outcome.objects.filter(meeting__event__in=_ids(events))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    women_share = (
        round(organizations["women"] / organizations["total"], 4)
        if organizations["total"]
        else None
    )
    return {
        "events": events.count(),
        "exhibitors": participations.count(),
        "exhibiting_organizations": organizations["total"],
        "organizations_reached": reached,
        "women_led_share": women_share,
        "visitors": VisitorCount.objects.filter(event__in=_ids(events)).aggregate(
            total=Sum("count")
        )["total"]
        or 0,
        "turnover_mad": _money(_sales(events, filters).aggregate(total=Sum("amount_mad"))["total"]),
        "beneficiaries": beneficiaries,
        "b2b_meetings": Meeting.objects.filter(event__in=_ids(events))
        .exclude(status=Meeting.Status.CANCELLED)
        .count(),
        "b2b_outcomes": {kind: outcomes.get(kind, 0) for kind in Outcome.Kind.values},
    }


def _by(queryset: QuerySet, key: str, value) -> dict[Any, Any]:
    return {row[key]: row["v"] for row in queryset.values(key).annotate(v=value).order_by()}


def trends(events: QuerySet, filters: Filters) -> list[dict[str, Any]]:
    """The main figures per year of the events' start."""
    year = ExtractYear("event__start_date")
    event_years = _by(events.order_by().annotate(y=ExtractYear("start_date")), "y", Count("id"))
    exhibitors = _by(_participations(events, filters).annotate(y=year), "y", Count("id"))
    visitors = _by(
        VisitorCount.objects.filter(event__in=_ids(events)).annotate(y=year), "y", Sum("count")
    )
    turnover = _by(_sales(events, filters).annotate(y=year), "y", Sum("amount_mad"))
    beneficiaries = {
        row["y"]: row["v"]
        for row in Attendance.objects.filter(session__event__in=_ids(events))
        .annotate(y=ExtractYear("session__event__start_date"))
        .values("y")
        .annotate(v=Count("person_id", distinct=True))
        .order_by()
    }
    return [
        {
            "year": y,
            "events": event_years[y],
            "exhibitors": exhibitors.get(y, 0),
            "visitors": visitors.get(y) or 0,
            "turnover_mad": _money(turnover.get(y)),
            "beneficiaries": beneficiaries.get(y, 0),
        }
        for y in sorted(event_years)
    ]


def by_region(events: QuerySet, filters: Filters) -> list[dict[str, Any]]:
    """Participation by the exhibitors' home region: the map's table."""
    rows = (
        _participations(events, filters)
        .values("organization__region__code")
        .annotate(
            exhibitors=Count("id"),
            organizations=Count("organization_id", distinct=True),
            women_led=Count(
                "organization_id", distinct=True, filter=Q(organization__women_led=True)
            ),
        )
        .order_by("organization__region__code")
    )
    counts = {row["organization__region__code"]: row for row in rows}
    return [
        {
            "code": region.code,
            "region": str(region),
            "exhibitors": counts.get(region.code, {}).get("exhibitors", 0),
            "organizations": counts.get(region.code, {}).get("organizations", 0),
            "women_led": counts.get(region.code, {}).get("women_led", 0),
        }
        for region in Region.objects.order_by("code")
    ]


def observatory(user, filters: Filters) -> dict[str, Any]:
    events = events_for(user, filters)
    return {
        "filters": filters.as_dict(),
        "totals": totals(events, filters),
        "trends": trends(events, filters),
        "by_region": by_region(events, filters),
    }


def organization_history(user, organization: Organization) -> list[dict[str, Any]]:
    """Every fair the organization exhibited at that the user may see, with its validated
    turnover there and its B2B meetings."""
    events = scoping.events_for(user)
    participations = (
        Participation.objects.filter(
            organization=organization,
            status=Participation.Status.CONFIRMED,
            event__in=_ids(events),
        )
        .select_related("event", "wave")
        .order_by("-event__start_date")
    )
    turnover = _by(
        SalesDeclaration.objects.filter(
            organization=organization,
            status=SalesDeclaration.Status.VALIDATED,
            superseded=False,
            event__in=_ids(events),
        ),
        "event_id",
        Sum("amount_mad"),
    )
    meetings = _by(
        Meeting.objects.filter(seats__participant__organization=organization)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(event__in=_ids(events)),
        "event_id",
        Count("id"),
    )
    return [
        {
            "event": participation.event,
            "wave": participation.wave.label if participation.wave_id else "",
            "turnover_mad": _money(turnover.get(participation.event_id))
            if participation.event_id in turnover
            else None,
            "b2b_meetings": meetings.get(participation.event_id, 0),
        }
        for participation in participations
    ]
