"""What exhibitors asked for about their booth: the waves they can attend and whether they
need an accessible booth. The booth allocation (tadamon.events.services.allocation) reads
them here.

The call for exhibitors collects these wishes on its applications, but tadamon.calls sits
above tadamon.events in the layers: it registers a source at start-up
(tadamon.calls.receivers), so that the allocation reads the wishes without importing the
call. An event without a call, or an exhibitor without an application, has no wishes: any
wave, any booth.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from tadamon.events.models import Event


@dataclass(frozen=True)
class Wishes:
    #: The ids of the waves the exhibitor can attend; empty when they did not say (any).
    wave_ids: frozenset[int] = frozenset()
    needs_accessible_booth: bool = False


#: A source gives, for an event and optionally some organizations only, their wishes by
#: organization id.
Source = Callable[[Event, Collection[int] | None], Mapping[int, Wishes]]

_sources: list[Source] = []


def register(source: Source) -> Source:
    """Adds a source of wishes (once, however often its app starts); usable as a decorator."""
    if source not in _sources:
        _sources.append(source)
    return source


def wishes_by_organization(
    event: Event, organization_ids: Collection[int] | None = None
) -> dict[int, Wishes]:
    """Organization id → its wishes at `event`, for those that expressed some."""
    found: dict[int, Wishes] = {}
    for source in _sources:
        found.update(source(event, organization_ids))
    return found
