"""The call for exhibitors, applications and their review (SPEC 3C and 4).

Scope: an event the caller cannot see answers 404; an application or a review outside the
caller's scope answers 404 (a reviewer sees only the applications assigned to them, an
exhibitor only its own); an action the caller may not take on something they see, 403.
Rule violations (closed call, organization not eligible, illegal change of status) answer
400 naming the field: "call", "eligibility", "status", ...
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from tadamon.accounts.models import User
from tadamon.api.application_schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    AssignmentOut,
    CallIn,
    CallOut,
    CallPatch,
    CriteriaIn,
    ProgressOut,
    ReviewersIn,
    ReviewSummaryOut,
    RoundRobinIn,
    RoundRobinOut,
    ScoresIn,
    TransitionIn,
)
from tadamon.api.inputs import Pages, organization_field
from tadamon.calls import workflow
from tadamon.calls.models import Application, Call, ReviewAssignment
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors import applications as selectors
from tadamon.calls.selectors import reviews as review_selectors
from tadamon.calls.services import applications as services
from tadamon.calls.services import calls as call_services
from tadamon.calls.services import reviews as review_services
from tadamon.core.params import MAX_ID
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event, Wave
from tadamon.registry import references

router = Router(tags=["applications"])


def _event(request: HttpRequest, event_id: int) -> Event:
    return selectors.visible_event(user=request.user, pk=event_id)


def _call(event: Event) -> Call:
    call = selectors.call_of(event)
    if call is None:
        raise ValidationError({"call": _("This event has no call for exhibitors.")}, code="no_call")
    return call


def _application(request: HttpRequest, application_id: int) -> Application:
    return selectors.application_for_view(user=request.user, pk=application_id)


# The call ------------------------------------------------------------------------------


def _call_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """Service arguments from the body fields sent; unknown codes are named by list."""
    arguments: dict[str, Any] = {"fields": {k: data[k] for k in Call.EDITABLE_FIELDS if k in data}}
    errors: dict[str, list[str]] = {}
    lists = {"eligible_kinds": "kind", "eligible_regions": "region", "eligible_sectors": "sector"}
    for field, reference in lists.items():
        if data.get(field) is None:
            continue
        rows = []
        for code in data[field]:
            try:
                rows.append(references.resolve(reference, code))
            except ValidationError as error:
                errors.setdefault(field, []).extend(error.messages)
        arguments[field.removeprefix("eligible_")] = rows
    if errors:
        raise ValidationError(errors)
    return arguments


def _save_criteria(request: HttpRequest, call: Call, criteria: list | None) -> None:
    if criteria is not None:
        items = [item.model_dump(exclude_none=True) for item in criteria]
        call_services.set_criteria(actor=request.user, call=call, criteria=items)


@router.get("/events/{event_id}/call", response=CallOut)
def get_call(request: HttpRequest, event_id: int) -> Call:
    return _call(_event(request, event_id))


@router.post("/events/{event_id}/call", response={201: CallOut})
@transaction.atomic  # the call and its grid, or neither
def open_call(request: HttpRequest, event_id: int, payload: CallIn) -> Status[Call]:
    """Open the event's call; `capacity` left empty is booths × waves."""
    event = require_event_manager(request.user, event_id)
    data = payload.model_dump()
    call = call_services.open_call(actor=request.user, event=event, **_call_arguments(data))
    _save_criteria(request, call, payload.criteria)
    return Status(201, selectors.call_of(event))


@router.patch("/events/{event_id}/call", response=CallOut)
@transaction.atomic
def update_call(request: HttpRequest, event_id: int, payload: CallPatch) -> Call:
    event = _event(request, event_id)
    call = _call(event)
    data = payload.model_dump(exclude_unset=True)
    call_services.update_call(actor=request.user, call=call, **_call_arguments(data))
    _save_criteria(request, call, payload.criteria if "criteria" in data else None)
    return selectors.call_of(event)


@router.put("/events/{event_id}/call/criteria", response=CallOut)
def replace_criteria(request: HttpRequest, event_id: int, payload: CriteriaIn) -> Call:
    """Replace the scoring grid; give the `id` of a criterion to keep it and its scores."""
    event = _event(request, event_id)
    _save_criteria(request, _call(event), payload.criteria)
    return selectors.call_of(event)


# Applications --------------------------------------------------------------------------


def _waves(call: Call, ids: list[int] | None, field: str = "wave_preferences") -> list | None:
    if ids is None:
        return None
    waves = list(Wave.objects.filter(event_id=call.event_id, pk__in=ids))
    unknown = sorted(set(ids) - {wave.pk for wave in waves})
    if unknown:
        raise ValidationError(
            {
                field: _("Not waves of this event: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            }
        )
    return waves


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    fields = {k: data[k] for k in ("motivation", "needs_accessible_booth") if k in data}
    if "products" in data:
        fields["products_text"] = data["products"]
    return fields


@router.post("/events/{event_id}/applications", response={201: ApplicationOut})
def create_application(
    request: HttpRequest, event_id: int, payload: ApplicationIn
) -> Status[Application]:
    """Apply to the event's call (submitted at once unless `submit` is false). Refused
    with 400 when the call is not open ("call") or the organization does not meet the
    call's rules ("eligibility", one message per rule)."""
    call = _call(_event(request, event_id))
    data = payload.model_dump()
    organization = organization_field(user=request.user, pk=payload.organization)
    application = services.apply(
        actor=request.user,
        call=call,
        organization=organization,
        fields=_answers(data),
        wave_preferences=_waves(call, payload.wave_preferences),
        submit=payload.submit,
    )
    return Status(201, _application(request, application.pk))


@router.get("/events/{event_id}/applications", response=list[ApplicationOut])
@paginate(Pages)
def list_applications(
    request: HttpRequest,
    event_id: int,
    status: str = Query("", max_length=20, description="An application status"),
    wave: int | None = Query(
        None, ge=1, le=MAX_ID, description="Applicants who can attend this wave"
    ),
    region: str = Query("", max_length=8, description="Region code of the applicant"),
    women_led: bool | None = None,
    ordering: str = Query("score", max_length=20, description="score, submitted, name, status"),
) -> QuerySet:
    """Managers see every application, a reviewer those assigned to them, an exhibitor
    its own."""
    call = _call(_event(request, event_id))
    return selectors.application_list(
        user=request.user,
        call=call,
        status=status,
        wave=wave,
        region=region,
        women_led=women_led,
        ordering=ordering,
    ).prefetch_related("wave_preferences")


@router.get("/applications/{application_id}", response=ApplicationOut)
def get_application(request: HttpRequest, application_id: int) -> Application:
    return _application(request, application_id)


@router.patch("/applications/{application_id}", response=ApplicationOut)
def update_application(
    request: HttpRequest, application_id: int, payload: ApplicationPatch
) -> Application:
    """Change the answers of a draft, or of a submitted application while the call is open."""
    application = _application(request, application_id)
    data = payload.model_dump(exclude_unset=True)
    services.save_application(
        actor=request.user,
        call=application.call,
        application=application,
        fields=_answers(data),
        wave_preferences=_waves(application.call, data.get("wave_preferences")),
    )
    return _application(request, application_id)


def _not_by_hand(status: str) -> str | None:
    """Why a status is reached only through the waiting list or time, never asked for."""
    return {
        S.DRAFT: _("An application does not go back to draft."),
        S.OFFERED: _("Places are offered from the waiting list."),
        S.EXPIRED: _("An offer expires by itself at its deadline."),
    }.get(status)


def _apply_transition(user: User, application: Application, payload: TransitionIn) -> None:
    target = payload.status
    workflow.check_transition(application, target)
    if reason := _not_by_hand(target):
        raise ValidationError({"status": reason})
    if target == S.SUBMITTED:
        services.submit_application(actor=user, application=application)
    elif target == S.UNDER_REVIEW:
        services.start_review(actor=user, application=application)
    elif target == S.ACCEPTED and application.status == S.OFFERED:
        services.accept_offer(actor=user, application=application)
    elif target in services.DECISIONS:
        [wave] = _waves(application.call, [payload.wave], field="wave") if payload.wave else [None]
        services.decide(actor=user, application=application, decision=target, wave=wave)
    elif target == S.CONFIRMED:
        services.confirm(actor=user, application=application)
    elif target == S.WITHDRAWN:
        services.withdraw(actor=user, application=application, reason=payload.reason)


@router.post("/applications/{application_id}/transitions", response=ApplicationOut)
def change_status(request: HttpRequest, application_id: int, payload: TransitionIn) -> Application:
    """Move the application to `status`: submitted (the applicant), under_review, accepted
    (with an optional `wave`), waitlisted, rejected (the managers), confirmed (the
    applicant), withdrawn (the applicant or a manager). 400 naming "status" when the
    change is not allowed from the current status, 403 when the caller may not make it."""
    application = _application(request, application_id)
    _apply_transition(request.user, application, payload)
    return _application(request, application_id)


# Reviews -------------------------------------------------------------------------------


def _users(ids: list[int], field: str = "reviewers") -> list[User]:
    users = list(User.objects.filter(pk__in=ids))
    unknown = sorted(set(ids) - {user.pk for user in users})
    if unknown:
        raise ValidationError(
            {field: _("Unknown users: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}}
        )
    return users


def _assignments(application: Application) -> QuerySet:
    return application.assignments.select_related("reviewer").prefetch_related("scores")


@router.post("/applications/{application_id}/reviewers", response={201: list[AssignmentOut]})
def assign_reviewers(
    request: HttpRequest, application_id: int, payload: ReviewersIn
) -> Status[list]:
    """Assign reviewers (never one of the applicant organization); answers every
    assignment of the application."""
    application = _application(request, application_id)
    review_services.assign_reviewers(
        actor=request.user, applications=[application], reviewers=_users(payload.reviewers)
    )
    return Status(201, list(_assignments(application)))


@router.get("/applications/{application_id}/reviews", response=ReviewSummaryOut)
def application_reviews(request: HttpRequest, application_id: int) -> dict[str, Any]:
    """Every review with its total, the aggregate score and the spread (managers only)."""
    application = _application(request, application_id)
    require_event_manager(request.user, application.call.event)
    summary = review_selectors.review_summary(application)
    reviews = []
    for review in summary.reviews:
        review.assignment.total = review.total
        reviews.append(review.assignment)
    return {"score": summary.score, "spread": summary.spread, "reviews": reviews}


@router.post("/events/{event_id}/reviewers/round-robin", response=RoundRobinOut)
def assign_round_robin(request: HttpRequest, event_id: int, payload: RoundRobinIn) -> dict:
    """Give every submitted application `per_application` of the reviewers, in turn."""
    call = _call(_event(request, event_id))
    result = review_services.assign_round_robin(
        actor=request.user,
        call=call,
        reviewers=_users(payload.reviewers),
        per_application=payload.per_application,
    )
    return {"assigned": len(result.created), "short": [a.pk for a in result.short]}


@router.get("/events/{event_id}/review-progress", response=list[ProgressOut])
def review_progress(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    """Reviews assigned and completed per reviewer, those with most left to do first."""
    call = _call(_event(request, event_id))
    return [
        {
            "reviewer": p.reviewer.pk,
            "username": p.reviewer.username,
            "name": p.reviewer.get_full_name(),
            "assigned": p.assigned,
            "completed": p.completed,
            "remaining": p.remaining,
        }
        for p in review_selectors.review_progress(user=request.user, call=call)
    ]


@router.get("/reviews", response=list[AssignmentOut])
@paginate(Pages)
def my_reviews(request: HttpRequest, pending: bool | None = None) -> QuerySet:
    """The reviews assigned to the caller; `pending=true` for those left to do."""
    return (
        review_selectors.assignments_of(user=request.user, pending=pending)
        .select_related("reviewer")
        .prefetch_related("scores")
    )


@router.get("/reviews/{assignment_id}", response=AssignmentOut)
def get_review(request: HttpRequest, assignment_id: int) -> ReviewAssignment:
    return review_selectors.visible_assignment(user=request.user, pk=assignment_id)


@router.post("/reviews/{assignment_id}/scores", response=AssignmentOut)
def score_review(request: HttpRequest, assignment_id: int, payload: ScoresIn) -> ReviewAssignment:
    """The assigned reviewer's points for every criterion (`{criterion_id: points}`)."""
    assignment = review_selectors.visible_assignment(user=request.user, pk=assignment_id)
    review_services.score(
        actor=request.user, assignment=assignment, points=payload.scores, comment=payload.comment
    )
    return review_selectors.visible_assignment(user=request.user, pk=assignment_id)
