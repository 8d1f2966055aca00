"""The reference events E1–E5 of the demonstration data, checked against the seed articles.

The full demo (400 organizations) is loaded once for the tests of `TestFullDemo`, inside a
transaction rolled back after them: the events need that many organizations to reach the
articles' exhibitor counts, and loading it for every test would take half a minute.
"""

import io
import random
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tadamon.core.models import AuditEntry
from tadamon.demo.events import build_events
from tadamon.demo.registry import build_registry
from tadamon.demo.users import create_admin
from tadamon.events.models import Booth, Event, EventPartner, Participation, Wave
from tadamon.registry.models import Organization

CONFIRMED = Participation.Status.CONFIRMED
E1_SECTORS = {
    "sewing", "leather", "textile", "basketry", "upholstery", "natural_cosmetics", "jewellery",
    "pottery", "terroir_products", "aromatic_plants",
}  # fmt: skip
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db) -> str:
    """The class's demo, seen from a test whose changes are rolled back."""
    return demo


def event(key: str) -> Event:
    """The event that the demo recorded under `key` in its audit entry."""
    entry = AuditEntry.objects.get(action="demo.event.created", data__key=key)
    return Event.objects.select_related("series", "organizer", "region", "province").get(
        pk=entry.object_id
    )


def exhibitors(of: Event) -> list[Organization]:
    participations = of.participations.filter(status=CONFIRMED).select_related(
        "organization__kind", "organization__region", "organization__primary_sector"
    )
    return [participation.organization for participation in participations]


def partners(of: Event) -> dict[str, str]:
    rows = EventPartner.objects.filter(event=of).values_list("organization__name_fr", "role")
    return dict(rows)


class TestFullDemo:
    def test_e1_has_three_monthly_waves_of_60_distinct_microcredit_clients(self, loaded):
        e1 = event("E1")
        assert (e1.kind, e1.edition, e1.start_date, e1.end_date) == (
            "bazaar", 2, date(2022, 7, 1), date(2022, 9, 30)
        )  # fmt: skip
        assert (e1.province.code, e1.region.code, e1.city) == ("01.02", "01", "M'diq")
        assert e1.organizer.name_ar == "مركز محمد السادس لدعم القروض الصغرى التضامنية"
        assert "المنتجات المحلية" in e1.theme_ar
        waves = list(e1.waves.order_by("start_date"))
        assert [(w.start_date.month, w.end_date.month, w.capacity) for w in waves] == [
            (7, 7, 60), (8, 8, 60), (9, 9, 60)
        ]  # fmt: skip
        per_wave = Counter(
            e1.participations.filter(status=CONFIRMED).values_list("wave", flat=True)
        )
        assert per_wave == {wave.pk: 60 for wave in waves}
        organizations = exhibitors(e1)
        assert len(organizations) == len(set(organizations)) == 180
        assert all(o.microcredit_beneficiary for o in organizations)
        assert {o.microcredit_lender_id for o in organizations} == {e1.organizer_id}
        regions = Counter(o.region.code for o in organizations)
        assert regions.most_common(1)[0][0] == "01" and len(regions) >= 8
        assert Counter(o.primary_sector.code in E1_SECTORS for o in organizations)[True] >= 60
        assert "Nissae M'diq" in " ".join(o.name_fr for o in organizations)

    def test_e1_floor_plan_has_60_booths_in_sector_zones(self, loaded):
        booths = Booth.objects.filter(event=event("E1"))
        assert booths.count() == 60
        assert dict(Counter(booths.values_list("zone", flat=True))) == {"A": 20, "B": 20, "C": 20}
        assert booths.filter(accessible=True).exists()

    def test_e1_is_compared_with_a_smaller_first_edition(self, loaded):
        e1 = event("E1")
        first = e1.previous_edition()
        assert first is not None and first == event("E1.ed1")
        assert (first.edition, first.start_date.year, first.waves.count()) == (1, 2021, 2)
        organizations = exhibitors(first)
        assert len(organizations) == len(set(organizations)) == 120
        assert all(o.microcredit_beneficiary for o in organizations)

    def test_e2_mobile_market_has_52_cooperatives_mostly_from_fes_meknes(self, loaded):
        e2 = event("E2")
        assert (e2.kind, e2.edition, e2.region.code) == ("mobile_market", 7, "03")
        assert (e2.start_date, e2.end_date, e2.days, e2.area_m2) == (
            date(2024, 7, 12), date(2024, 7, 16), 5, 10_000
        )  # fmt: skip
        assert e2.theme_ar == "الاقتصاد الاجتماعي والتضامني: سلاسل قيمة مستدامة ومبتكرة"
        assert partners(e2) == {"Entraide Nationale": EventPartner.Role.INSTITUTIONAL}
        organizations = exhibitors(e2)
        assert len(set(organizations)) == 52
        assert {o.kind.code for o in organizations} == {"cooperative"}
        regions = Counter(o.region.code for o in organizations)
        assert regions["03"] > 26 and len(regions) > 1

    def test_e3_azilal_exhibition_mixes_kinds_founded_by_2018(self, loaded):
        e3 = event("E3")
        assert (e3.kind, e3.edition, e3.region.code, e3.province.code) == (
            "regional_exhibition", 1, "05", "05.02"
        )  # fmt: skip
        assert (e3.start_date, e3.end_date, e3.area_m2) == (
            date(2018, 7, 25),
            date(2018, 7, 29),
            3000,
        )
        assert e3.organizer.name_fr == "Région Béni Mellal-Khénifra"
        ministry = (
            "Ministère du Tourisme, du Transport aérien, de l'Artisanat et de l'Économie sociale"
        )
        assert partners(e3) == {ministry: EventPartner.Role.CO_ORGANIZER}
        organizations = exhibitors(e3)
        assert len(set(organizations)) >= 160
        kinds = {o.kind.code for o in organizations}
        assert kinds == {"cooperative", "association", "mutual", "public_institution"}
        assert all(o.founded_year is None or o.founded_year <= 2018 for o in organizations)
        assert Counter(o.region.code for o in organizations).most_common(1)[0][0] == "05"

    def test_e4_is_the_third_edition_with_165_exhibitors_and_its_partners(self, loaded):
        e4 = event("E4")
        assert (e4.kind, e4.edition, e4.region.code, e4.province.code, e4.city) == (
            "regional_exhibition", 3, "01", "01.03", "Tétouan"
        )  # fmt: skip
        assert (e4.start_date, e4.end_date, e4.days, e4.area_m2) == (
            date(2024, 5, 31), date(2024, 6, 9), 10, 5000
        )  # fmt: skip
        assert e4.end_date.isoweekday() == 7  # closing on Sunday 9 June
        assert "ساحة الولاية" in e4.venue and "الرقمنة" in e4.theme_ar
        roles = partners(e4)
        assert Counter(roles.values()) == {"institutional_partner": 8, "co_organizer": 1}
        assert "Direction Régionale de l'Agriculture Tanger-Tétouan-Al Hoceïma" in roles
        organizations = exhibitors(e4)
        assert len(set(organizations)) == 165
        assert Counter(o.region.code for o in organizations)["01"] > 165 / 2
        assert any(o.founded_year == 1955 for o in organizations)
        assert any(o.endangered_craft and o.kind.code == "artisan" for o in organizations)
        assert any(o.eco_friendly for o in organizations)
        editions = {e.edition: e for e in Event.objects.filter(series=e4.series)}
        # The 4th is the upcoming edition whose call is open (tadamon/demo/calls.py).
        assert sorted(editions) == [1, 2, 3, 4]
        assert editions[4].start_date > date.today() and editions[4].previous_edition() == e4
        assert e4.previous_edition() == editions[2]
        counts = [len(exhibitors(editions[n])) for n in (1, 2, 3)]
        assert counts == sorted(counts) and counts[0] < 165
        assert editions[1].area_m2 < editions[2].area_m2 < e4.area_m2

    def test_e5_is_a_training_programme_without_exhibitors(self, loaded):
        e5 = event("E5")
        assert (e5.kind, e5.province.code, e5.region.code) == ("training_programme", "05.02", "05")
        assert (e5.start_date, e5.end_date) == (date(2023, 9, 26), date(2023, 10, 15))
        assert e5.organizer.name_fr == "Direction provinciale de l'artisanat d'Azilal"
        assert e5.title_ar.startswith("الأيام التكوينية")
        assert not e5.participations.exists() and e5.series is None

    def test_every_event_is_published_valid_and_audited(self, loaded):
        # The upcoming edition is the demo organizer's, created through the events service
        # (tadamon/demo/calls.py); the eight reference events and earlier editions are here.
        events = list(Event.objects.filter(start_date__lte=date.today()))
        assert len(events) == 8
        assert Event.objects.count() == 9
        for item in events:
            item.full_clean()
            assert item.is_published and item.created_by.username == "admin"
        for wave in Wave.objects.all():
            wave.full_clean()
        audited = AuditEntry.objects.filter(action="demo.event.created")
        assert sorted(int(pk) for pk in audited.values_list("object_id", flat=True)) == sorted(
            e.pk for e in events
        )
        assert not Participation.objects.exclude(status=CONFIRMED).exists()
        assert "Events: 8" in loaded and "180 exhibitors, 3 waves" in loaded

    def test_if_empty_is_a_no_op_on_the_filled_database(self, loaded):
        before = (
            Event.objects.count(),
            Participation.objects.count(),
            Organization.objects.count(),
        )
        assert "already has data" in load_demo(if_empty=True)
        after = (Event.objects.count(), Participation.objects.count(), Organization.objects.count())
        assert after == before

    def test_allocating_the_demo_e1_places_180_in_three_waves_without_same_sector_neighbours(
        self, loaded
    ):
        from tadamon.accounts.models import User
        from tadamon.events.models import BoothAssignment
        from tadamon.events.services import allocation

        e1 = event("E1")
        run = allocation.start_allocation(
            actor=User.objects.get(username="admin"), event=e1, time_limit_s=30
        )
        run.refresh_from_db()
        assert run.status == "done", run.message
        assignments = list(
            BoothAssignment.objects.filter(event=e1).select_related(
                "participation__organization__primary_sector"
            )
        )
        waves = list(e1.waves.all())
        assert Counter(a.wave_id for a in assignments) == {wave.pk: 60 for wave in waves}
        sector = {
            (a.wave_id, a.booth_id): allocation.sector_of(a.participation) for a in assignments
        }
        pairs = allocation.neighbour_pairs(e1.booths.all())
        assert pairs, "the demo floor plan has neighbouring booths"
        for wave in waves:
            for left, right in pairs:
                first, second = sector.get((wave.pk, left.pk)), sector.get((wave.pk, right.pk))
                assert not (first and first == second), (wave.label, left.code, right.code)


def _small_demo(seed: int) -> list[tuple[str, str]]:
    """Build a small demo, return (event key, exhibitor name) pairs, and roll it back."""
    with transaction.atomic():
        admin = create_admin()
        rng = random.Random(seed)
        registry = build_registry(rng, actor=admin, organizations=60)
        built = build_events(rng, registry, actor=admin)
        rows = sorted(
            (key, participation.organization.name_fr)
            for key, item in {**built.events, **built.earlier_editions}.items()
            for participation in item.participations.select_related("organization")
        )
        transaction.set_rollback(True)
    return rows


def test_a_small_registry_gives_smaller_events_and_the_seed_decides(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    rows = _small_demo(5)
    assert _small_demo(5) == rows
    assert _small_demo(6) != rows
    per_event = Counter(key for key, _ in rows)
    assert 0 < per_event["E1"] < 180 and per_event["E4"] <= 60
    assert len(set(rows)) == len(rows)  # nobody twice in one event
