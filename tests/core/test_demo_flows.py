"""The demo shows every flow of the product (issue 17): E4's call for exhibitors replayed
before the fair and the upcoming edition's open call, E1's and E4's booths and waves, the
workshops of E1 and E3 and E3's children's space, E1's partners, E4's juries, E5's
certificates, the demo organizer at the M'diq bazaar's management pages, visitors' badges
at E4 and the upcoming edition, and a sign-up waiting for an organizer.

The full demo is loaded once for the class, inside a transaction rolled back after it, as in
test_demo_fair_figures.py.
"""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tadamon.accounts.models import User
from tadamon.awards.models import AwardCategory, JuryScore
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.models import Call, Score, SelectionRun
from tadamon.calls.services.applications import is_open
from tadamon.core.models import AuditEntry
from tadamon.events.models import AllocationRun, BoothAssignment, Event, EventPartner, Participation
from tadamon.programme.models import Certificate
from tadamon.registry.models import OrganizationClaim
from tadamon.registry.selectors import claim_matches
from tadamon.reports.beneficiaries import beneficiaries_by_commune
from tadamon.visitors.models import VisitorRegistration
from tadamon.visitors.services.visitor_badges import registration_open

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db) -> str:
    return demo


def event(key: str) -> Event:
    entry = AuditEntry.objects.get(action="demo.event.created", data__key=key)
    return Event.objects.get(pk=entry.object_id)


def upcoming() -> Event:
    e4 = event("E4")
    return Event.objects.get(series=e4.series, edition=e4.edition + 1)


def exhibitors(of: Event) -> set[int]:
    confirmed = of.participations.filter(status=Participation.Status.CONFIRMED)
    return set(confirmed.values_list("organization_id", flat=True))


@pytest.mark.usefixtures("loaded")
class TestDemoFlows:
    def test_e4_call_was_reviewed_and_selected_under_quotas_before_the_fair(self):
        e4 = event("E4")
        call = Call.objects.get(event=e4)
        assert call.closes_on < e4.start_date
        applications = call.applications.all()
        assert applications.count() == 210
        # Submitted while the call was open, in 2024: the replay ran at its dates.
        for application in applications:
            submitted = timezone.localdate(application.submitted_at)
            assert call.opens_on <= submitted <= call.closes_on
        assert call.criteria.count() == 3
        assert Score.objects.filter(assignment__application__call=call).count() == 210 * 2 * 3
        assert not applications.filter(score__isnull=True).exists()
        [run] = call.selection_runs.filter(status=SelectionRun.Status.PUBLISHED)
        assert run.result["status"] in ("OPTIMAL", "FEASIBLE")
        assert set(run.quotas) == {"min_share_women_led", "min_per_region"}
        assert call.quotas == run.quotas
        statuses = Counter(applications.values_list("status", flat=True))
        assert statuses == {S.CONFIRMED: 165, S.WAITLISTED: 45}
        # The selection chose exactly the fair's exhibitors, whose participations are the call's.
        confirmed = set(
            applications.filter(status=S.CONFIRMED).values_list("organization_id", flat=True)
        )
        assert confirmed == exhibitors(e4)
        assert not e4.participations.exclude(source=Participation.Source.CALL).exists()
        ranks = sorted(
            applications.filter(status=S.WAITLISTED).values_list("waitlist_rank", flat=True)
        )
        assert ranks == list(range(1, 46))

    def test_the_upcoming_edition_has_its_call_open_with_applications_and_reviews(self):
        coming = upcoming()
        assert coming.start_date > date.today() and coming.is_published
        call = Call.objects.get(event=coming)
        assert is_open(call)
        applications = call.applications.all()
        assert applications.filter(status=S.UNDER_REVIEW).count() > 20
        assert applications.filter(status=S.DRAFT).exists()
        exhibitor = User.objects.get(username="exhibitor")
        mine = applications.get(organization=exhibitor.organization)
        assert mine.created_by == exhibitor and mine.status in (S.SUBMITTED, S.UNDER_REVIEW)
        assert Score.objects.filter(assignment__application__call=call).exists()
        assert applications.filter(score__isnull=True).exclude(status=S.DRAFT).exists()
        assert not call.selection_runs.filter(status=SelectionRun.Status.PUBLISHED).exists()

    def test_e1_has_three_waves_and_every_exhibitor_a_booth(self):
        e1 = event("E1")
        assert e1.waves.count() == 3
        assignments = BoothAssignment.objects.filter(event=e1)
        assert assignments.count() == 180
        assert set(Counter(assignments.values_list("wave", flat=True)).values()) == {60}
        run = AllocationRun.objects.get(event=e1)
        assert run.status == AllocationRun.Status.DONE and run.created_by.username == "organizer"

    def test_e4_exhibitors_have_booths(self):
        e4 = event("E4")
        assignments = BoothAssignment.objects.filter(event=e4)
        assert assignments.count() == 165
        assert set(assignments.values_list("participation__organization", flat=True)) == (
            exhibitors(e4)
        )
        assert e4.booths.count() >= 165
        client = Client()
        client.force_login(User.objects.get(username="organizer"))
        plan = client.get(reverse("events:floorplan_all", args=[e4.pk]))
        assert plan.status_code == 200 and plan["Content-Type"].startswith("image/svg")

    def test_workshops_of_e1_and_e3_and_e3s_childrens_space(self):
        e1, e3 = event("E1"), event("E3")
        workshops = e1.sessions.filter(kind="workshop")
        assert workshops.count() == 6
        assert {s.commune.name_fr for s in workshops.select_related("commune")} == {"M'diq"}
        assert all(s.trainers.filter(username="trainer").exists() for s in workshops)
        topics = set(e3.sessions.values_list("topics__code", flat=True))
        assert {"commercial_strategy", "financial_management", "administrative_legal"} <= topics
        children = e3.sessions.filter(room__contains="Espace enfants")
        assert children.count() == e3.days
        assert all(
            e3.start_date <= timezone.localdate(s.starts_at) <= e3.end_date for s in children
        )

    def test_e1_partners_are_the_prefecture_and_the_region(self):
        roles = {
            p.organization.name_fr: p.role
            for p in EventPartner.objects.filter(event=event("E1")).select_related("organization")
        }
        assert roles == {
            "Préfecture de M'diq-Fnideq": EventPartner.Role.CO_ORGANIZER,
            "Région Tanger-Tétouan-Al Hoceïma": EventPartner.Role.CO_ORGANIZER,
        }

    def test_e4_jury_prizes_were_scored_and_their_juries_closed(self):
        juries = AwardCategory.objects.filter(event=event("E4"), kind=AwardCategory.Kind.JURY)
        assert juries.count() == 4
        for category in juries:
            assert category.jury_closed_at is not None and category.published_at is not None
            assert category.jurors.count() == 2
            assert JuryScore.objects.filter(candidate__category=category).exists()
            assert category.candidates.count() > category.winners_count
            assert not category.results.filter(manual=True).exists()
            assert category.results.filter(rank=1).count() == category.winners_count

    def test_e5_certificates_are_issued_to_its_298_beneficiaries(self):
        e5 = event("E5")
        certificates = Certificate.objects.filter(event=e5, kind=Certificate.Kind.ATTENDANCE)
        assert certificates.count() == 298
        # Issued after the programme, in 2023: numbered in that year.
        numbers = certificates.values_list("number", flat=True)
        assert all(number.startswith("TDM-2023-") for number in numbers)
        e4 = event("E4")
        appreciation = Certificate.objects.filter(event=e4, kind=Certificate.Kind.APPRECIATION)
        assert appreciation.count() == e4.partners.count()

    def test_the_demo_organizer_opens_e1s_management_pages(self):
        e1 = event("E1")
        client = Client()
        client.force_login(User.objects.get(username="organizer"))
        for name in (
            "events:event_detail",
            "calls:dashboard",
            "events:allocation",
            "reports:report",
            "reports:report_pdf",
        ):
            response = client.get(reverse(name, args=[e1.pk]))
            assert response.status_code == 200, name
        for wave in e1.waves.all():
            plan = client.get(reverse("events:floorplan_wave", args=[e1.pk, wave.pk]))
            assert plan.status_code == 200 and plan["Content-Type"].startswith("image/svg")

    def test_e5_report_shows_30_women_in_ait_oumdis(self):
        with translation.override("fr"):
            table = beneficiaries_by_commune(event("E5"))
        rows = {row.commune: (row.women, row.men, row.total) for row in table.rows}
        assert len(rows) == 5 and rows["Aït Oumdis"] == (30, 0, 30)
        assert (table.total.total, table.total.women) == (298, 222)

    def test_load_demo_reports_the_flows(self, loaded):
        assert "E4      210 applications" in loaded
        assert "selection published: 165 confirmed, 45 waiting" in loaded
        assert "Certificates issued: E5 298" in loaded
        assert "Visitors registered for a badge: E4 40 (30 came), E4.ed4 12" in loaded
        assert "A sign-up waiting for an organizer: newcomer" in loaded

    def test_e4_visitors_registered_before_the_fair_and_came_through_its_gates(self):
        e4 = event("E4")
        badges = VisitorRegistration.objects.filter(event=e4)
        assert badges.count() == 40
        assert len(set(badges.values_list("phone", flat=True))) == 40
        came = badges.filter(arrived_at__isnull=False)
        assert came.count() == 30 and not came.filter(arrival_gate=None).exists()
        assert all(b.registered_at.date() < e4.start_date for b in badges)
        assert all(e4.start_date <= timezone.localtime(b.arrived_at).date() <= e4.end_date
                   for b in came)  # fmt: skip
        client = Client()
        badge = client.get(reverse("public:badge", args=[came.first().code]))
        assert badge.status_code == 200

    def test_the_upcoming_edition_takes_visitor_registrations(self):
        event = upcoming()
        assert registration_open(event)
        assert VisitorRegistration.objects.filter(event=event, arrived_at=None).count() == 12
        page = Client().get(reverse("public:event", args=[event.pk]))
        assert reverse("public:visit", args=[event.pk]) in page.content.decode()

    def test_a_sign_up_waits_for_an_organizer_with_its_likely_match(self):
        claim = OrganizationClaim.objects.get(status=OrganizationClaim.Status.PENDING)
        assert claim.user.username == "newcomer" and claim.user.phone_verified
        assert claim.organization.awaiting_confirmation
        assert claim.match is not None and not claim.match.awaiting_confirmation
        assert claim.match.pk in {c.organization.pk for c in claim_matches(claim)}
        client = Client()
        client.force_login(User.objects.get(username="organizer"))
        page = client.get(reverse("registry:claim_detail", args=[claim.pk]))
        assert page.status_code == 200
        assert claim.match.name_ar in page.content.decode()
