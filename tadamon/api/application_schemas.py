"""Bodies of the call, application and review endpoints (SPEC 3C and 4).

Ids are integers, reference lists take codes, dates ISO 8601, scores decimals (0–100).
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from tadamon.api.schemas import Code, Id, Name, Text, Year
from tadamon.calls.models import Application, ApplicationStatus, Call, ReviewAssignment
from tadamon.calls.services.applications import is_open
from tadamon.events import access as event_access

Points = Annotated[int, Field(ge=0, le=32767)]
Weight = Annotated[Decimal, Field(ge=0, max_digits=5, decimal_places=2)]
MaxPoints = Annotated[int, Field(ge=1, le=1000)]
OfferDays = Annotated[int, Field(ge=1, le=60)]
Places = Annotated[int, Field(ge=1, le=100_000)]


def _codes(rows) -> list[str]:
    return [row.code for row in rows.all()]


# Calls ---------------------------------------------------------------------------------


class CriterionIn(Schema):
    id: Id | None = Field(None, description="To keep an existing criterion and its scores")
    name_ar: Name = ""
    name_fr: Name = ""
    weight: Weight = Decimal(1)
    max_points: MaxPoints = 10


class CriterionOut(Schema):
    id: int
    name_ar: str
    name_fr: str
    weight: Decimal
    max_points: int
    position: int


class CriteriaIn(Schema):
    criteria: list[CriterionIn] = Field(max_length=50)


class CallIn(Schema):
    opens_on: datetime.date
    closes_on: datetime.date
    capacity: Places | None = Field(None, description="Places; empty: booths × waves")
    eligible_kinds: list[Code] = Field(default_factory=list, max_length=50)
    eligible_regions: list[Code] = Field(default_factory=list, max_length=50)
    eligible_sectors: list[Code] = Field(default_factory=list, max_length=100)
    microcredit_only: bool = False
    founded_before: Year | None = None
    offer_days: OfferDays = 3
    instructions_ar: Text = ""
    instructions_fr: Text = ""
    criteria: list[CriterionIn] | None = Field(None, max_length=50)


class CallPatch(CallIn):
    """Only the fields sent change; a list sent replaces the list."""

    opens_on: datetime.date = None
    closes_on: datetime.date = None
    eligible_kinds: list[Code] | None = Field(None, max_length=50)
    eligible_regions: list[Code] | None = Field(None, max_length=50)
    eligible_sectors: list[Code] | None = Field(None, max_length=100)


class CallOut(Schema):
    id: int
    event: int
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool
    capacity: int
    eligible_kinds: list[str]
    eligible_regions: list[str]
    eligible_sectors: list[str]
    microcredit_only: bool
    founded_before: int | None
    offer_days: int
    instructions_ar: str
    instructions_fr: str
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_event(obj: Call) -> int:
        return obj.event_id

    @staticmethod
    def resolve_is_open(obj: Call) -> bool:
        return is_open(obj)

    @staticmethod
    def resolve_eligible_kinds(obj: Call) -> list[str]:
        return _codes(obj.eligible_kinds)

    @staticmethod
    def resolve_eligible_regions(obj: Call) -> list[str]:
        return _codes(obj.eligible_regions)

    @staticmethod
    def resolve_eligible_sectors(obj: Call) -> list[str]:
        return _codes(obj.eligible_sectors)

    @staticmethod
    def resolve_criteria(obj: Call) -> list:
        return list(obj.criteria.all())


# Applications --------------------------------------------------------------------------


class ApplicationIn(Schema):
    organization: Id | None = Field(
        None, description="The applicant's id; an exhibitor's own organization by default"
    )
    motivation: Text = ""
    products: Text = Field("", description="The products to exhibit")
    wave_preferences: list[Id] = Field(
        default_factory=list, max_length=50, description="Ids of waves the applicant can attend"
    )
    needs_accessible_booth: bool = False
    submit: bool = Field(True, description="false keeps a draft")


class ApplicationPatch(Schema):
    """Only the fields sent change (drafts, or submitted while the call is open)."""

    motivation: Text = None
    products: Text = None
    wave_preferences: list[Id] | None = Field(None, max_length=50)
    needs_accessible_booth: bool = None


def _sees_scores(context, application: Application) -> bool:
    """Scores are for the event's managers: reviewers and applicants see none."""
    request = (context or {}).get("request")
    if request is None:
        return False
    if not hasattr(request, "_tadamon_managed_events"):
        managed = event_access.managed_events_for(request.user).values_list("pk", flat=True)
        request._tadamon_managed_events = set(managed)
    return application.call.event_id in request._tadamon_managed_events


class ApplicationOut(Schema):
    id: int
    event: int
    call: int
    organization: int
    organization_name: str
    status: str
    motivation: str
    products: str
    wave_preferences: list[int]
    needs_accessible_booth: bool
    first_participation: bool
    wave: int | None = Field(description="The wave assigned, once accepted")
    score: Decimal | None = Field(description="0–100; shown to the event's managers only")
    waitlist_rank: int | None
    offer_expires_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_event(obj: Application) -> int:
        return obj.call.event_id

    @staticmethod
    def resolve_call(obj: Application) -> int:
        return obj.call_id

    @staticmethod
    def resolve_organization(obj: Application) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: Application) -> str:
        return str(obj.organization)

    @staticmethod
    def resolve_products(obj: Application) -> str:
        return obj.products_text

    @staticmethod
    def resolve_wave_preferences(obj: Application) -> list[int]:
        return sorted(wave.pk for wave in obj.wave_preferences.all())

    @staticmethod
    def resolve_wave(obj: Application) -> int | None:
        return obj.wave_id

    @staticmethod
    def resolve_score(obj: Application, context) -> Decimal | None:
        return obj.score if _sees_scores(context, obj) else None


class TransitionIn(Schema):
    status: Literal[tuple(ApplicationStatus.values)] = Field(
        description="submitted, under_review, accepted, waitlisted, rejected, confirmed, withdrawn"
    )
    wave: Id | None = Field(None, description="For accepted: the wave assigned")
    reason: Text = Field("", description="For withdrawn: why, for the record")


# Reviews -------------------------------------------------------------------------------


class ReviewersIn(Schema):
    reviewers: list[Id] = Field(min_length=1, max_length=100, description="User ids")


class RoundRobinIn(Schema):
    reviewers: list[Id] = Field(min_length=1, max_length=100, description="User ids")
    per_application: int = Field(ge=1, le=100)


class RoundRobinOut(Schema):
    assigned: int
    short: list[int] = Field(description="Applications left with fewer reviewers than asked")


class ScoresIn(Schema):
    scores: dict[Id, Points] = Field(description="Points by criterion id", max_length=50)
    comment: Text | None = None


class AssignmentOut(Schema):
    id: int
    application: int
    reviewer: int
    reviewer_name: str
    completed_at: datetime.datetime | None
    comment: str
    scores: dict[str, int]

    @staticmethod
    def resolve_application(obj: ReviewAssignment) -> int:
        return obj.application_id

    @staticmethod
    def resolve_reviewer(obj: ReviewAssignment) -> int:
        return obj.reviewer_id

    @staticmethod
    def resolve_reviewer_name(obj: ReviewAssignment) -> str:
        return obj.reviewer.get_full_name() or obj.reviewer.username

    @staticmethod
    def resolve_scores(obj: ReviewAssignment) -> dict[str, int]:
        return {str(score.criterion_id): score.points for score in obj.scores.all()}


class ReviewOut(AssignmentOut):
    total: Decimal | None = Field(description="0–100, weighted")


class ReviewSummaryOut(Schema):
    score: Decimal | None = Field(description="Mean of the completed reviews' totals")
    spread: Decimal | None = Field(description="Highest total − lowest total")
    reviews: list[ReviewOut]


class ProgressOut(Schema):
    reviewer: int
    username: str
    name: str
    assigned: int
    completed: int
    remaining: int
