"""Selection of exhibitors under quotas: compute a proposal, adjust it by hand, publish it.

1. :func:`run_selection` gives the call's pending applications (submitted or under review) to
   the optimizer (tadamon.optimize.selection: the highest total score meeting every quota
   within the places) and stores the answer as a proposed SelectionRun. Nothing else changes:
   organizers may compute as many proposals as they like. Infeasible quotas are stored too,
   with the optimizer's list of the quotas that conflict.
2. :func:`adjust` takes some applications in or out of a proposal by hand and re-checks the
   quotas on the result; the quotas it breaks are recorded, and publishing then needs the
   organizer's confirmation. Places are a hard limit: adjusting never overfills a wave.
3. :func:`publish` applies the proposal through the workflow: selected → accepted in their
   wave, the others in the optimizer's order → waitlisted with their rank, those taken out
   by hand → rejected. The quotas become the call's (the waiting list keeps them when it
   replaces a withdrawal) and the other proposals are discarded. Decisions are e-mailed
   after the commit.

Places already held (accepted, confirmed or offered applications, e.g. from an earlier
selection) are deducted from the call's capacity and from their wave, so a later selection
fills only what is left.
"""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.calls import notifications, workflow
from tadamon.calls import quotas as quota_rules
from tadamon.calls.models import Application, Call, SelectionRun
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors.selection import decision
from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Wave
from tadamon.optimize.errors import InstanceError
from tadamon.optimize.selection import select

SELECTABLE = (S.SUBMITTED, S.UNDER_REVIEW)
SOLVED = frozenset({"OPTIMAL", "FEASIBLE"})
# CP-SAT proves E1's size (200 applicants, 180 places) optimal in well under a second; the
# limit only bounds the search for conflicting quotas on hard infeasible instances.
TIME_LIMIT_S = 10
WORKERS = 2


def pending_applications(call: Call) -> QuerySet:
    """The applications a selection decides on, with what the optimizer needs loaded."""
    applications = call.applications.filter(status__in=SELECTABLE)
    return quota_rules.with_quota_facts(applications).prefetch_related("wave_preferences")


def _held(call: Call) -> QuerySet:
    return call.applications.filter(status__in=workflow.HOLDS_A_PLACE)


def wave_places(call: Call) -> list[tuple[Wave, int]] | None:
    """Each wave with its places still to fill, or None when the event has no waves.

    A wave's places are its own capacity, else the event's booths, else an equal part of the
    call's capacity; places held by applications in that wave are deducted.
    """
    waves = list(call.event.waves.all())
    if not waves:
        return None
    booths = call.event.booths.count()
    held = Counter(_held(call).exclude(wave=None).values_list("wave_id", flat=True))
    even, extra = divmod(call.capacity, len(waves))
    places = []
    for index, wave in enumerate(waves):
        if wave.capacity is not None:
            total = wave.capacity
        elif booths:
            total = booths
        else:
            total = even + (1 if index < extra else 0)
        places.append((wave, max(0, total - held[wave.pk])))
    return places


def _applicant(application: Application, with_waves: bool) -> dict[str, Any]:
    facts = quota_rules.member(application)
    preferred = [wave.label for wave in application.wave_preferences.all()]
    return {
        "id": application.pk,
        "score": float(application.score or 0),
        "women_led": facts.women_led,
        "youth_led": facts.youth_led,
        "first_time": facts.first_time,
        "region": facts.region,
        "province": facts.province,
        "sector": facts.sector,
        # No preference means any wave.
        "waves": (preferred or None) if with_waves else None,
    }


def build_instance(call: Call, quotas: dict[str, Any]) -> dict[str, Any]:
    """The optimizer's input for the call's pending applications (see tadamon.optimize)."""
    places = wave_places(call)
    capacity = max(0, call.capacity - _held(call).count())
    applicants = [_applicant(a, places is not None) for a in pending_applications(call)]
    return {
        "capacity": capacity,
        "applicants": applicants,
        "waves": None
        if places is None
        else [{"label": wave.label, "capacity": free} for wave, free in places],
        "quotas": quotas,
        "fill": "max",
        "time_limit_s": TIME_LIMIT_S,
        "workers": WORKERS,
    }


def wave_labels(call: Call) -> list[str] | None:
    labels = list(call.event.waves.values_list("label", flat=True))
    return labels or None


def run_selection(*, call: Call, quotas: Any, actor: Any) -> SelectionRun:
    """Compute and store a proposal; raise ValidationError naming the quota when `quotas`
    are malformed. Infeasible quotas are not an error: the run says which ones conflict."""
    require_event_manager(actor, call.event)
    cleaned = quota_rules.validate_quotas(quotas, waves=wave_labels(call))
    instance = build_instance(call, cleaned)
    if not instance["applicants"]:
        raise ValidationError(
            _("There are no submitted applications to select from."), code="nothing_to_select"
        )
    try:
        # Solved outside any transaction: the search must not hold the database's lock.
        result = select(instance)
    except InstanceError as error:  # our own instance: a bug rather than the client's input
        raise ValidationError({"quotas": str(error)}) from error
    result["considered"] = [applicant["id"] for applicant in instance["applicants"]]
    result["capacity"] = instance["capacity"]
    result["waves"] = instance["waves"]
    with transaction.atomic():
        run = SelectionRun.objects.create(
            call=call, quotas=cleaned, result=result, created_by=actor, adjustments={}
        )
        audit.record(
            actor=actor,
            action="events.selection.computed",
            obj=run,
            data={
                "status": result["status"],
                "quotas": cleaned,
                "applicants": len(instance["applicants"]),
            },
        )
    return run


# Adjustments by hand


def _check_proposed(run: SelectionRun) -> None:
    if run.status != SelectionRun.Status.PROPOSED:
        message = _("This selection is “%(status)s”; only a proposal can be changed.")
        raise ValidationError({"status": message % {"status": run.get_status_display()}})
    if run.result.get("status") not in SOLVED:
        raise ValidationError(
            {
                "status": _(
                    "The quotas of this selection cannot all be met: change them and compute "
                    "the selection again."
                )
            }
        )


def _free_wave(run: SelectionRun, application: Application, loads: Counter) -> str | None:
    """The wave with most room among those `application` accepts, None if all are full."""
    preferred = {wave.label for wave in application.wave_preferences.all()}
    open_waves = [
        (wave["capacity"] - loads[wave["label"]], wave["label"])
        for wave in run.result.get("waves") or []
        if not preferred or wave["label"] in preferred
    ]
    room, label = max(open_waves, default=(0, None), key=lambda item: item[0])
    return label if room > 0 else None


def _ids(values: Any, field: str, known: set[int]) -> list[int]:
    try:
        ids = list(dict.fromkeys(int(value) for value in values))
    except (TypeError, ValueError):
        raise ValidationError({field: _("Give application numbers.")}) from None
    unknown = [pk for pk in ids if pk not in known]
    if unknown:
        message = _("Not part of this selection: %(ids)s.")
        raise ValidationError({field: message % {"ids": ", ".join(map(str, unknown))}})
    return ids


@transaction.atomic
def adjust(
    *, run: SelectionRun, actor: Any, include: Any = (), exclude: Any = ()
) -> list[quota_rules.QuotaCheck]:
    """Take applications into the proposal (`include`) or out of it (`exclude`, who are then
    rejected on publication); return the quota checks of the adjusted selection. Empty lists
    go back to the optimizer's proposal."""
    require_event_manager(actor, run.call.event)
    _check_proposed(run)
    considered = set(run.result.get("considered", []))
    include = _ids(include, "include", considered)
    exclude = _ids(exclude, "exclude", considered)
    both = sorted(set(include) & set(exclude))
    if both:
        message = _("An application cannot be both taken in and left out: %(ids)s.")
        raise ValidationError({"include": message % {"ids": ", ".join(map(str, both))}})
    run.adjustments = {"include": include, "exclude": exclude}
    selected, waves, _waitlist, _rejected = decision(run)
    places = run.result.get("places_available", 0)
    if len(selected) > places:
        message = _("This selects %(count)s applications for %(places)s places.")
        raise ValidationError({"include": message % {"count": len(selected), "places": places}})
    applications = {a.pk: a for a in pending_applications(run.call).filter(pk__in=selected)}
    gone = [pk for pk in include if pk not in applications]
    if gone:
        message = _("No longer waiting for a decision: %(ids)s. Compute the selection again.")
        raise ValidationError({"include": message % {"ids": ", ".join(map(str, gone))}})
    if run.result.get("waves"):
        loads = Counter(label for label in waves.values() if label)
        chosen = {}
        for pk in include:
            if waves.get(pk):
                continue
            label = _free_wave(run, applications[pk], loads)
            if label is None:
                message = _(
                    "No wave that application %(id)s can attend has a free place; "
                    "leave someone of that wave out first."
                )
                raise ValidationError({"include": message % {"id": pk}})
            loads[label] += 1
            chosen[str(pk)] = waves[pk] = label
        run.adjustments["waves"] = chosen
    members = [
        quota_rules.member(applications[pk], wave=waves.get(pk))
        for pk in selected
        if pk in applications
    ]
    checks = quota_rules.check_quotas(run.quotas, members)
    run.adjustments["quotas"] = [
        {
            "name": c.name,
            "key": c.key,
            "required": c.required,
            "achieved": c.achieved,
            "met": c.met,
        }
        for c in checks
    ]
    run.adjustments["broken"] = [item for item in run.adjustments["quotas"] if not item["met"]]
    if not include and not exclude:
        run.adjustments = {}
    run.save(update_fields=["adjustments"])
    audit.record(
        actor=actor,
        action="events.selection.adjusted",
        obj=run,
        data={"include": include, "exclude": exclude, "broken": run.adjustments.get("broken", [])},
    )
    return checks


# Publication


def _check_unchanged(run: SelectionRun, pending: dict[int, Application]) -> None:
    considered = set(run.result.get("considered", []))
    changed = considered.symmetric_difference(pending)
    if changed:
        message = _(
            "%(count)s application(s) were submitted or withdrawn since this selection was "
            "computed; compute it again."
        )
        raise ValidationError({"status": message % {"count": len(changed)}}, code="stale")


@transaction.atomic
def publish(*, run: SelectionRun, actor: Any, confirm_broken_quotas: bool = False) -> SelectionRun:
    """Apply the proposal (see the module's docstring). When adjustments broke quotas, the
    organizer must confirm (`confirm_broken_quotas`)."""
    require_event_manager(actor, run.call.event)
    run = (
        SelectionRun.objects.select_for_update(of=("self",))
        .select_related("call__event")
        .get(pk=run.pk)
    )
    _check_proposed(run)
    call = run.call
    pending = {a.pk: a for a in call.applications.filter(status__in=SELECTABLE)}
    _check_unchanged(run, pending)
    broken = (run.adjustments or {}).get("broken", [])
    if broken and not confirm_broken_quotas:
        names = ", ".join(quota_rules.quota_label(q["name"], q["key"]) for q in broken)
        message = _("The adjusted selection breaks these quotas: %(quotas)s. Confirm to publish.")
        raise ValidationError({"confirm": message % {"quotas": names}}, code="quotas_broken")
    selected, waves, waitlist, rejected = decision(run)
    wave_rows = {wave.label: wave for wave in call.event.waves.all()}
    for pk in selected:
        application = pending[pk]
        application.wave = wave_rows.get(waves.get(pk) or "")
        application.waitlist_rank = None
        workflow.transition(application, S.ACCEPTED, actor=actor, selection=run.pk)
    for rank, pk in enumerate(waitlist, start=1):
        application = pending[pk]
        application.waitlist_rank = rank
        workflow.transition(application, S.WAITLISTED, actor=actor, selection=run.pk)
    for pk in rejected:
        workflow.transition(pending[pk], S.REJECTED, actor=actor, selection=run.pk)
    run.status = SelectionRun.Status.PUBLISHED
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_at"])
    call.selection_runs.filter(status=SelectionRun.Status.PROPOSED).update(
        status=SelectionRun.Status.DISCARDED
    )
    call.quotas = run.quotas
    call.save(update_fields=["quotas"])
    audit.record(
        actor=actor,
        action="events.selection.published",
        obj=run,
        data={"accepted": len(selected), "waitlisted": len(waitlist), "rejected": len(rejected)},
    )
    for pk in [*selected, *waitlist, *rejected]:
        notifications.after_commit(notifications.notify_decision, pending[pk])
    return run
