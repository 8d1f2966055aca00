"""The events part of the demonstration data: E1–E5 (SPEC section 1) with their series,
partners, waves, booths and confirmed exhibitors, plus the earlier editions of E1 and E4 that
the closing report compares with.

Rows are written with the models directly — bulk where there are many (booths,
participations) — because nothing has happened yet that the event services would guard
against: the demo starts from an empty database. What the services would guarantee is kept:
events and waves pass `full_clean`, and every event gets an audit entry.

Exhibitors are drawn from the invented organizations of the DemoRegistry, never twice in one
event. A small registry (`load_demo --organizations 40`) gives smaller events rather than
more organizations: `--organizations` stays the number of organizations invented. With the
default 400, every event gets the number of exhibitors its article reports.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q

from tadamon.core import audit
from tadamon.demo import audit_types  # noqa: F401  (declares its audit actions)
from tadamon.demo.event_specs import (
    EVENTS,
    INSTITUTIONS,
    SERIES,
    BoothPlan,
    EventSpec,
    ExhibitorRule,
    Institution,
    Ref,
    SeriesSpec,
)
from tadamon.demo.registry import DemoRegistry
from tadamon.events.models import Booth, Event, EventPartner, EventSeries, Participation, Wave
from tadamon.registry import services
from tadamon.registry.models import Organization, OrganizationKind, Province, Region, Sector


@dataclass
class DemoEvents:
    """What `build_events` created."""

    events: dict[str, Event]
    """E1–E5, by key."""
    earlier_editions: dict[str, Event]
    """The made-up earlier editions, by key: "E1.ed1", "E4.ed1", "E4.ed2"."""
    series: dict[str, EventSeries]
    institutions: dict[str, Organization]
    """Bodies the registry lacked (the Ministry), found by name or created here, by key."""
    participations: int = 0
    """Confirmed participations created, over all events."""


class _Candidate(NamedTuple):
    """What the selection needs to know about an organization, read once."""

    pk: int
    kind: str
    region: str
    primary: str
    sectors: frozenset[str]
    lender: int | None
    founded: int | None


def build_events(rng: random.Random, registry: DemoRegistry, *, actor) -> DemoEvents:
    """Create E1–E5, published, with the earlier editions that E1 and E4 are compared with.

    `actor` is the platform administrator on whose behalf everything is recorded.
    """
    return _Builder(rng, registry, actor).build()


class _Builder:
    def __init__(self, rng: random.Random, registry: DemoRegistry, actor) -> None:
        self.rng = rng
        self.registry = registry
        self.actor = actor
        self.regions = {region.code: region for region in Region.objects.all()}
        self.provinces = {p.code: p for p in Province.objects.select_related("region")}
        self.institutions: dict[str, Organization] = {}
        self.pool = _candidates(registry.organizations)

    def build(self) -> DemoEvents:
        series = {spec.key: self._series(spec) for spec in SERIES}
        result = DemoEvents(
            events={}, earlier_editions={}, series=series, institutions=self.institutions
        )
        # EVENTS lists every edition after the one it is compared with.
        for spec in EVENTS:
            event, exhibitors = self._event(spec, series)
            (result.events if spec.main else result.earlier_editions)[spec.key] = event
            result.participations += exhibitors
        return result

    # -- organizations -----------------------------------------------------------------
    def _resolve(self, ref: Ref, *, required: bool = True) -> Organization | None:
        group, key = ref
        found: dict[str, Organization] = (
            self.institutions if group == "institutions" else getattr(self.registry, group)
        )
        if key in found:
            return found[key]
        if key in INSTITUTIONS:
            return self._institution(INSTITUTIONS[key])
        if required:
            raise LookupError(f"The demo has no {group} organization {key!r} for the events.")
        # A featured organization left out of a very small registry.
        return None

    def _institution(self, spec: Institution) -> Organization:
        """The body, found by name if it already exists, else created like any other."""
        if spec.key not in self.institutions:
            existing = Organization.objects.filter(name_fr=spec.name_fr).first()
            self.institutions[spec.key] = existing or services.create_organization(
                actor=self.actor,
                fields={
                    "kind": OrganizationKind.objects.get(code=spec.kind),
                    "name_ar": spec.name_ar,
                    "name_fr": spec.name_fr,
                    "region": self.regions[spec.region],
                    "province": self.provinces[spec.province],
                    "commune_name": spec.commune,
                },
                sectors=[Sector.objects.get(code="services")],
            )
        return self.institutions[spec.key]

    def _choose(self, rule: ExhibitorRule, *, year: int) -> list[int]:
        """The ids of `rule.count` distinct exhibitors (fewer if the registry is short)."""
        forced = [self._resolve(ref, required=False) for ref in rule.include]
        included = list(dict.fromkeys(org.pk for org in forced if org is not None))
        lender = self._resolve(rule.lender).pk if rule.lender else None
        eligible = [
            candidate
            for candidate in self.pool
            if candidate.pk not in included
            and (rule.kinds is None or candidate.kind in rule.kinds)
            and (lender is None or candidate.lender == lender)
            # Nobody exhibits before it exists.
            and (candidate.founded is None or candidate.founded <= year)
        ]
        ranked = self._ranked(eligible, rule)
        places = max(0, rule.count - len(included))
        home = [c.pk for c in ranked if c.region == rule.home_region]
        away = [c.pk for c in ranked if c.region != rule.home_region]
        from_home = min(len(home), round(places * rule.home_share))
        chosen = home[:from_home] + away[: places - from_home]
        # Too few from elsewhere: the home region fills the remaining places.
        chosen += home[from_home : from_home + places - len(chosen)]
        return included + chosen

    def _ranked(self, candidates: list[_Candidate], rule: ExhibitorRule) -> list[_Candidate]:
        """Best fit first: main sector preferred, then any preferred sector, then related."""
        preferred, related = frozenset(rule.sectors), frozenset(rule.related)

        def tier(candidate: _Candidate) -> int:
            if candidate.primary in preferred:
                return 0
            if candidate.sectors & preferred:
                return 1
            if candidate.primary in related or candidate.sectors & related:
                return 2
            return 3

        shuffled = list(candidates)
        # Shuffled first, so that within a tier the choice is random (and seeded).
        self.rng.shuffle(shuffled)
        return sorted(shuffled, key=tier)

    # -- rows ----------------------------------------------------------------------------
    def _series(self, spec: SeriesSpec) -> EventSeries:
        series = EventSeries(
            name_ar=spec.name_ar,
            name_fr=spec.name_fr,
            kind=spec.kind,
            organizer=self._resolve(spec.organizer),
        )
        series.full_clean()
        series.save()
        return series

    def _event(self, spec: EventSpec, series: dict[str, EventSeries]) -> tuple[Event, int]:
        event = Event(
            kind=spec.kind,
            title_ar=spec.title_ar,
            title_fr=spec.title_fr,
            theme_ar=spec.theme_ar,
            theme_fr=spec.theme_fr,
            series=series[spec.series] if spec.series else None,
            edition=spec.edition,
            organizer=self._resolve(spec.organizer),
            region=self.regions[spec.region],
            province=self.provinces[spec.province] if spec.province else None,
            city=spec.city,
            venue=spec.venue,
            start_date=spec.start,
            end_date=spec.end,
            opening_hours=spec.opening_hours,
            area_m2=spec.area_m2,
            description_ar=spec.description_ar,
            description_fr=spec.description_fr,
            is_published=True,
            created_by=self.actor if getattr(self.actor, "pk", None) else None,
        )
        event.full_clean()
        event.save()
        partners = [
            EventPartner(event=event, organization=self._resolve(ref), role=role)
            for ref, role in spec.partners
        ]
        EventPartner.objects.bulk_create(partners)
        waves = self._waves(event, spec)
        if spec.booths:
            Booth.objects.bulk_create(_booths(event, spec.booths))
        exhibitors = []
        if spec.exhibitors:
            exhibitors = self._choose(spec.exhibitors, year=spec.start.year)
            Participation.objects.bulk_create(self._participations(event, exhibitors, waves))
        audit.record(
            actor=self.actor,
            action="demo.event.created",
            obj=event,
            data={
                "source": "demo",
                "key": spec.key,
                "exhibitors": len(exhibitors),
                "waves": len(waves),
                "partners": [p.organization_id for p in partners],
            },
        )
        return event, len(exhibitors)

    @staticmethod
    def _waves(event: Event, spec: EventSpec) -> list[Wave]:
        waves = [
            Wave(
                event=event,
                label=wave.label,
                label_ar=wave.label_ar,
                start_date=wave.start,
                end_date=wave.end,
                capacity=wave.capacity,
            )
            for wave in spec.waves
        ]
        for wave in waves:
            wave.full_clean()
        return Wave.objects.bulk_create(waves)

    def _participations(
        self, event: Event, exhibitors: list[int], waves: list[Wave]
    ) -> list[Participation]:
        order = list(exhibitors)
        # Dealt round-robin after a shuffle: each wave gets an even share and a mix of
        # regions and sectors, and nobody is in two waves.
        self.rng.shuffle(order)
        return [
            Participation(
                event=event,
                organization_id=organization,
                wave=waves[index % len(waves)] if waves else None,
                status=Participation.Status.CONFIRMED,
                source=Participation.Source.DIRECT,
            )
            for index, organization in enumerate(order)
        ]


def _candidates(organizations: Iterable[Organization]) -> list[_Candidate]:
    """The invented organizations in the registry's order, with their sector codes.

    Kind, region and main sector are read from the objects build_registry made, which hold
    them already; the other sectors come from one query on the through table.
    """
    sectors: dict[int, set[str]] = defaultdict(set)
    through = Organization.sectors.through.objects.values_list("organization_id", "sector__code")
    for organization_id, code in through:
        sectors[organization_id].add(code)
    return [
        _Candidate(
            pk=org.pk,
            kind=org.kind.code,
            region=org.region.code,
            primary=org.primary_sector.code if org.primary_sector_id else "",
            sectors=frozenset(sectors[org.pk]),
            lender=org.microcredit_lender_id if org.microcredit_beneficiary else None,
            founded=org.founded_year,
        )
        for org in organizations
    ]


def _booths(event: Event, plan: BoothPlan) -> list[Booth]:
    """Zones one after another, each `rows` rows deep; codes like "A01"."""
    booths = []
    first_row = 1
    for zone in plan.zones:
        number = 0
        for row in range(first_row, first_row + zone.rows):
            for column in range(1, zone.columns + 1):
                number += 1
                booths.append(
                    Booth(
                        event=event,
                        code=f"{zone.code}{number:02d}",
                        zone=zone.code,
                        size_m2=Decimal(plan.size_m2),
                        row=row,
                        column=column,
                        accessible=column in plan.accessible_columns,
                    )
                )
        first_row += zone.rows
    return booths


@dataclass(frozen=True)
class EventLine:
    """One event in the closing lines of `load_demo`."""

    key: str
    kind: str
    edition: int | None
    title: str
    start: date
    end: date
    exhibitors: int
    waves: int
    partners: int


def summarize_events(demo: DemoEvents) -> list[EventLine]:
    """Each event with its exhibitors counted as the report counts them (confirmed)."""
    keys = {event.pk: key for key, event in {**demo.events, **demo.earlier_editions}.items()}
    events = Event.objects.filter(pk__in=keys).annotate(
        exhibitors=Count(
            "participations__organization",
            filter=Q(participations__status=Participation.Status.CONFIRMED),
            distinct=True,
        ),
        wave_count=Count("waves", distinct=True),
        partner_count=Count("partners", distinct=True),
    )
    by_key = {keys[event.pk]: event for event in events}
    order = [spec.key for spec in EVENTS if spec.key in by_key]
    return [
        EventLine(
            key=keys[event.pk],
            kind=event.kind,
            edition=event.edition,
            title=event.title_fr or event.title_ar,
            start=event.start_date,
            end=event.end_date,
            exhibitors=event.exhibitors,
            waves=event.wave_count,
            partners=event.partner_count,
        )
        for event in (by_key[key] for key in order)
    ]
