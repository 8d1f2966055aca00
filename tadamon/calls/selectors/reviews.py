"""Queries on reviews: a reviewer's assignments, the reviews of one application with their
totals and spread, and the progress of every reviewer of a call for its managers."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from tadamon.accounts.models import Role, User
from tadamon.calls import access as call_access
from tadamon.calls.models import Application, Call, ReviewAssignment
from tadamon.calls.scores import assignment_totals, rounded, spread
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import EventPartner


def assignments_of(*, user, pending: bool | None = None) -> QuerySet:
    """The reviews assigned to `user`, on applications they may see."""
    queryset = ReviewAssignment.objects.filter(
        reviewer_id=user.pk if user.is_authenticated else None,
        application__in=call_access.applications_for(user),
    ).select_related(
        "application__organization", "application__call__event", "application__organization__region"
    )
    if pending is not None:
        queryset = queryset.filter(completed_at__isnull=pending)
    return queryset.order_by(
        "completed_at", "application__call__closes_on", "application__submitted_at", "pk"
    )


def assignment_for_reviewer(*, user, pk: int) -> ReviewAssignment:
    """The user's own assignment `pk`, or ReviewAssignment.DoesNotExist."""
    return assignments_of(user=user).prefetch_related("scores").get(pk=pk)


def visible_assignment(*, user, pk: int) -> ReviewAssignment:
    """The user's own assignment, or any assignment of an event they manage; else
    ReviewAssignment.DoesNotExist (reviewers do not see each other's scores)."""
    mine = Q(reviewer_id=user.pk) & Q(application__in=call_access.applications_for(user))
    managed = Q(application__call__event__in=event_access.managed_events_for(user))
    return (
        ReviewAssignment.objects.filter(mine | managed)
        .select_related("application__call__event", "reviewer")
        .prefetch_related("scores")
        .distinct()
        .get(pk=pk)
    )


@dataclass
class Review:
    assignment: ReviewAssignment
    total: Decimal | None
    points: dict[int, int]


@dataclass
class ReviewSummary:
    reviews: list[Review]
    score: Decimal | None
    spread: Decimal | None

    @property
    def completed(self) -> int:
        return sum(1 for review in self.reviews if review.assignment.completed_at)


def review_summary(application: Application) -> ReviewSummary:
    """Every review of the application with its total, the aggregate score and the spread.
    Callers show it only to those who may see all reviews (the managers)."""
    totals = assignment_totals(application)
    assignments = application.assignments.select_related("reviewer").prefetch_related("scores")
    reviews = [
        Review(
            assignment=assignment,
            total=rounded(totals.get(assignment.pk)),
            points={score.criterion_id: score.points for score in assignment.scores.all()},
        )
        for assignment in assignments.order_by("pk")
    ]
    return ReviewSummary(reviews=reviews, score=application.score, spread=spread(totals.values()))


@dataclass
class Progress:
    reviewer: User
    assigned: int
    completed: int

    @property
    def remaining(self) -> int:
        return self.assigned - self.completed

    @property
    def finished(self) -> bool:
        return self.remaining == 0


def review_progress(*, user, call: Call) -> list[Progress]:
    """Assigned and completed reviews per reviewer of the call, those with the most left to
    do first. Managers of the event only."""
    require_event_manager(user, call.event)
    rows = (
        User.objects.filter(review_assignments__application__call=call)
        .annotate(
            assigned=Count(
                "review_assignments", filter=Q(review_assignments__application__call=call)
            ),
            completed=Count(
                "review_assignments",
                filter=Q(
                    review_assignments__application__call=call,
                    review_assignments__completed_at__isnull=False,
                ),
            ),
        )
        .order_by("username")
    )
    progress = [Progress(reviewer=u, assigned=u.assigned, completed=u.completed) for u in rows]
    return sorted(progress, key=lambda p: -p.remaining)


def reviewer_candidates(call: Call) -> QuerySet:
    """Users who may review the call's applications: reviewers, and organizer staff of the
    event's organizer or co-organizers."""
    event = call.event
    bodies = [
        event.organizer_id,
        *event.partners.filter(role=EventPartner.Role.CO_ORGANIZER).values_list(
            "organization_id", flat=True
        ),
    ]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role=Role.REVIEWER) | Q(role=Role.ORGANIZER, organization_id__in=bodies))
        .select_related("organization")
        .order_by("last_name", "first_name", "username")
    )
