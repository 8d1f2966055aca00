"""The closing report of an event (SPEC 4 and 5): ``GET /events/{id}/report``.

Readers: the event's managers, observers and platform administrators
(tadamon.accounts.scoping.can_read_report); 404 for an event the caller cannot see, 403 for
one they see but may not read the report of.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from tadamon.accounts import scoping
from tadamon.events.selectors import events as event_selectors
from tadamon.reports import selectors

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
    if not scoping.can_read_report(request.user, event):
        raise PermissionDenied
    return selectors.closing_report(event)
