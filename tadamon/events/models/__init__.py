from tadamon.events.models.allocation import AllocationResult, AllocationRun, BoothAssignment
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
    "Booth",
    "Event",
    "EventKind",
    "EventPartner",
    "EventSeries",
    "Participation",
    "Wave",
    "Gate",
    "VisitorCount",
    "VisitorRegistration",
]
