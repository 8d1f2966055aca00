"""Random events for the report tests: exhibitors of every status, gates and counts, sales
declarations of every status (some superseded), sessions with attendance."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from tadamon.events.models import Participation
from tadamon.programme.models import Attendance
from tadamon.registry.models import Person
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    kind,
    region,
    sector,
)

KINDS = ("cooperative", "association", "artisan")
REGIONS = ("01", "05", "09")
SECTORS = ("argan", "terroir_products", None)
STATUSES = tuple(Participation.Status.values)
SALE_STATUSES = tuple(SalesDeclaration.Status.values)


@dataclass
class Generated:
    event: object
    participations: list = field(default_factory=list)
    counts: list = field(default_factory=list)
    sales: list = field(default_factory=list)
    attendances: list = field(default_factory=list)
    sessions: int = 0


def generate(organizer_body, *, seed: int, exhibitors: int, days: int, sessions: int) -> Generated:
    rng = random.Random(seed)
    start = datetime.date(2025, 5, 1)
    event = EventFactory(
        organizer=organizer_body, start_date=start, end_date=start + datetime.timedelta(days - 1)
    )
    made = Generated(event=event, sessions=sessions)
    for _ in range(exhibitors):
        code = rng.choice(SECTORS)
        organization = OrganizationFactory(
            kind=kind(rng.choice(KINDS)),
            region=region(rng.choice(REGIONS)),
            primary_sector=sector(code) if code else None,
            women_led=rng.random() < 0.5,
        )
        made.participations.append(
            Participation.objects.create(
                event=event, organization=organization, status=rng.choice(STATUSES)
            )
        )
    gates = [Gate.objects.create(event=event, name=f"G{n}") for n in range(rng.randint(0, 3))]
    for gate in gates:
        for day in range(days):
            if rng.random() < 0.8:
                made.counts.append(
                    VisitorCount.objects.create(
                        event=event,
                        gate=gate,
                        date=start + datetime.timedelta(day),
                        count=rng.randint(0, 5000),
                    )
                )
    for participation in made.participations:
        for day in range(days):
            if rng.random() < 0.5:
                made.sales.append(
                    SalesDeclaration.objects.create(
                        event=event,
                        organization=participation.organization,
                        date=start + datetime.timedelta(day),
                        amount_mad=Decimal(rng.randint(0, 10_000_00)) / 100,
                        status=rng.choice(SALE_STATUSES),
                        superseded=rng.random() < 0.15,
                    )
                )
    people = [
        PersonFactory(
            gender=rng.choice(Person.Gender.values),
            organization=rng.choice([p.organization for p in made.participations] + [None])
            if made.participations
            else None,
        )
        for _ in range(rng.randint(0, 8))
    ]
    for n in range(sessions):
        session = SessionFactory(
            event=event, starts_at=timezone.now() - datetime.timedelta(days=n + 1)
        )
        for person in people:
            if rng.random() < 0.6:
                made.attendances.append(
                    Attendance.objects.create(
                        session=session, person=person, checked_in_at=timezone.now()
                    )
                )
    return made


def brute_force(made: Generated) -> dict:
    """The SPEC 5 figures recomputed from the rows in plain Python."""
    confirmed = [p for p in made.participations if p.status == Participation.Status.CONFIRMED]
    by = {"kind": {}, "region": {}, "sector": {}}
    for p in confirmed:
        organization = p.organization
        for key, code in (
            ("kind", organization.kind.code),
            ("region", organization.region.code),
            (
                "sector",
                organization.primary_sector.code if organization.primary_sector else "unspecified",
            ),
        ):
            by[key][code] = by[key].get(code, 0) + 1
    counted = [
        s.amount_mad
        for s in made.sales
        if s.status == SalesDeclaration.Status.VALIDATED and not s.superseded
    ]
    people = {a.person_id: a.person for a in made.attendances}
    return {
        "exhibitors": len(confirmed) if made.participations else None,
        "exhibitors_by_kind": dict(sorted(by["kind"].items())),
        "exhibitors_by_region": dict(sorted(by["region"].items())),
        "exhibitors_by_sector": dict(sorted(by["sector"].items())),
        "women_led_exhibitors": sum(p.organization.women_led for p in confirmed)
        if made.participations
        else None,
        "visitors": sum(c.count for c in made.counts) if made.counts else None,
        "turnover_mad": f"{sum(counted, Decimal(0)):.2f}" if made.sales else None,
        "beneficiaries": len(people) if made.sessions else None,
        "beneficiaries_women": sum(p.gender == Person.Gender.FEMALE for p in people.values())
        if made.sessions
        else None,
        "beneficiary_organizations": len({p.organization_id for p in people.values()} - {None})
        if made.sessions
        else None,
    }
