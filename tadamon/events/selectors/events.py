"""Queries on events, their waves, booths and participations. Callers pass the user; what
they may see comes from tadamon.events.access."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from tadamon.accounts import roles
from tadamon.core.params import parse_id
from tadamon.core.text import tokens
from tadamon.events import access as event_access
from tadamon.events.access import EVENT_RELATED
from tadamon.events.models import Booth, Event, EventSeries, Participation, Wave


def event_list(
    *,
    user,
    kind: str = "",
    series: str | int | None = None,
    region: str = "",
    year: int | None = None,
    q: str = "",
) -> QuerySet:
    """Events the user may see, newest first.

    `series` is a series id, or part of its name; `year` keeps the events that take place
    (at least partly) in that year; `q` matches titles, themes and cities word by word.
    """
    queryset = event_access.events_for(user).select_related(*EVENT_RELATED)
    if kind:
        queryset = queryset.filter(kind=kind)
    if region:
        queryset = queryset.filter(region__code=region)
    if series not in (None, ""):
        # Digits beyond any id (or such as "²") are searched as a name: they match nothing.
        series_id = parse_id(series)
        if series_id is not None:
            queryset = queryset.filter(series_id=series_id)
        else:
            queryset = queryset.filter(
                Q(series__name_ar__icontains=series) | Q(series__name_fr__icontains=series)
            )
    if year:
        queryset = queryset.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )
    for word in tokens(q):
        queryset = queryset.filter(
            Q(title_ar__icontains=word)
            | Q(title_fr__icontains=word)
            | Q(theme_ar__icontains=word)
            | Q(theme_fr__icontains=word)
            | Q(city__icontains=word)
        )
    return queryset.order_by("-start_date", "-id")


def event_for_view(*, user, pk: int) -> Event:
    """One event the user may see, or Event.DoesNotExist."""
    return event_access.events_for(user).select_related(*EVENT_RELATED).get(pk=pk)


def event_for_manage(*, user, pk: int) -> Event:
    """One event the user manages, or Event.DoesNotExist."""
    return event_access.managed_events_for(user).select_related(*EVENT_RELATED).get(pk=pk)


def series_choices(*, user, event: Event | None = None) -> QuerySet:
    """The series an event may join: those of its organizer (of the user's body when new)."""
    if event is not None:
        return EventSeries.objects.filter(organizer_id=event.organizer_id)
    if roles.is_platform_admin(user):
        return EventSeries.objects.select_related("organizer")
    if not event_access.can_create_event(user):
        return EventSeries.objects.none()
    return EventSeries.objects.filter(organizer_id=user.organization_id)


def event_years(*, user) -> list[int]:
    """The years in which the user's visible events start, newest first (for filters)."""
    dates = event_access.events_for(user).dates("start_date", "year", order="DESC")
    return [date.year for date in dates]


def partners_of(event: Event) -> QuerySet:
    return event.partners.select_related("organization").order_by("role", "organization__name_fr")


# Waves -----------------------------------------------------------------------------------


def waves_with_counts(event: Event) -> QuerySet:
    """The event's waves with how many exhibitors are confirmed or pending in each.

    The counts are totals, the same figures the closing report publishes; who takes part
    is shown through participation_list, which is scoped.
    """
    return event.waves.annotate(
        confirmed=Count("participations", filter=Q(participations__status="confirmed")),
        pending=Count("participations", filter=Q(participations__status="pending")),
    ).order_by("start_date", "id")


def wave_for_manage(*, user, pk: int) -> Wave:
    """A wave of an event the user manages, or Wave.DoesNotExist."""
    return Wave.objects.select_related("event").get(
        pk=pk, event__in=event_access.managed_events_for(user)
    )


def wave_for_view(*, user, pk: int) -> Wave:
    return Wave.objects.select_related("event").get(pk=pk, event__in=event_access.events_for(user))


# Booths ----------------------------------------------------------------------------------


@dataclass
class Zone:
    """The booths of one zone, and their grid when the booths have rows and columns."""

    name: str
    booths: list[Booth] = field(default_factory=list)
    grid: list[list[Booth | None]] = field(default_factory=list)

    @property
    def accessible(self) -> int:
        return sum(1 for booth in self.booths if booth.accessible)


def _grid(booths: list[Booth]) -> list[list[Booth | None]]:
    placed = [booth for booth in booths if booth.row and booth.column]
    if not placed:
        return []
    rows = sorted({booth.row for booth in placed})
    width = max(booth.column for booth in placed)
    at = {(booth.row, booth.column): booth for booth in placed}
    return [[at.get((row, column)) for column in range(1, width + 1)] for row in rows]


def booths_by_zone(event: Event) -> list[Zone]:
    """The event's booths grouped by zone (in the order of their first row), with grids."""
    zones: dict[str, Zone] = {}
    for booth in event.booths.order_by("row", "column", "code"):
        zones.setdefault(booth.zone, Zone(name=booth.zone)).booths.append(booth)
    for zone in zones.values():
        zone.grid = _grid(zone.booths)
    return list(zones.values())


def booth_list(event: Event) -> QuerySet:
    return event.booths.order_by("zone", "row", "column", "code")


# Participations --------------------------------------------------------------------------


def participation_list(
    *, user, event: Event, status: str = "", wave: int | None = None
) -> QuerySet:
    """The participations of `event` the user may see (managers: all; an exhibitor: its own)."""
    queryset = (
        event_access.participations_for(user)
        .filter(event=event)
        .select_related("organization", "organization__region", "organization__province", "wave")
    )
    if status:
        queryset = queryset.filter(status=status)
    if wave:
        queryset = queryset.filter(wave_id=wave)
    return queryset.order_by("wave__start_date", "organization__name_fr", "organization__name_ar")


def participation_for_manage(*, user, pk: int) -> Participation:
    """A participation in an event the user manages, or Participation.DoesNotExist."""
    return Participation.objects.select_related("event", "organization", "wave").get(
        pk=pk, event__in=event_access.managed_events_for(user)
    )


def participation_for_view(*, user, pk: int) -> Participation:
    return (
        event_access.participations_for(user)
        .select_related("event", "organization", "wave")
        .get(pk=pk)
    )


def participation_counts(participations: QuerySet) -> dict[str, object]:
    """Counts by status and by wave of a (scoped) queryset of participations."""
    rows = participations.order_by().values("status", "wave_id").annotate(n=Count("id"))
    by_status = dict.fromkeys(Participation.Status.values, 0)
    by_wave: dict[int | None, dict[str, int]] = {}
    for row in rows:
        by_status[row["status"]] += row["n"]
        counts = by_wave.setdefault(row["wave_id"], {"total": 0, "confirmed": 0})
        counts["total"] += row["n"]
        if row["status"] == Participation.Status.CONFIRMED:
            counts["confirmed"] += row["n"]
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_wave": by_wave,
    }
