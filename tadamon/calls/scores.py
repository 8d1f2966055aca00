"""The arithmetic of review scores (SPEC 3D): a review's 0–100 total from its points by
criterion, rounding to the hundredth, and how far reviewers disagree. Read by the services
that store scores and by the pages that show them."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from tadamon.calls.models import Application, ScoringCriterion

HUNDREDTH = Decimal("0.01")


def weighted_total(
    points: Mapping[int, int], criteria: Sequence[ScoringCriterion]
) -> Decimal | None:
    """0–100 from points by criterion id; None when no criterion was scored. Criteria
    without points are left out of both sums. All weights 0: every criterion counts the
    same."""
    scored = [c for c in criteria if c.pk in points]
    if not scored:
        return None
    weights = {c.pk: Decimal(c.weight) for c in scored}
    if not sum(weights.values()):
        weights = dict.fromkeys(weights, Decimal(1))
    obtained = sum(weights[c.pk] * Decimal(points[c.pk]) / Decimal(c.max_points) for c in scored)
    return obtained / sum(weights.values()) * 100


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def assignment_totals(application: Application) -> dict[int, Decimal]:
    """The exact total of every completed review of `application`, by assignment id."""
    criteria = list(application.call.criteria.all())
    totals: dict[int, Decimal] = {}
    completed = application.assignments.filter(completed_at__isnull=False).prefetch_related(
        "scores"
    )
    for assignment in completed:
        points = {score.criterion_id: score.points for score in assignment.scores.all()}
        total = weighted_total(points, criteria)
        if total is not None:
            totals[assignment.pk] = total
    return totals


def spread(totals: Iterable[Decimal]) -> Decimal | None:
    """How far the reviewers disagree: highest total − lowest total."""
    values = list(totals)
    return rounded(max(values) - min(values)) if values else None
