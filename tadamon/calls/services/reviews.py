"""Reviewers, their assignments and their scores.

A reviewer's total for one application is the weighted share of the points obtained:
Σ weight × points / max_points ÷ Σ weight × 100 (0–100). The application's score is the
mean of the totals of its completed reviews, rounded to 2 decimals, recomputed whenever a
review is scored or the grid changes. Reviewers are users with the reviewer role, or
organizer staff of the event; nobody reviews their own organization's application.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.accounts.models import Role, User
from tadamon.calls import workflow
from tadamon.calls.models import Application, Call, ReviewAssignment, Score, ScoringCriterion
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.scores import assignment_totals, rounded
from tadamon.core import audit
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager

REVIEWABLE = frozenset({S.SUBMITTED, S.UNDER_REVIEW})


def _invalid(field: str, message: str | list[str], code: str) -> ValidationError:
    """A field error that keeps its code (Django drops the code of a dict's values)."""
    messages = message if isinstance(message, list) else [message]
    return ValidationError({field: [ValidationError(m, code=code) for m in messages]})


# Computing the scores -----------------------------------------------------------------


def recompute_score(application: Application) -> Decimal | None:
    totals = list(assignment_totals(application).values())
    score = rounded(sum(totals) / len(totals)) if totals else None
    if application.score != score:
        application.score = score
        application.save(update_fields=["score", "updated_at"])
    return score


def recompute_call_scores(call: Call) -> None:
    for application in call.applications.all():
        recompute_score(application)


# Assigning reviewers ------------------------------------------------------------------


def reviewer_problem(reviewer: User, application: Application) -> str | None:
    """Why `reviewer` may not review `application`, or None."""
    name = reviewer.get_full_name() or reviewer.username
    if not reviewer.is_active:
        return _("%(name)s has no active account.") % {"name": name}
    is_staff_of_event = reviewer.role == Role.ORGANIZER and event_access.can_manage_event(
        reviewer, application.call.event
    )
    if reviewer.role != Role.REVIEWER and not is_staff_of_event:
        return _("%(name)s is neither a reviewer nor an organizer of this event.") % {"name": name}
    if reviewer.organization_id and reviewer.organization_id == application.organization_id:
        return _("%(name)s belongs to %(organization)s and cannot review its application.") % {
            "name": name,
            "organization": application.organization,
        }
    return None


def _check_reviewable(application: Application) -> None:
    if application.status not in REVIEWABLE:
        raise _invalid(
            "status",
            _(
                "The application of %(organization)s is “%(status)s”; only submitted "
                "applications are reviewed."
            )
            % {
                "organization": application.organization,
                "status": application.get_status_display(),
            },
            "not_reviewable",
        )


def _create(actor, application: Application, reviewer: User) -> ReviewAssignment | None:
    assignment, created = ReviewAssignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    if not created:
        return None
    # Once a reviewer is on it, the application is under review.
    if application.status == S.SUBMITTED:
        workflow.transition(application, S.UNDER_REVIEW, actor=actor)
    audit.record(
        actor=actor,
        action="events.review.assigned",
        obj=assignment,
        data={"application": application.pk, "reviewer": reviewer.pk},
    )
    return assignment


@transaction.atomic
def assign_reviewers(
    *, actor, applications: Iterable[Application], reviewers: Iterable[User]
) -> list[ReviewAssignment]:
    """Assign every reviewer to every application (already assigned ones are kept).
    Refused as a whole, naming the reviewer, when one of them may not review one of the
    applications."""
    applications, reviewers = list(applications), list(dict.fromkeys(reviewers))
    if not reviewers:
        raise _invalid("reviewers", _("Choose at least one reviewer."), "required")
    problems: list[str] = []
    for application in applications:
        require_event_manager(actor, application.call.event)
        _check_reviewable(application)
        problems.extend(problem for r in reviewers if (problem := reviewer_problem(r, application)))
    if problems:
        raise _invalid("reviewers", list(dict.fromkeys(problems)), "reviewer")
    created = []
    for application in applications:
        for reviewer in reviewers:
            assignment = _create(actor, application, reviewer)
            if assignment is not None:
                created.append(assignment)
    return created


@dataclass
class RoundRobin:
    created: list[ReviewAssignment] = field(default_factory=list)
    #: Applications left with fewer than the wanted reviewers (too few could review them).
    short: list[Application] = field(default_factory=list)


@transaction.atomic
def assign_round_robin(
    *, actor, call: Call, reviewers: Iterable[User], per_application: int
) -> RoundRobin:
    """Give every submitted application of `call` `per_application` reviewers, taking the
    least loaded of `reviewers` first and turning round the list so the work is shared."""
    require_event_manager(actor, call.event)
    reviewers = list(dict.fromkeys(reviewers))
    if per_application < 1 or per_application > len(reviewers):
        raise _invalid(
            "per_application",
            _(
                "Choose between 1 and %(count)s reviewers per application (the number "
                "of reviewers chosen)."
            )
            % {"count": len(reviewers)},
            "out_of_range",
        )
    load = Counter(
        ReviewAssignment.objects.filter(application__call=call).values_list(
            "reviewer_id", flat=True
        )
    )
    result = RoundRobin()
    turn = 0
    applications = call.applications.filter(status__in=REVIEWABLE).order_by("submitted_at", "pk")
    candidates_of = {
        application: [r for r in reviewers if reviewer_problem(r, application) is None]
        for application in applications.select_related("organization", "call__event")
    }
    # The applications that fewest reviewers may review are served first, while everyone
    # is still free: the load then evens out over the others.
    for application in sorted(candidates_of, key=lambda a: len(candidates_of[a])):
        present = set(application.assignments.values_list("reviewer_id", flat=True))
        needed = per_application - len(present)
        if needed <= 0:
            continue
        order = reviewers[turn:] + reviewers[:turn]
        allowed = set(candidates_of[application])
        candidates = [r for r in order if r in allowed and r.pk not in present]
        candidates.sort(key=lambda r: load[r.pk])  # stable: the turn order breaks ties
        for reviewer in candidates[:needed]:
            result.created.append(_create(actor, application, reviewer))
            load[reviewer.pk] += 1
        if len(candidates) < needed:
            result.short.append(application)
        turn = (turn + 1) % len(reviewers)
    return result


# Scoring ------------------------------------------------------------------------------


def _points_by_criterion(raw: Mapping, criteria: Sequence[ScoringCriterion]) -> dict[int, int]:
    """Points keyed by criterion id (given as criterion, id or digits), each checked."""
    known = {c.pk: c for c in criteria}
    points: dict[int, int] = {}
    seen: set[int] = set()
    errors: list[str] = []
    for key, value in raw.items():
        pk = key.pk if isinstance(key, ScoringCriterion) else key
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            pk = None
        if pk not in known:
            errors.append(_("%(key)s is not a criterion of this call.") % {"key": key})
            continue
        criterion = known[pk]
        seen.add(pk)
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append(_("“%(name)s”: enter a whole number.") % {"name": criterion})
        elif not 0 <= value <= criterion.max_points:
            errors.append(
                _("“%(name)s”: give between 0 and %(max)s points.")
                % {"name": criterion, "max": criterion.max_points}
            )
        else:
            points[pk] = value
    missing = [str(c) for pk, c in known.items() if pk not in seen]
    if missing:
        errors.append(
            _("Score every criterion; missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    if errors:
        raise _invalid("scores", errors, "invalid_scores")
    return points


@transaction.atomic
def score(
    *, actor, assignment: ReviewAssignment, points: Mapping, comment: str | None = None
) -> ReviewAssignment:
    """The assigned reviewer scores every criterion; the review is then complete and the
    application's score recomputed. A reviewer may correct their scores until the
    application is decided."""
    application = assignment.application
    if actor is None or actor.pk != assignment.reviewer_id:
        raise PermissionDenied(_("Only the assigned reviewer can score this application."))
    if actor.organization_id and actor.organization_id == application.organization_id:
        raise PermissionDenied(_("You cannot score your own organization's application."))
    _check_reviewable(application)
    criteria = list(application.call.criteria.all())
    if not criteria:
        raise _invalid(
            "scores", _("The call has no scoring criteria yet; ask the organizer."), "no_criteria"
        )
    checked = _points_by_criterion(points, criteria)
    for pk, value in checked.items():
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=pk, defaults={"points": value}
        )
    assignment.completed_at = timezone.now()
    if comment is not None:
        assignment.comment = comment
    assignment.save()
    recompute_score(application)
    audit.record(
        actor=actor,
        action="events.review.scored",
        obj=assignment,
        data={"application": application.pk, "points": {str(k): v for k, v in checked.items()}},
    )
    return assignment
