"""Awards (SPEC 3I and 4): categories, juries, computed and hand-recorded winners.

Managing (template, jurors, candidates, criteria, compute, close, publish, record by hand)
is for the event's managers; scoring is for the category's jurors, who see only their own
scores until the jury closes. 404 for an event or category the caller cannot see, 403 for
one they see but may not act on.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from tadamon.accounts.models import User
from tadamon.api.inputs import organization_field
from tadamon.awards import access as awards_access
from tadamon.awards import selectors, services
from tadamon.awards.models import AwardCategory, AwardResult, Candidate, JuryScore
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.registry import access as registry_access
from tadamon.registry.models import Person

router = Router(tags=["awards"])


class AwardIn(Schema):
    category: int | str = Field(..., description="The category's id or code")
    organization: int | None = None
    person: int | None = None
    rank: int | None = Field(
        None, ge=1, le=32767, description="Omitted: a joint winner of the category (rank 1)"
    )


class AwardOut(Schema):
    id: int
    category: str
    category_id: int
    category_name: str
    organization: int | None
    person: int | None
    winner: str
    rank: int
    joint: bool = Field(False, description="Another winner of the category shares this rank")
    score: Decimal | None
    explanation: str
    manual: bool
    published: bool

    @staticmethod
    def resolve_category(obj: AwardResult) -> str:
        return obj.category.code

    @staticmethod
    def resolve_joint(obj: AwardResult) -> bool:
        joint = getattr(obj, "joint", None)  # annotated by selectors.with_joint
        if joint is None:
            joint = obj.category.results.filter(rank=obj.rank).exclude(pk=obj.pk).exists()
        return joint

    @staticmethod
    def resolve_category_name(obj: AwardResult) -> str:
        return obj.category.name

    @staticmethod
    def resolve_organization(obj: AwardResult) -> int | None:
        return obj.organization_id

    @staticmethod
    def resolve_person(obj: AwardResult) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_winner(obj: AwardResult) -> str:
        return str(obj.winner)

    @staticmethod
    def resolve_published(obj: AwardResult) -> bool:
        return obj.category.published_at is not None


class CategoryOut(Schema):
    id: int
    code: str
    name_ar: str
    name_fr: str
    kind: str
    rule: str
    winners_count: int
    position: int
    jury_closed_at: datetime.datetime | None
    published_at: datetime.datetime | None


class JurorIn(Schema):
    user: int


class CandidateIn(Schema):
    organization: int | None = None
    person: int | None = None


class JuryCriterionIn(Schema):
    name_ar: str = Field("", max_length=200)
    name_fr: str = Field("", max_length=200)
    weight: Decimal = Field(Decimal(1), gt=0, max_digits=6, decimal_places=2)
    max_points: int = Field(10, gt=0, le=1000)


class ScoreIn(Schema):
    candidate: int
    criterion: int
    points: Decimal = Field(..., ge=0, max_digits=6, decimal_places=2)


class ScoreOut(Schema):
    candidate: int
    criterion: int
    juror: int
    points: Decimal

    @staticmethod
    def resolve_candidate(obj: JuryScore) -> int:
        return obj.candidate_id

    @staticmethod
    def resolve_criterion(obj: JuryScore) -> int:
        return obj.criterion_id

    @staticmethod
    def resolve_juror(obj: JuryScore) -> int:
        return obj.juror.user_id


class IdOut(Schema):
    id: int


def _category(request: HttpRequest, category_id: int, *, manage: bool = True) -> AwardCategory:
    category = get_object_or_404(
        AwardCategory.objects.select_related("event"),
        pk=category_id,
        event__in=event_access.events_for(request.user),
    )
    if manage and not awards_access.can_manage_awards(request.user, category.event):
        raise PermissionDenied
    return category


def _category_of(event: Event, value: int | str) -> AwardCategory:
    lookup = {"pk": value} if isinstance(value, int) else {"code": value}
    try:
        return event.award_categories.get(**lookup)
    except (AwardCategory.DoesNotExist, ValueError):
        raise ValidationError(
            {"category": _("This event has no award category %(value)s.") % {"value": value}}
        ) from None


def _person_field(request: HttpRequest, pk: int | None) -> Person | None:
    if pk is None:
        return None
    person = registry_access.people_for(request.user).filter(pk=pk).first()
    if person is None:
        raise ValidationError({"person": _("Unknown person: %(id)s.") % {"id": pk}})
    return person


@router.post("/events/{event_id}/awards", response={201: AwardOut})
def record_award(request: HttpRequest, event_id: int, payload: AwardIn):
    event = require_event_manager(request.user, event_id)
    category = _category_of(event, payload.category)
    organization = organization_field(user=request.user, pk=payload.organization)
    person = _person_field(request, payload.person)
    result = services.award_manually(
        category=category,
        actor=request.user,
        organization=organization,
        person=person,
        rank=payload.rank,
    )
    return Status(201, result)


@router.get("/events/{event_id}/awards", response=list[AwardOut])
def list_awards(request: HttpRequest, event_id: int):
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    manager = awards_access.can_manage_awards(request.user, event)
    return list(selectors.results_of(event, published_only=not manager))


@router.post("/events/{event_id}/awards/compute", response=list[AwardOut])
def compute_awards(request: HttpRequest, event_id: int):
    event = require_event_manager(request.user, event_id)
    return services.compute_event(event=event, actor=request.user)


@router.get("/events/{event_id}/award-categories", response=list[CategoryOut])
def list_categories(request: HttpRequest, event_id: int):
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    return list(event.award_categories.all())


@router.post("/events/{event_id}/award-categories/template", response={201: list[CategoryOut]})
def categories_from_template(request: HttpRequest, event_id: int):
    event = require_event_manager(request.user, event_id)
    return Status(201, services.create_from_template(event=event, actor=request.user))


@router.post("/award-categories/{category_id}/publish", response=CategoryOut)
def publish_category(request: HttpRequest, category_id: int):
    category = _category(request, category_id)
    return services.publish(category=category, actor=request.user)


@router.post("/award-categories/{category_id}/jurors", response={201: IdOut})
def add_juror(request: HttpRequest, category_id: int, payload: JurorIn):
    category = _category(request, category_id)
    user = User.objects.filter(pk=payload.user, is_active=True).first()
    if user is None:
        raise ValidationError({"juror": _("Unknown user: %(id)s.") % {"id": payload.user}})
    juror = services.assign_juror(category=category, user=user, actor=request.user)
    return Status(201, juror)


@router.post("/award-categories/{category_id}/candidates", response={201: IdOut})
def add_candidate(request: HttpRequest, category_id: int, payload: CandidateIn):
    category = _category(request, category_id)
    organization = organization_field(user=request.user, pk=payload.organization)
    person = _person_field(request, payload.person)
    candidate = services.add_candidate(
        category=category, actor=request.user, organization=organization, person=person
    )
    return Status(201, candidate)


@router.post("/award-categories/{category_id}/criteria", response={201: IdOut})
def add_criterion(request: HttpRequest, category_id: int, payload: JuryCriterionIn):
    category = _category(request, category_id)
    criterion = services.add_criterion(category=category, actor=request.user, **payload.dict())
    return Status(201, criterion)


@router.post("/award-categories/{category_id}/scores", response={201: ScoreOut})
def give_score(request: HttpRequest, category_id: int, payload: ScoreIn):
    category = _category(request, category_id, manage=False)
    if not awards_access.is_juror_of(request.user, category):
        raise PermissionDenied
    candidate = Candidate.objects.filter(category=category, pk=payload.candidate).first()
    if candidate is None:
        raise ValidationError(
            {"candidate": _("Unknown candidate: %(id)s.") % {"id": payload.candidate}}
        )
    criterion = category.criteria.filter(pk=payload.criterion).first()
    if criterion is None:
        raise ValidationError(
            {"criterion": _("Unknown criterion: %(id)s.") % {"id": payload.criterion}}
        )
    entry = services.score(
        juror_user=request.user, candidate=candidate, criterion=criterion, points=payload.points
    )
    return Status(201, entry)


@router.get("/award-categories/{category_id}/scores", response=list[ScoreOut])
def list_scores(request: HttpRequest, category_id: int):
    category = _category(request, category_id, manage=False)
    if awards_access.can_manage_awards(request.user, category.event):
        return list(selectors.visible_scores(user=request.user, category=category, everyone=True))
    if not awards_access.is_juror_of(request.user, category):
        raise PermissionDenied
    return list(selectors.visible_scores(user=request.user, category=category))


@router.post("/award-categories/{category_id}/close", response=list[AwardOut])
def close_jury(
    request: HttpRequest,
    category_id: int,
    confirm_without_scores: bool = Query(
        False, description="Needed to close a jury that has no score at all (ranks nobody)"
    ),
):
    """Close the jury and rank its candidates; without any score, 400 naming
    `confirm_without_scores` unless it is true (the request has no body)."""
    category = _category(request, category_id)
    return services.close_jury(
        category=category, actor=request.user, confirm_without_scores=confirm_without_scores
    )
