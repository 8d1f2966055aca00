"""The figures of an event's dashboard for its organizers: applications by status, quotas
met or not by the exhibitors accepted so far, free places, the waiting list and the offers
waiting for an answer. The caller has checked that the user manages the event."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F

from tadamon.calls import quotas as quota_rules
from tadamon.calls import workflow
from tadamon.calls.models import Application, Call
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors.applications import waiting_list
from tadamon.events.models import Event, Participation

WAITLIST_SHOWN = 10
# Participations registered directly by the organizers take booths too; those that come
# from the call are counted through their application instead.
DIRECT_PLACES = {Participation.Status.PENDING, Participation.Status.CONFIRMED}


@dataclass
class WavePlaces:
    name: str
    places: int
    held: int

    @property
    def free(self) -> int:
        return max(0, self.places - self.held)


@dataclass
class Dashboard:
    event: Event
    call: Call | None
    status_counts: list[tuple[str, str, int]] = field(default_factory=list)
    total: int = 0
    quotas: list[quota_rules.QuotaCheck] = field(default_factory=list)
    booths: int = 0
    places: int = 0
    held: int = 0
    waves: list[WavePlaces] = field(default_factory=list)
    waitlist: list[Application] = field(default_factory=list)
    waitlist_total: int = 0
    offers: list[Application] = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(0, self.places - self.held)

    @property
    def quotas_met(self) -> bool:
        return all(check.met for check in self.quotas)


def _status_counts(call: Call) -> tuple[list[tuple[str, str, int]], int]:
    # order_by(): the model's default ordering would split the groups.
    grouped = call.applications.order_by().values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in grouped}
    rows = [(status.value, str(status.label), counts.get(status.value, 0)) for status in S]
    return rows, sum(counts.values())


def _places(dashboard: Dashboard) -> None:
    """Booths × waves (a wave's own capacity when it has one) and the places held in them:
    applications holding a place plus exhibitors registered directly."""
    event, call = dashboard.event, dashboard.call
    dashboard.booths = event.booths.count()
    held_by_wave: Counter = Counter()
    held = 0
    if call is not None:
        holding = call.applications.filter(status__in=workflow.HOLDS_A_PLACE)
        held_by_wave.update(holding.values_list("wave_id", flat=True))
        held += holding.count()
    direct = event.participations.filter(
        status__in=DIRECT_PLACES, source=Participation.Source.DIRECT
    )
    held_by_wave.update(direct.values_list("wave_id", flat=True))
    held += direct.count()
    waves = list(event.waves.all())
    for wave in waves:
        places = wave.capacity if wave.capacity is not None else dashboard.booths
        dashboard.waves.append(WavePlaces(wave.name, places, held_by_wave[wave.pk]))
    dashboard.places = sum(wave.places for wave in dashboard.waves) if waves else dashboard.booths
    dashboard.held = held


def event_dashboard(event: Event) -> Dashboard:
    call = Call.objects.filter(event=event).first()
    dashboard = Dashboard(event=event, call=call)
    _places(dashboard)
    if call is None:
        return dashboard
    dashboard.status_counts, dashboard.total = _status_counts(call)
    exhibitors = quota_rules.with_quota_facts(
        call.applications.filter(status__in=(S.ACCEPTED, S.CONFIRMED))
    )
    dashboard.quotas = quota_rules.check_applications(call.quotas or {}, exhibitors)
    waiting = waiting_list(call)
    dashboard.waitlist_total = waiting.count()
    dashboard.waitlist = list(waiting[:WAITLIST_SHOWN])
    dashboard.offers = list(
        call.applications.filter(status=S.OFFERED)
        .select_related("organization", "wave")
        .order_by(F("offer_expires_at").asc(nulls_last=True), "id")
    )
    return dashboard
