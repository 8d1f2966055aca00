"""Selection under quotas, the waiting list and offers of freed places (SPEC 3C and 4).

- ``POST /events/{id}/selection`` ``{"quotas": {...}}`` computes a proposal (201). Quotas are
  those of tadamon.calls.quotas: shares between 0 and 1 (``min_share_women_led``,
  ``min_share_youth_led``, ``min_share_first_time``, ``min_share_women_led_per_wave``) and
  counts by code (``min_per_region``, ``max_per_region``, ``min_per_province``,
  ``max_per_province``, ``min_per_sector``, ``max_per_sector``). A malformed quota answers 400
  naming it; quotas that cannot all be met are not an error: the run's ``result.status`` is
  ``INFEASIBLE``, ``result.conflicts`` says which quotas conflict, and the selection shown is
  the best one with the quotas of ``result.relaxed`` dropped (it cannot be adjusted or
  published: compute again without them).
- ``GET /events/{id}/selections``, ``GET /selections/{id}``, ``POST /selections/{id}/adjust``
  ``{"include": [ids], "exclude": [ids]}``, ``POST /selections/{id}/publish``
  ``{"confirm_broken_quotas": false}``.
- ``GET /events/{id}/waiting-list``; ``POST /applications/{id}/accept-offer`` (the applicant).

The event's managers only, except accepting an offer; 404 when the caller cannot see the
event, 403 when they see it without managing it.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from tadamon.api.application_schemas import ApplicationOut
from tadamon.calls import quotas as quota_rules
from tadamon.calls.models import Application, Call, SelectionRun
from tadamon.calls.selectors import applications as application_selectors
from tadamon.calls.selectors import selection as selectors
from tadamon.calls.selectors.applications import waiting_list
from tadamon.calls.selectors.selection import Row
from tadamon.calls.services import applications as application_services
from tadamon.calls.services import selection as services
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event

router = Router(tags=["selection"])

Ids = list[int]


class SelectionIn(Schema):
    quotas: dict[str, Any] = Field(default_factory=dict, description="See the tag's description")


class AdjustIn(Schema):
    include: Ids = Field(default_factory=list, max_length=100_000)
    exclude: Ids = Field(default_factory=list, max_length=100_000)


class PublishIn(Schema):
    confirm_broken_quotas: bool = Field(
        False, description="Needed when adjustments by hand broke quotas"
    )


class QuotaOut(Schema):
    name: str
    key: str | None
    label: str
    required: float | int | None
    achieved: float | int | None
    binding: bool = False
    met: bool = True


class ConflictOut(Schema):
    name: str
    key: str | None
    label: str
    required: float | int | None
    reason: str | None = Field(
        None, description="no_members: no placeable applicant counts towards this share"
    )
    message: str


class RelaxedOut(Schema):
    label: str = Field(description="The quota dropped, in words")
    quota: str = Field(description="As the optimizer names it: name or name:key, or fill")


class DecisionOut(Schema):
    application: int
    organization: int
    organization_name: str
    score: float | None
    wave: str | None = None
    rank: int | None = None
    reason: str = Field(description="The optimizer's reason code")
    explanation: str = Field(description="The reason in words, in the request's language")


class ResultOut(Schema):
    status: str = Field(description="OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN")
    places_available: int
    places_filled: int
    objective: float | None
    bound: float | None
    unconstrained_objective: float | None = Field(description="Top scores without quotas")
    quota_cost: float | None = Field(description="Score points the quotas cost")
    quota_cost_share: float | None
    quotas: list[QuotaOut]
    conflicts: list[ConflictOut]
    relaxed: list[RelaxedOut] = Field(
        description="Quotas dropped to show the best selection when they conflict"
    )


class SelectionOut(Schema):
    id: int
    event: int
    call: int
    status: str = Field(description="proposed, published or discarded")
    quotas: dict[str, Any]
    created_at: datetime.datetime
    published_at: datetime.datetime | None
    result: ResultOut
    selected: list[DecisionOut]
    waitlist: list[DecisionOut]
    rejected: list[DecisionOut]
    broken_quotas: list[QuotaOut] = Field(description="Quotas the adjustments by hand broke")


class WaitingOut(Schema):
    application: int
    organization: int
    organization_name: str
    rank: int | None
    score: float | None
    wave_preferences: Ids


def _call(event: Event) -> Call:
    call = application_selectors.call_of(event)
    if call is None:
        raise ValidationError({"call": _("This event has no call for exhibitors.")})
    return call


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _decision(row: Row, reasons: dict[str, str]) -> dict[str, Any]:
    application = row.application
    return {
        "application": application.pk,
        "organization": application.organization_id,
        "organization_name": str(application.organization),
        "score": _number(application.score),
        "wave": row.wave,
        "rank": row.rank,
        "reason": reasons.get(str(application.pk), ""),
        "explanation": row.explanation,
    }


def _quota(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "key": item.get("key"),
        "label": quota_rules.quota_label(item["name"], item.get("key")),
        "required": item.get("required"),
        "achieved": item.get("achieved"),
        "binding": bool(item.get("binding")),
        "met": item.get("met", True),
    }


def _selection(run: SelectionRun) -> dict[str, Any]:
    report = selectors.describe(run)
    result = run.result
    conflicts = result.get("conflicts", [])
    messages = quota_rules.conflict_messages(conflicts)
    reasons = result.get("explanations", {})
    adjusted = run.adjustments or {}
    return {
        "id": run.pk,
        "event": run.call.event_id,
        "call": run.call_id,
        "status": run.status,
        "quotas": run.quotas,
        "created_at": run.created_at,
        "published_at": run.published_at,
        "result": {
            "status": result.get("status", ""),
            "places_available": result.get("places_available", 0),
            "places_filled": len(report.selected) if report.has_selection else 0,
            "objective": _number(result.get("objective")),
            "bound": _number(result.get("bound")),
            "unconstrained_objective": _number(result.get("unconstrained_objective")),
            "quota_cost": _number(result.get("quota_cost")),
            "quota_cost_share": _number(result.get("quota_cost_share")),
            "quotas": [_quota(item) for item in adjusted.get("quotas") or result.get("quotas", [])],
            "conflicts": [
                {
                    "name": item["name"],
                    "key": item.get("key"),
                    "label": quota_rules.quota_label(item["name"], item.get("key")),
                    "required": item.get("required"),
                    "reason": item.get("reason"),
                    "message": message,
                }
                for item, message in zip(conflicts, messages, strict=True)
            ],
            "relaxed": [
                {"quota": quota, "label": label}
                for quota, label in zip(result.get("relaxed", []), report.relaxed, strict=True)
            ],
        },
        "selected": [_decision(row, reasons) for row in report.selected],
        "waitlist": [_decision(row, reasons) for row in report.waitlist],
        "rejected": [_decision(row, {}) | {"reason": "excluded"} for row in report.rejected],
        "broken_quotas": [_quota(item) for item in adjusted.get("broken", [])],
    }


def _run(request: HttpRequest, run_id: int) -> SelectionRun:
    return selectors.run_for_manage(user=request.user, pk=run_id)


@router.post("/events/{event_id}/selection", response={201: SelectionOut})
def compute_selection(
    request: HttpRequest, event_id: int, payload: SelectionIn
) -> Status[dict[str, Any]]:
    """Compute a proposal under `quotas`; nothing is decided until it is published."""
    call = _call(require_event_manager(request.user, event_id))
    run = services.run_selection(call=call, quotas=payload.quotas, actor=request.user)
    return Status(201, _selection(run))


@router.get("/events/{event_id}/selections", response=list[SelectionOut])
def list_selections(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    call = _call(require_event_manager(request.user, event_id))
    return [_selection(run) for run in selectors.runs_of(call)[:20]]


@router.get("/selections/{run_id}", response=SelectionOut)
def get_selection(request: HttpRequest, run_id: int) -> dict[str, Any]:
    return _selection(_run(request, run_id))


@router.post("/selections/{run_id}/adjust", response=SelectionOut)
def adjust_selection(request: HttpRequest, run_id: int, payload: AdjustIn) -> dict[str, Any]:
    """Take applications in or out by hand; `broken_quotas` lists what that breaks."""
    run = _run(request, run_id)
    services.adjust(run=run, actor=request.user, include=payload.include, exclude=payload.exclude)
    return _selection(_run(request, run_id))


@router.post("/selections/{run_id}/publish", response=SelectionOut)
def publish_selection(
    request: HttpRequest, run_id: int, payload: PublishIn | None = None
) -> dict[str, Any]:
    """Decide every pending application as proposed and e-mail the applicants."""
    run = _run(request, run_id)
    confirm = payload.confirm_broken_quotas if payload is not None else False
    services.publish(run=run, actor=request.user, confirm_broken_quotas=confirm)
    return _selection(_run(request, run_id))


@router.get("/events/{event_id}/waiting-list", response=list[WaitingOut])
def get_waiting_list(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    """The waitlisted applications, best-ranked first."""
    call = _call(require_event_manager(request.user, event_id))
    return [
        {
            "application": application.pk,
            "organization": application.organization_id,
            "organization_name": str(application.organization),
            "rank": application.waitlist_rank,
            "score": _number(application.score),
            "wave_preferences": sorted(wave.pk for wave in application.wave_preferences.all()),
        }
        for application in waiting_list(call).prefetch_related("wave_preferences")
    ]


@router.post("/applications/{application_id}/accept-offer", response=ApplicationOut)
def accept_offer(request: HttpRequest, application_id: int) -> Application:
    """The applicant accepts the place offered, before the deadline (then confirms it)."""
    application = application_selectors.application_for_view(user=request.user, pk=application_id)
    application_services.accept_offer(actor=request.user, application=application)
    return application_selectors.application_for_view(user=request.user, pk=application_id)
