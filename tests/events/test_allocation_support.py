"""Builders shared by the allocation, floor plan and allocation API tests (no tests here).

E1's shape (SPEC 1): a solidarity bazaar over three monthly waves, 60 booths in a grid,
180 confirmed exhibitors from 10 sectors; built in bulk so that the tests stay fast.
"""

import datetime

from tadamon.events.models import Booth, Participation, Wave
from tadamon.events.services.booths import row_letters
from tadamon.registry.models import Organization, Province, Sector
from tests.factories import EventFactory, kind, region

E1_SECTORS = (
    "sewing",
    "leather",
    "textile",
    "basketry",
    "upholstery",
    "natural_cosmetics",
    "jewellery",
    "pottery",
    "terroir_products",
    "aromatic_plants",
)


def fair(
    organizer_body,
    *,
    rows: int = 6,
    columns: int = 10,
    waves: int = 3,
    zone_of_row=lambda row: "A",
    accessible=lambda row, column: False,
    published: bool = True,
):
    """An event with `waves` monthly waves and a rows × columns grid of booths ("A01"...)."""
    event = EventFactory(
        kind="bazaar",
        organizer=organizer_body,
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 9, 30),
        title_ar="البازار التضامني",
        title_fr="Bazar solidaire",
        is_published=published,
    )
    wave_rows = [
        Wave.objects.create(
            event=event,
            label=f"M{month}",
            start_date=datetime.date(2026, 6 + month, 1),
            end_date=datetime.date(2026, 6 + month, 28),
        )
        for month in range(1, waves + 1)
    ]
    Booth.objects.bulk_create(
        Booth(
            event=event,
            code=f"{row_letters(row)}{column:02}",
            zone=zone_of_row(row),
            row=row,
            column=column,
            accessible=accessible(row, column),
        )
        for row in range(1, rows + 1)
        for column in range(1, columns + 1)
    )
    return event, wave_rows


def organizations(count: int, *, sectors=E1_SECTORS, names=None) -> list[Organization]:
    provinces = {p.region.code: p for p in Province.objects.select_related("region")}
    by_code = {s.code: s for s in Sector.objects.filter(code__in=[s for s in sectors if s])}
    cooperative = kind("cooperative")
    rows = []
    for i in range(count):
        code = f"{i % 12 + 1:02}"
        sector = sectors[i % len(sectors)]
        rows.append(
            Organization(
                name_ar=names(i) if names else f"تعاونية {i}",
                name_fr=f"Coopérative {i}",
                kind=cooperative,
                region=region(code),
                province=provinces[code],
                primary_sector=by_code.get(sector) if sector else None,
            )
        )
    return Organization.objects.bulk_create(rows)


def exhibitors(event, orgs, *, wave=None, status=Participation.Status.CONFIRMED):
    return Participation.objects.bulk_create(
        Participation(event=event, organization=org, wave=wave, status=status) for org in orgs
    )


def e1(organizer_body, **kwargs):
    """E1: 3 waves, 60 booths (6 rows × 10), 180 confirmed exhibitors without waves."""
    event, waves = fair(organizer_body, **kwargs)
    participations = exhibitors(event, organizations(180))
    return event, waves, participations
