"""The closing report of an event (SPEC 4 and 5): ``GET /events/{id}/report``.

Readers: the event's managers, observers and platform administrators
(tadamon.accounts.event_access.can_read_report); 404 for an event the caller cannot see, 403 for
one they see but may not read the report of.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from tadamon.core.params import MAX_ID
from tadamon.events import access as event_access
from tadamon.events.selectors import events as event_selectors
from tadamon.registry import selectors as registry_selectors
from tadamon.reports import observatory, selectors

router = Router(tags=["reports"])


class WaveFigures(Schema):
    label: str
    start: datetime.date
    end: datetime.date
    exhibitors: int


class AwardFigure(Schema):
    category: str = Field(description="The category's code")
    category_name: str
    winner: str
    organization: int | None
    person: int | None
    rank: int
    joint: bool = Field(False, description="Another winner of the category shares this rank")


class ReportFigures(Schema):
    """Every figure of SPEC 5; null means unknown (nothing was recorded), never 0."""

    event: int
    exhibitors: int | None = Field(description="Organizations with a confirmed participation")
    exhibitors_by_kind: dict[str, int]
    exhibitors_by_region: dict[str, int]
    exhibitors_by_sector: dict[str, int] = Field(
        description=f"By primary sector code; `{selectors.UNSPECIFIED}` for those without one"
    )
    women_led_exhibitors: int | None
    waves: list[WaveFigures]
    visitors: int | None = Field(description="Sum of the recorded visitor counts")
    turnover_mad: str | None = Field(description="Sum of validated sales declarations, 2 decimals")
    sessions: dict[str, int] = Field(description="Sessions held, by kind")
    beneficiaries: int | None
    beneficiaries_women: int | None
    beneficiary_organizations: int | None
    communes: int | None
    b2b_meetings: int | None = Field(
        description="B2B meetings held (not cancelled, slot ended or outcome recorded)"
    )
    awards: list[AwardFigure] = Field(description="Published winners")
    area_m2: int | None
    days: int
    edition: int | None


class ReportOut(ReportFigures):
    previous_edition: ReportFigures | None = Field(
        description="The same figures for the previous edition of the series, or null"
    )


@router.get("/events/{event_id}/report", response=ReportOut)
def closing_report(request: HttpRequest, event_id: int) -> dict:
    """The closing report: exhibitors, visitors, turnover, beneficiaries, awards, and the
    previous edition's figures for comparison."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    if not event_access.can_read_report(request.user, event):
        raise PermissionDenied
    return selectors.closing_report(event)


# The observatory (SPEC 3J) -------------------------------------------------------------


class ObservatoryTotals(Schema):
    events: int
    exhibitors: int
    exhibiting_organizations: int
    organizations_reached: int
    women_led_share: float | None = Field(description="0..1; null without exhibitors")
    visitors: int
    turnover_mad: str
    beneficiaries: int
    b2b_meetings: int
    b2b_outcomes: dict[str, int]


class YearRow(Schema):
    year: int
    events: int
    exhibitors: int
    visitors: int
    turnover_mad: str
    beneficiaries: int


class RegionRow(Schema):
    code: str
    region: str
    exhibitors: int
    organizations: int
    women_led: int


class ObservatoryOut(Schema):
    filters: dict
    totals: ObservatoryTotals
    trends: list[YearRow]
    by_region: list[RegionRow]


class HistoryRow(Schema):
    event: int
    title: str
    start_date: datetime.date
    wave: str
    turnover_mad: str | None
    b2b_meetings: int


@router.get("/observatory", response=ObservatoryOut)
def observatory_figures(
    request: HttpRequest,
    region: str = "",
    province: str = "",
    # Bounded as in the events list: a year far out of range made the date filter overflow.
    year: int | None = Query(None, ge=1900, le=2200, description="Events taking place that year"),
    kind: str = "",
    sector: str = "",
    organizer: int | None = Query(None, ge=1, le=MAX_ID, description="An organizer's id"),
) -> dict:
    """Totals, trends by year and exhibitors by home region over the events the caller may
    see, filtered by region and province codes, year, event kind, sector code, organizer id."""
    filters = observatory.Filters(
        region=region, province=province, year=year, kind=kind, sector=sector, organizer=organizer
    )
    return observatory.observatory(request.user, filters)


@router.get("/organizations/{organization_id}/history", response=list[HistoryRow])
def organization_history(request: HttpRequest, organization_id: int) -> list[dict]:
    """The fairs an organization exhibited at (those the caller may see), newest first."""
    organization = registry_selectors.organization_for_view(user=request.user, pk=organization_id)
    return [
        {
            "event": row["event"].pk,
            "title": row["event"].title,
            "start_date": row["event"].start_date,
            "wave": row["wave"],
            "turnover_mad": row["turnover_mad"],
            "b2b_meetings": row["b2b_meetings"],
        }
        for row in observatory.organization_history(request.user, organization)
    ]
