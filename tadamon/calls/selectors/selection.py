"""Queries for the selection pages and endpoints: a call's proposals, and one proposal laid
out for people (applications by decision, each with its reason in words, the quotas, the
conflicts). Callers pass the user; access comes from tadamon.events.access."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from tadamon.calls import quotas as quota_rules
from tadamon.calls.models import Application, Call, SelectionRun
from tadamon.events import access as event_access


def decision(run: SelectionRun) -> tuple[list[int], dict[int, str | None], list[int], list[int]]:
    """What publishing `run` decides: the selected, the wave of each, the waiting list in
    order and those rejected — the optimizer's proposal with the adjustments by hand."""
    result, adjusted = run.result, run.adjustments or {}
    include = [int(pk) for pk in adjusted.get("include", [])]
    exclude = {int(pk) for pk in adjusted.get("exclude", [])}
    waves: dict[int, str | None] = {
        a["applicant"]: a["wave"] for a in result.get("assignments", [])
    }
    waves.update({int(pk): label for pk, label in adjusted.get("waves", {}).items()})
    proposed = list(result.get("selected", []))
    selected = [pk for pk in proposed if pk not in exclude]
    selected += [pk for pk in include if pk not in selected]
    waitlist = [pk for pk in result.get("waitlist", []) if pk not in exclude and pk not in include]
    rejected = [pk for pk in result.get("considered", []) if pk in exclude]
    return selected, {pk: waves.get(pk) for pk in selected}, waitlist, rejected


def runs_of(call: Call) -> QuerySet:
    return call.selection_runs.select_related("created_by").order_by("-created_at", "-id")


def run_for_manage(*, user, pk: int) -> SelectionRun:
    """A selection of an event the user manages; SelectionRun.DoesNotExist when the user
    cannot see the event, PermissionDenied when they see it but do not manage it."""
    run = SelectionRun.objects.select_related("call__event").get(pk=pk)
    if event_access.can_manage_event(user, run.call.event):
        return run
    if event_access.events_for(user).filter(pk=run.call.event_id).exists():
        raise PermissionDenied
    raise SelectionRun.DoesNotExist


@dataclass
class Row:
    application: Application
    explanation: str
    wave: str | None = None
    rank: int | None = None
    by_hand: bool = False  # taken in or left out by an adjustment


@dataclass
class QuotaRow:
    label: str
    name: str
    key: str | None
    required: str
    achieved: str
    binding: bool
    met: bool = True


@dataclass
class RunReport:
    run: SelectionRun
    status: str
    selected: list[Row] = field(default_factory=list)
    waitlist: list[Row] = field(default_factory=list)
    rejected: list[Row] = field(default_factory=list)
    quotas: list[QuotaRow] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    # The quotas an infeasible run dropped to show its best selection without them.
    relaxed: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    wave_loads: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.status in {"OPTIMAL", "FEASIBLE"}

    @property
    def has_selection(self) -> bool:
        """Solved, or infeasible but shown with its conflicting quotas relaxed."""
        return self.feasible or bool(self.relaxed)

    @property
    def cost_percent(self) -> str:
        """What the quotas cost, in percent of the top scores' total."""
        share = self.run.result.get("quota_cost_share")
        return "—" if share is None else f"{share * 100:.2f}%"


def _quota_rows(items: list[dict[str, Any]]) -> list[QuotaRow]:
    rows = []
    for item in items:
        name, key = item["name"], item.get("key")
        rows.append(
            QuotaRow(
                label=quota_rules.quota_label(name, key),
                name=name,
                key=key,
                required=quota_rules.format_required(name, item.get("required")),
                achieved=quota_rules.format_required(name, item.get("achieved")),
                binding=bool(item.get("binding")),
                met=item.get("met", True),
            )
        )
    return rows


def describe(run: SelectionRun) -> RunReport:
    """`run` with its applications, explanations, quotas and conflicts in the active language."""
    result = run.result
    report = RunReport(run=run, status=result.get("status", ""))
    report.conflicts = quota_rules.conflict_messages(result.get("conflicts", []))
    report.relaxed = [quota_rules.relaxed_label(label) for label in result.get("relaxed", [])]
    adjusted = run.adjustments or {}
    # After adjustments by hand, the quotas as they stand on the adjusted selection.
    report.quotas = _quota_rows(adjusted.get("quotas") or result.get("quotas", []))
    if not report.has_selection:
        return report
    selected, waves, waitlist, rejected = decision(run)
    applications = Application.objects.filter(pk__in=result.get("considered", [])).select_related(
        "organization__region", "organization__province", "organization__primary_sector"
    )
    by_pk = {application.pk: application for application in applications}
    reasons = result.get("explanations", {})
    included = {int(pk) for pk in adjusted.get("include", [])}

    def row(pk: int, **kwargs: Any) -> Row | None:
        if pk not in by_pk:
            return None
        code = "included" if pk in included else reasons.get(str(pk), "")
        return Row(by_pk[pk], quota_rules.explanation(code), by_hand=pk in included, **kwargs)

    report.selected = [r for pk in selected if (r := row(pk, wave=waves.get(pk)))]
    report.waitlist = [r for rank, pk in enumerate(waitlist, start=1) if (r := row(pk, rank=rank))]
    report.rejected = [
        Row(by_pk[pk], quota_rules.explanation("excluded"), by_hand=True)
        for pk in rejected
        if pk in by_pk
    ]
    report.broken = [
        quota_rules.quota_label(item["name"], item.get("key"))
        for item in adjusted.get("broken", [])
    ]
    loads: dict[str, int] = {}
    for label in waves.values():
        if label:
            loads[label] = loads.get(label, 0) + 1
    report.wave_loads = [
        (wave["label"], loads.get(wave["label"], 0), wave["capacity"])
        for wave in result.get("waves") or []
    ]
    return report
