"""Builders shared by the selection, waiting list and dashboard tests (no tests here).

E1's shape (SPEC 1): a solidarity bazaar over three monthly waves of 60 booths, a call for
180 places and 200 applications, created in bulk so that the tests stay fast.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from tadamon.calls.models import Application, ApplicationStatus, Call
from tadamon.events.models import Booth, Wave
from tadamon.registry.models import Organization, Province, Sector
from tests.factories import EventFactory, kind, region

SECTORS = ("textile", "terroir_products", "leather", "pottery", "natural_cosmetics")


def bazaar(organizer_body, *, booths: int = 60, waves: int = 3, capacity: int | None = None):
    """An E1-like event with its waves, booths and call; returns (event, waves, call). Next
    year's, so that the fair is still to come whatever day the tests run."""
    year = timezone.localdate().year + 1
    start = datetime.date(year, 7, 1)
    event = EventFactory(
        kind="bazaar",
        organizer=organizer_body,
        start_date=start,
        end_date=datetime.date(year, 9, 30),
        title_ar="البازار التضامني",
        title_fr="Bazar solidaire",
    )
    wave_rows = [
        Wave.objects.create(
            event=event,
            label=f"M{month}",
            start_date=datetime.date(year, 6 + month, 1),
            end_date=datetime.date(year, 6 + month, 28),
        )
        for month in range(1, waves + 1)
    ]
    Booth.objects.bulk_create(Booth(event=event, code=f"B{n:03}") for n in range(booths))
    call = Call.objects.create(
        event=event,
        opens_on=datetime.date(year, 4, 1),
        closes_on=datetime.date(year, 5, 1),
        capacity=capacity if capacity is not None else booths * max(1, waves),
    )
    return event, wave_rows, call


def organizations(count: int, *, women_led, youth_led=lambda i: False, regions=None):
    """`count` cooperatives created in bulk; `women_led(i)` etc. decide the flags."""
    provinces = {p.region.code: p for p in Province.objects.select_related("region")}
    sectors = {s.code: s for s in Sector.objects.filter(code__in=SECTORS)}
    cooperative = kind("cooperative")
    codes = regions or [f"{n:02}" for n in range(1, 13)]
    rows = []
    for i in range(count):
        code = codes[i % len(codes)]
        rows.append(
            Organization(
                name_ar=f"تعاونية {i}",
                name_fr=f"Coopérative {i}",
                kind=cooperative,
                region=region(code),
                province=provinces[code],
                primary_sector=sectors[SECTORS[i % len(SECTORS)]],
                women_led=women_led(i),
                youth_led=youth_led(i),
                email=f"coop{i}@example.org",
            )
        )
    return Organization.objects.bulk_create(rows)


def applications(call, orgs, *, scores, waves=None, status=ApplicationStatus.SUBMITTED):
    """One application per organization, with `scores[i]` and `waves(i)` preferences."""
    created = Application.objects.bulk_create(
        Application(
            call=call,
            organization=org,
            status=status,
            score=Decimal(str(scores[i])),
            first_participation=i % 3 == 0,
        )
        for i, org in enumerate(orgs)
    )
    if waves is not None:
        through = Application.wave_preferences.through
        through.objects.bulk_create(
            through(application_id=app.pk, wave_id=wave.pk)
            for i, app in enumerate(created)
            for wave in waves(i)
        )
    return created


def e1_applicants(call, wave_rows, *, count: int = 200, seed: int = 7):
    """200 applications to `call` over E1's three waves. About 52% of the applicants are
    women-led and score a little lower on average, so that a 50% quota binds."""
    rng = random.Random(seed)
    women = [i % 25 < 13 for i in range(count)]
    scores = [
        round(rng.uniform(40, 90) if women[i] else rng.uniform(50, 100), 2) for i in range(count)
    ]
    preferences = {
        0: [],
        1: [wave_rows[0]],
        2: [wave_rows[1], wave_rows[2]],
        3: [wave_rows[0], wave_rows[2]],
    }
    orgs = organizations(count, women_led=lambda i: women[i])
    return applications(call, orgs, scores=scores, waves=lambda i: preferences[i % 4])


def e1(organizer_body, *, count: int = 200, seed: int = 7):
    """E1's shape: returns (event, waves, call, applications)."""
    event, wave_rows, call = bazaar(organizer_body)
    return event, wave_rows, call, e1_applicants(call, wave_rows, count=count, seed=seed)
