from tadamon.events.models.allocation import AllocationResult, AllocationRun, BoothAssignment
from tadamon.events.models.calls import (
    Application,
    ApplicationStatus,
    Call,
    ReviewAssignment,
    Score,
    ScoringCriterion,
    SelectionRun,
)
from tadamon.events.models.events import (
    Booth,
    Event,
    EventKind,
    EventPartner,
    EventSeries,
    Participation,
    Wave,
)
from tadamon.events.models.visitors import Gate, VisitorCount, VisitorRegistration

__all__ = [
    "AllocationResult",
    "AllocationRun",
    "BoothAssignment",
    "Application",
    "ApplicationStatus",
    "Booth",
    "Call",
    "Event",
    "EventKind",
    "EventPartner",
    "EventSeries",
    "Participation",
    "ReviewAssignment",
    "Score",
    "ScoringCriterion",
    "SelectionRun",
    "Wave",
    "Gate",
    "VisitorCount",
    "VisitorRegistration",
]
