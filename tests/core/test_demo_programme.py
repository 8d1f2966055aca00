"""The programme of the demonstration data (sessions, trainers, registrations, attendance of
E2, E4 and E5), checked against the seed articles and the closing report's figures.

The full demo is loaded once for `TestFullDemoProgramme`, inside a transaction rolled back
after them, as in test_demo_events.py: E5's 21 organizations come from the full registry.
"""

import io
import random
from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.test import override_settings
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.core.text import search_document
from tadamon.demo.events import build_events
from tadamon.demo.programme import build_programme
from tadamon.demo.registry import build_registry
from tadamon.demo.users import DEMO_PASSWORD, create_admin
from tadamon.events.models import Event, Participation
from tadamon.programme.models import Attendance, Registration, Session
from tadamon.programme.selectors.beneficiaries import event_beneficiaries, report_figures
from tadamon.registry.models import Organization, Person

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
E5_COMMUNES = {"Aït M'hamed", "Tabant", "Aït Bouli", "Aït Oumdis", "Aït Blal"}
# "administrative and financial management, weaving techniques and marketing"
E5_TOPICS = {"administrative_legal", "financial_management", "weaving_textile", "marketing"}
# "entrepreneurship, marketing, digital marketing and e-commerce, administrative and legal
# management of cooperatives"
E2_TOPICS = {"entrepreneurship", "marketing", "digital_marketing", "administrative_legal"}
E5_FIGURES = {
    "sessions": {"workshop": 0, "training": 15, "seminar": 0, "ceremony": 0},
    "beneficiaries": 298,
    "beneficiary_organizations": 21,
    "communes": 5,
}


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
    entry = AuditEntry.objects.get(action="demo.event.created", data__key=key)
    return Event.objects.get(pk=entry.object_id)


def programme_sessions():
    """The sessions of the events this demo part gives a programme: E2, E4 and E5."""
    return Session.objects.filter(event__in=[event(key) for key in ("E2", "E4", "E5")])


def attendees(of: Event):
    return Person.objects.filter(attendances__session__event=of).distinct()


def local_day(value) -> date:
    return timezone.localtime(value).date()


def assert_members_of_exhibitors(of: Event) -> None:
    exhibitors = set(
        of.participations.filter(status=Participation.Status.CONFIRMED).values_list(
            "organization", flat=True
        )
    )
    organizations = set(attendees(of).values_list("organization", flat=True))
    assert organizations and organizations <= exhibitors


class TestFullDemoProgramme:
    def test_e5_report_shows_the_articles_figures(self, loaded):
        figures = report_figures(event("E5"))
        women = figures.pop("beneficiaries_women")
        assert figures == E5_FIGURES
        assert 30 <= women < 298

    def test_e5_has_30_women_beneficiaries_in_ait_amdis(self, loaded):
        e5 = event("E5")
        figures = event_beneficiaries(e5)
        by_commune = {row["name_fr"]: row for row in figures["by_commune"]}
        assert set(by_commune) == E5_COMMUNES
        assert (by_commune["Aït Oumdis"]["beneficiaries"], by_commune["Aït Oumdis"]["women"]) == (
            30,
            30,
        )
        trained_there = {row["name_fr"]: row["women"] for row in figures["by_session_commune"]}
        assert trained_there["Aït Oumdis"] == 30
        women = attendees(e5).filter(commune__name_fr="Aït Oumdis", gender="f")
        assert women.count() == 30

    def test_e5_beneficiaries_come_from_21_azilal_associations_and_cooperatives(self, loaded):
        e5 = event("E5")
        organizations = Organization.objects.filter(people__in=attendees(e5)).distinct()
        assert organizations.count() == 21
        assert set(organizations.values_list("kind__code", flat=True)) <= {
            "cooperative",
            "association",
        }
        assert set(organizations.values_list("province__code", flat=True)) == {"05.02"}
        # Everyone is trained in their own commune, at 1 to 3 of its sessions.
        attended = Attendance.objects.filter(session__event=e5)
        assert not attended.exclude(session__commune=F("person__commune")).exists()
        per_person = Counter(attended.values_list("person", flat=True))
        assert len(per_person) == 298 and set(per_person.values()) <= {1, 2, 3}
        for person in attendees(e5).select_related("commune"):
            assert person.commune.name_fr in E5_COMMUNES and person.age_band

    def test_e5_sessions_are_trainings_on_the_articles_themes_in_five_communes(self, loaded):
        e5 = event("E5")
        sessions = list(e5.sessions.select_related("commune").prefetch_related("topics"))
        assert {s.kind for s in sessions} == {"training"}
        topics: dict[str, set[str]] = {}
        for session in sessions:
            assert session.commune.province.code == "05.02"
            topics.setdefault(session.commune.name_fr, set()).update(
                topic.code for topic in session.topics.all()
            )
            assert list(session.trainers.values_list("role", flat=True)) == [Role.TRAINER]
        assert topics == dict.fromkeys(E5_COMMUNES, E5_TOPICS)
        days = sorted(local_day(s.starts_at) for s in sessions)
        assert (days[0], days[-1]) == (date(2023, 9, 26), date(2023, 10, 15))

    def test_e2_trains_members_of_its_cooperatives_on_the_articles_subjects(self, loaded):
        e2 = event("E2")
        sessions = list(e2.sessions.prefetch_related("topics"))
        assert len(sessions) >= 3
        assert {t.code for s in sessions for t in s.topics.all()} == E2_TOPICS
        assert all(e2.start_date <= local_day(s.starts_at) <= e2.end_date for s in sessions)
        assert all(s.attendances.exists() for s in sessions)
        # "some tens": the article gives no count.
        assert 20 <= report_figures(e2)["beneficiaries"] < 100
        assert_members_of_exhibitors(e2)

    def test_e4_has_seminars_workshops_trainings_and_a_closing_ceremony(self, loaded):
        e4 = event("E4")
        sessions = list(e4.sessions.all())
        kinds = Counter(s.kind for s in sessions)
        assert kinds["seminar"] and kinds["workshop"] and kinds["training"]
        assert kinds["ceremony"] == 1
        ceremony = next(s for s in sessions if s.kind == "ceremony")
        assert local_day(ceremony.starts_at) == date(2024, 6, 9) == e4.end_date
        assert ceremony.attendances.exists()
        assert all(s.attendances.exists() for s in sessions)
        assert {s.commune.name_fr for s in sessions} == {"Tétouan"}
        assert report_figures(e4)["sessions"]["ceremony"] == 1
        assert_members_of_exhibitors(e4)

    def test_sessions_are_valid_and_within_their_events_dates(self, loaded):
        sessions = programme_sessions().select_related("event")
        assert sessions.count() == 5 + 9 + 15
        for session in sessions:
            session.full_clean()
            event_ = session.event
            assert event_.start_date <= local_day(session.starts_at) <= event_.end_date
            assert local_day(session.ends_at) == local_day(session.starts_at)

    def test_attendance_is_once_per_person_and_session_within_its_times(self, loaded):
        sessions = programme_sessions()
        attendance = Attendance.objects.filter(session__in=sessions)
        assert attendance.count() > 500
        outside = Q(checked_in_at__lt=F("session__starts_at")) | Q(
            checked_in_at__gte=F("session__ends_at")
        )
        assert not attendance.filter(outside).exists()
        # Everyone checked in had registered, and no session has more registered than places.
        registrations = Registration.objects.filter(session__in=sessions)
        registered = set(registrations.values_list("session", "person"))
        assert set(attendance.values_list("session", "person")) <= registered
        over = sessions.annotate(n=Count("registrations")).filter(n__gt=F("capacity"))
        assert not over.exists()
        first = attendance.first()
        with pytest.raises(IntegrityError), transaction.atomic():
            Attendance.objects.create(
                session=first.session, person=first.person, checked_in_at=first.checked_in_at
            )

    def test_people_trainers_and_audit_entries_are_as_the_services_leave_them(self, loaded):
        people = Person.objects.filter(attendances__session__in=programme_sessions()).distinct()
        for person in people:
            person.full_clean()
            assert person.search_text == search_document(person.first_name, person.last_name)
        audited = AuditEntry.objects.filter(action="demo.programme.created")
        assert sorted(audited.values_list("data__key", flat=True)) == ["E2", "E4", "E5"]
        assert {entry.object_id for entry in audited} == {
            str(event(key).pk) for key in ("E2", "E4", "E5")
        }
        trainers = {
            u for s in programme_sessions().prefetch_related("trainers") for u in s.trainers.all()
        }
        assert len(trainers) >= 3
        for trainer in trainers:
            assert trainer.role == Role.TRAINER and trainer.check_password(DEMO_PASSWORD)

    def test_load_demo_prints_a_programme_line_per_event(self, loaded):
        assert "Programme: " in loaded
        after = loaded.split("Programme: ", 1)[1].splitlines()[1:4]
        lines = {line.split()[0]: line for line in after}
        assert set(lines) == {"E2", "E4", "E5"}
        assert "15 sessions (training 15)" in lines["E5"]
        assert "298 beneficiaries" in lines["E5"]
        assert "21 organizations and 5 communes" in lines["E5"]
        assert "ceremony 1" in lines["E4"]
        assert "trainer_azilal" in loaded


def _small_demo(seed: int, *, top_up: bool | None = None) -> dict[str, Any]:
    """Build a small demo (40 organizations) with its programme, describe it, roll it back."""
    with transaction.atomic():
        admin = create_admin()
        rng = random.Random(seed)
        registry = build_registry(rng, actor=admin, organizations=40)
        events = build_events(rng, registry, actor=admin)
        built = build_programme(rng, registry, events, actor=admin, top_up=top_up)
        e5 = built.events["E5"]
        women = {row["name_fr"]: row["women"] for row in event_beneficiaries(e5)["by_commune"]}
        result = {
            "seats": sorted(
                Attendance.objects.values_list(
                    "session__title_fr", "person__first_name", "person__last_name", "checked_in_at"
                )
            ),
            "e5": report_figures(e5),
            "ait_oumdis_women": women.get("Aït Oumdis", 0),
            "organizations": Organization.objects.count(),
            "organization_audits": AuditEntry.objects.filter(
                action="registry.organization.created"
            ).count(),
            "added": [
                (o.name_fr, o.commune.name_fr, o.search_text) for o in built.organizations_added
            ],
        }
        transaction.set_rollback(True)
    return result


def test_a_small_registry_gives_a_smaller_programme_and_the_seed_decides(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    first = _small_demo(5)
    assert _small_demo(5) == first
    assert _small_demo(6)["seats"] != first["seats"]
    # --organizations stays the number invented: E5 is smaller rather than topped up.
    assert first["added"] == []
    assert 0 < first["e5"]["beneficiary_organizations"] < 21
    assert first["e5"]["beneficiaries"] < 298


def test_topping_up_a_small_registry_reaches_the_articles_figures(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    built = _small_demo(5, top_up=True)
    figures = built["e5"]
    assert {key: figures[key] for key in E5_FIGURES} == E5_FIGURES
    assert built["ait_oumdis_women"] == 30
    assert built["added"] and all(
        commune in E5_COMMUNES and search_text for _, commune, search_text in built["added"]
    )
    assert built["organization_audits"] == built["organizations"]
