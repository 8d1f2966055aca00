"""The observatory (SPEC 3J): figures across the events counted for the user (the published
ones, and the unpublished ones they manage: event_access.counted_events_for), filtered by region,
province, year, event kind, sector and organizer; totals, trends by year, a region table, and
an organization's history across the events the user may see.

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

from tadamon.b2b.models import Meeting, Outcome
from tadamon.events import access as event_access
from tadamon.events.models import Participation
from tadamon.programme.models import Attendance
from tadamon.registry.models import Organization, Person, Region, Sector
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import VisitorCount

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


def years(user) -> list[int]:
    """The years in which the counted events start, newest first: the year filter's choices."""
    dates = event_access.counted_events_for(user).dates("start_date", "year", order="DESC")
    return [date.year for date in dates]


def events_for(user, filters: Filters) -> QuerySet:
    events = event_access.counted_events_for(user)
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


def _of_sector(filters: Filters) -> QuerySet | None:
    """The organizations of the filtered sector, as a sub-query on the sector's id (a join on
    the sector's code made PostgreSQL hash the whole sales table)."""
    if not filters.sector:
        return None
    sector = Sector.objects.filter(code=filters.sector).values_list("pk", flat=True).first()
    return Organization.objects.filter(primary_sector_id=sector).values("pk")


def _participations(events: QuerySet, organizations: QuerySet | None) -> QuerySet:
    rows = Participation.objects.filter(
        event__in=_ids(events), status=Participation.Status.CONFIRMED
    )
    if organizations is not None:
        rows = rows.filter(organization_id__in=organizations)
    return rows.order_by()


def _sales(events: QuerySet, organizations: QuerySet | None) -> QuerySet:
    rows = SalesDeclaration.objects.filter(
        event__in=_ids(events), status=SalesDeclaration.Status.VALIDATED, superseded=False
    )
    if organizations is not None:
        rows = rows.filter(organization_id__in=organizations)
    return rows.order_by()


def _money(value: Any) -> str:
    return f"{Decimal(value or 0).quantize(CENTS):.2f}"


def _per_event(queryset: QuerySet, key: str, value) -> dict[int, Any]:
    return {row[key]: row["v"] for row in queryset.values(key).annotate(v=value).order_by()}


def per_event(events: QuerySet, organizations: QuerySet | None) -> dict[str, dict[int, Any]]:
    """Each figure per event, one grouped query each: totals and trends add them up, so the
    large tables (sales, attendance) are read once. `organizations` narrows the exhibitor
    figures to a sector (None: every organization)."""
    return {
        "year": dict(events.order_by().values_list("pk", "start_date__year")),
        "exhibitors": _per_event(_participations(events, organizations), "event_id", Count("id")),
        "visitors": _per_event(
            VisitorCount.objects.filter(event__in=_ids(events)), "event_id", Sum("count")
        ),
        "turnover": _per_event(_sales(events, organizations), "event_id", Sum("amount_mad")),
        "beneficiaries": _per_event(
            Attendance.objects.filter(session__event__in=_ids(events)),
            "session__event_id",
            Count("person_id", distinct=True),
        ),
    }


def totals(
    events: QuerySet, organizations: QuerySet | None, figures: dict[str, dict[int, Any]]
) -> dict[str, Any]:
    exhibiting = _participations(events, organizations).values("organization_id")
    counted = Organization.objects.filter(pk__in=exhibiting).aggregate(
        total=Count("id"), women=Count("id", filter=Q(women_led=True))
    )
    trained = Attendance.objects.filter(session__event__in=_ids(events)).values("person_id")
    trained_organizations = (
        Person.objects.filter(pk__in=trained, organization__isnull=False)
        .values("organization_id")
        .order_by()
    )
    # A UNION of the two id lists: an OR of two IN sub-queries defeats PostgreSQL's
    # semi-join and took minutes on the national benchmark.
    reached = exhibiting.union(trained_organizations).count()
    outcomes = dict(
        Outcome.objects.filter(meeting__event__in=_ids(events))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    share = round(counted["women"] / counted["total"], 4) if counted["total"] else None
    return {
        "events": len(figures["year"]),
        "exhibitors": sum(figures["exhibitors"].values()),
        "exhibiting_organizations": counted["total"],
        "organizations_reached": reached,
        "women_led_share": share,
        "visitors": sum(value or 0 for value in figures["visitors"].values()),
        "turnover_mad": _money(sum((v or 0 for v in figures["turnover"].values()), Decimal(0))),
        "beneficiaries": sum(figures["beneficiaries"].values()),
        "b2b_meetings": Meeting.objects.filter(event__in=_ids(events))
        .exclude(status=Meeting.Status.CANCELLED)
        .count(),
        "b2b_outcomes": {kind: outcomes.get(kind, 0) for kind in Outcome.Kind.values},
    }


def trends(figures: dict[str, dict[int, Any]]) -> list[dict[str, Any]]:
    """The main figures per year of the events' start."""
    years: dict[int, dict[str, Any]] = {}
    for event_id, year in figures["year"].items():
        row = years.setdefault(
            year,
            {
                "year": year,
                "events": 0,
                "exhibitors": 0,
                "visitors": 0,
                "turnover": Decimal(0),
                "beneficiaries": 0,
            },
        )
        row["events"] += 1
        row["exhibitors"] += figures["exhibitors"].get(event_id, 0)
        row["visitors"] += figures["visitors"].get(event_id) or 0
        row["turnover"] += figures["turnover"].get(event_id) or 0
        row["beneficiaries"] += figures["beneficiaries"].get(event_id, 0)
    return [
        {
            **{k: v for k, v in row.items() if k != "turnover"},
            "turnover_mad": _money(row["turnover"]),
        }
        for _year, row in sorted(years.items())
    ]


def by_region(events: QuerySet, organizations: QuerySet | None) -> list[dict[str, Any]]:
    """Participation by the exhibitors' home region: the map's table."""
    rows = (
        _participations(events, organizations)
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
    organizations = _of_sector(filters)
    figures = per_event(events, organizations)
    return {
        "filters": filters.as_dict(),
        "totals": totals(events, organizations, figures),
        "trends": trends(figures),
        "by_region": by_region(events, organizations),
    }


def organization_history(user, organization: Organization) -> list[dict[str, Any]]:
    """Every fair the organization exhibited at that the user may see, with its validated
    turnover there and its B2B meetings."""
    events = event_access.events_for(user)
    participations = (
        Participation.objects.filter(
            organization=organization,
            status=Participation.Status.CONFIRMED,
            event__in=_ids(events),
        )
        .select_related("event", "wave")
        .order_by("-event__start_date")
    )
    turnover = _per_event(
        SalesDeclaration.objects.filter(
            organization=organization,
            status=SalesDeclaration.Status.VALIDATED,
            superseded=False,
            event__in=_ids(events),
        ),
        "event_id",
        Sum("amount_mad"),
    )
    meetings = _per_event(
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
