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
]
