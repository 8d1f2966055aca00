"""Fill a fresh database with the demonstration data (SPEC section 7)."""

import random
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tadamon.accounts.models import User
from tadamon.core.search import engine as search_engine
from tadamon.demo import summary as demo
from tadamon.demo.b2b import build_b2b, summarize_b2b
from tadamon.demo.calendar_links import build_calendar_links
from tadamon.demo.calls import build_calls, summarize_calls
from tadamon.demo.certificates import build_certificates
from tadamon.demo.consent import give_consent
from tadamon.demo.events import DemoEvents, build_events, summarize_events
from tadamon.demo.fair_figures import (
    DemoFairFigures,
    build_fair_figures,
    summarize_fair_figures,
)
from tadamon.demo.floor_plans import build_floor_plans, summarize_floor_plans
from tadamon.demo.programme import DemoProgramme, build_programme, summarize_programme
from tadamon.demo.registry import DEFAULT_ORGANIZATIONS, build_registry
from tadamon.demo.signups import build_signups
from tadamon.demo.users import DEMO_PASSWORD, build_users, create_admin
from tadamon.demo.visitors import build_visitors
from tadamon.demo.workshops import build_workshops

DEMO_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Load the demonstration data: the organizers of the reference events, invented "
        "organizations with products and beneficiaries, one account per role, and the "
        "reference events E1–E5 with their exhibitors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the database already has data.",
        )
        parser.add_argument(
            "--seed", type=int, default=demo.DEFAULT_SEED,
            help=f"Random seed; the same seed gives the same data (default {demo.DEFAULT_SEED}).",
        )  # fmt: skip
        parser.add_argument(
            "--organizations", type=int, default=DEFAULT_ORGANIZATIONS,
            help=f"How many organizations to invent (default {DEFAULT_ORGANIZATIONS}).",
        )  # fmt: skip

    def handle(self, *args, if_empty: bool, seed: int, organizations: int, **options) -> None:
        if organizations < 1:
            raise CommandError("--organizations must be at least 1.")
        if demo.has_data():
            if if_empty:
                self.stdout.write("The database already has data; the demo was not loaded.")
                return
            raise CommandError(
                "The database already has data. Load the demo into a fresh database "
                "(`manage.py migrate` on a new DATABASE_URL), or pass --if-empty to skip."
            )
        started = time.perf_counter()
        try:
            with transaction.atomic():
                # One generator for every part, so that one seed gives one dataset.
                rng = random.Random(seed)
                # The flows added later (calls, juries) draw from a second generator of the
                # same seed, so that the figures drawn before them stay what they were.
                flows = random.Random(f"{seed}/flows")
                admin = create_admin(password=DEMO_PASSWORD)
                registry = build_registry(rng, actor=admin, organizations=organizations)
                users = build_users(registry, admin=admin, password=DEMO_PASSWORD)
                events = build_events(rng, registry, actor=admin)
                # Before the fairs: E4's call as it happened, and the floor plans.
                calls = build_calls(flows, registry, events, actor=admin)
                floor_plans = build_floor_plans(events, actor=admin)
                programme = build_programme(rng, registry, events, actor=admin)
                workshops = build_workshops(events, actor=admin)
                figures = build_fair_figures(rng, registry, events, actor=admin, jury_rng=flows)
                b2b = build_b2b(rng, events, actor=admin)
                certificates = build_certificates(events, actor=admin)
                calendar_link = build_calendar_links()
                visitors = build_visitors(
                    flows, e4=events.events.get("E4"), upcoming=calls.upcoming, actor=admin
                )
                give_consent()
                # The demo writes in bulk, past the save signals that feed the search index.
                search_engine.rebuild()
                claim = build_signups(flows, registry, password=DEMO_PASSWORD)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        newcomers = [claim.user] if claim is not None else []
        self._report(
            [*users, *programme.trainers, *newcomers],
            events, programme, figures, seconds=seconds, seed=seed,
        )  # fmt: skip
        self.stdout.write(summarize_b2b(b2b))
        self.stdout.write("Calls for exhibitors:")
        for line in summarize_calls(calls):
            self.stdout.write(line)
        self.stdout.write("Floor plans (booths allocated by the optimizer):")
        for line in summarize_floor_plans(floor_plans):
            self.stdout.write(line)
        self.stdout.write(
            "Workshops: "
            + ", ".join(f"{key} {len(sessions)} sessions" for key, sessions in workshops.items())
        )
        self.stdout.write(
            "Certificates issued: "
            + ", ".join(f"{key} {count}" for key, count in certificates.items())
        )
        self.stdout.write(
            "Visitors registered for a badge: "
            + ", ".join(
                f"{key} {count} ({visitors.arrived[key]} came)" if key in visitors.arrived
                else f"{key} {count}"
                for key, count in visitors.registered.items()
            )
        )  # fmt: skip
        if claim is not None:
            self.stdout.write(
                f"A sign-up waiting for an organizer: {claim.user.username} "
                f"for {claim.organization.name_ar} (/registry/claims/{claim.pk}/)"
            )
        if calendar_link is not None:
            self.stdout.write(
                f"Calendar link of {calendar_link.owner.username}: "
                f"/calendars/feed/{calendar_link.token}.ics"
            )

    def _report(
        self,
        users: list[User],
        events: DemoEvents,
        programme: DemoProgramme,
        figures: DemoFairFigures,
        *,
        seconds: float,
        seed: int,
    ) -> None:
        summary = demo.summarize()
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demonstration data loaded (seed {seed}) in {seconds:.1f} s."))
        write(f"Organizations: {summary.organizations}")
        for kind, count in summary.organizations_by_kind:
            write(f"  {kind:<26}{count:>5}")
        write("  by region:")
        for region, count in summary.organizations_by_region:
            write(f"  {region:<34}{count:>5}")
        write(f"  women-led: {summary.women_led}")
        write(f"  microcredit beneficiaries: {summary.microcredit_beneficiaries}")
        write(f"People (beneficiaries): {summary.people}")
        write(f"Products: {summary.products}")
        write(f"Users: {summary.users}")
        self._report_events(events)
        self._report_programme(programme)
        self._report_fair_figures(figures)
        write("")
        rows = [("username", "role", "organization", "password")]
        rows += [
            (
                user.username,
                user.role,
                user.organization.name_fr if user.organization_id else "-",
                DEMO_PASSWORD,
            )
            for user in users
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
            write("  ".join([*padded, row[-1]]))
        write("")
        write(
            self.style.WARNING(
                f"The password “{DEMO_PASSWORD}” is for demonstration only: "
                "never use these accounts on a real installation."
            )
        )
        write(f"Open {DEMO_URL}")

    def _report_events(self, events: DemoEvents) -> None:
        lines = summarize_events(events)
        self.stdout.write(
            f"Events: {len(lines)} (E1–E5 and {len(events.earlier_editions)} earlier editions), "
            f"{events.participations} confirmed participations"
        )
        for line in lines:
            edition = f"ed. {line.edition}" if line.edition else "-"
            waves = f", {line.waves} waves" if line.waves else ""
            self.stdout.write(
                f"  {line.key:<7}{line.kind:<20}{edition:<7}{line.start} → {line.end}  "
                f"{line.exhibitors:>4} exhibitors{waves}, {line.partners} partners  {line.title}"
            )

    def _report_programme(self, programme: DemoProgramme) -> None:
        lines = summarize_programme(programme)
        added = len(programme.organizations_added)
        self.stdout.write(
            f"Programme: {sum(len(s) for s in programme.sessions.values())} sessions, "
            f"{programme.people} people trained, {len(programme.trainers)} trainer accounts"
            + (f", {added} organizations invented for E5" if added else "")
        )
        for line in lines:
            kinds = ", ".join(f"{kind} {count}" for kind, count in line.sessions.items())
            self.stdout.write(
                f"  {line.key:<7}{sum(line.sessions.values()):>3} sessions ({kinds}); "
                f"{line.beneficiaries} beneficiaries ({line.women} women) from "
                f"{line.organizations} organizations and {line.communes} communes, "
                f"{line.attendances} check-ins"
            )

    def _report_fair_figures(self, figures: DemoFairFigures) -> None:
        lines = summarize_fair_figures(figures)
        self.stdout.write(f"Fair figures: visitors, sales and awards of {len(lines)} events")
        for line in lines:
            self.stdout.write(line)
