"""The calls for exhibitors of the demonstration data (SPEC 3C), played through the product's
call, review and selection services so that every page of the flow has something to show.

- E4, as it happened before the fair (the article is silent about its call: everything here
  is invented and said so): the Region opened a call on 1 March 2024, open from 4 March to
  15 April; its 165 exhibitors and 45 other organizations applied; the reviewer and the
  demo organizer scored every application on three criteria; a selection under quotas
  (a share of women-led organizations, a minimum from the home region) was published on
  25 April: 165 accepted, the others on the waiting list in the optimizer's order; the
  accepted confirmed their place in the following days. The services read the clock, so
  each step runs at its day of 2024 (tadamon.demo.clock).

  The scores are drawn so that the fair's exhibitors (chosen by events.py, and on which the
  sales, awards and B2B of the demo rest) are exactly the top 165 and meet the quotas: the
  optimizer, which maximises the total score under the quotas, then selects them, as the
  tests check. The confirmation is the representative's act in the product; the demo has
  no account for 165 cooperatives, so it is recorded through the application workflow by
  the organizer, as when a cooperative confirms by phone.
- The 4th edition of the same series, upcoming: created by the demo organizer through the
  events service, published, with its call open today (dates follow the day the demo is
  loaded); the demo exhibitor's cooperative applied from its own account, 40 others applied
  (on paper, entered by the organizer), a few drafts wait, and the reviewers have scored
  part of them. No selection yet: the call is still open.
"""

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tadamon.accounts.models import User
from tadamon.calls import workflow
from tadamon.calls.models import Application, Call, ReviewAssignment, SelectionRun
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import applications, calls, reviews, selection
from tadamon.core import audit
from tadamon.demo import audit_types  # noqa: F401  (declares its audit actions)
from tadamon.demo.clock import at, moment
from tadamon.demo.events import DemoEvents
from tadamon.demo.registry import DemoRegistry
from tadamon.events.models import Event, Participation
from tadamon.events.services import events as event_services
from tadamon.registry.models import Organization

DEMO_ORGANIZER = "organizer"
DEMO_REVIEWER = "reviewer"
DEMO_EXHIBITOR = "exhibitor"

# E4's call, invented.
E4_OPENED = datetime.date(2024, 3, 1)
E4_OPENS = datetime.date(2024, 3, 4)
E4_CLOSES = datetime.date(2024, 4, 15)
E4_REVIEWED = datetime.date(2024, 4, 20)
E4_SELECTED = datetime.date(2024, 4, 25)
E4_OTHERS = 45
"""Applicants who were not selected: the waiting list."""
# Points per criterion (out of 10): the exhibitors' range lies above the others', so that the
# exhibitors are the top of the ranking (see the module's docstring).
SELECTED_POINTS = (6, 10)
OTHER_POINTS = (2, 5)

CRITERIA = (
    {"name_ar": "جودة المنتوجات", "name_fr": "Qualité des produits", "weight": Decimal(2)},
    {"name_ar": "الارتباط بالمجال", "name_fr": "Ancrage territorial", "weight": Decimal(1)},
    {
        "name_ar": "الجاهزية للتسويق والرقمنة",
        "name_fr": "Préparation à la commercialisation et au numérique",
        "weight": Decimal(1),
    },
)
MOTIVATIONS = (
    "نرغب في التعريف بمنتوجاتنا والبحث عن زبناء جدد.",
    "Faire connaître nos produits et rencontrer des acheteurs.",
    "المشاركة فرصة لتسويق منتوجات التعاونية وتبادل التجارب.",
    "Développer nos ventes et notre réseau dans la région.",
)

# The upcoming 4th edition, invented.
UPCOMING_APPLICANTS = 40
UPCOMING_DRAFTS = 4
UPCOMING_SCORED_SHARE = 0.5
UPCOMING_CAPACITY = 180


@dataclass
class DemoCalls:
    """What `build_calls` created."""

    calls: dict[str, Call] = field(default_factory=dict)
    """By event key: "E4", "E4.ed4"."""
    upcoming: Event | None = None
    applications: dict[str, int] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    """Completed reviews, by event key."""
    accepted: int = 0
    waitlisted: int = 0


def build_calls(
    rng: random.Random, registry: DemoRegistry, events: DemoEvents, *, actor: User
) -> DemoCalls:
    """E4's call replayed and the upcoming edition's open call (see the module docstring).
    Needs the demo organizer and reviewer (build_users); without them, nothing is made."""
    organizer = User.objects.filter(username=DEMO_ORGANIZER).first()
    reviewer = User.objects.filter(username=DEMO_REVIEWER).first()
    result = DemoCalls()
    e4 = events.events.get("E4")
    if organizer is None or reviewer is None or e4 is None:
        return result
    builder = _Builder(rng, registry, organizer=organizer, reviewers=[reviewer, organizer])
    with _unsent():
        builder.replay_e4(e4, result)
        builder.upcoming(e4, result)
    audit.record(
        actor=actor,
        action="demo.calls.created",
        obj=e4,
        data={
            "source": "demo",
            "applications": result.applications,
            "scores": result.scores,
            "accepted": result.accepted,
            "waitlisted": result.waitlisted,
            "upcoming": result.upcoming.pk if result.upcoming else None,
        },
    )
    return result


@contextmanager
def _unsent() -> Iterator[None]:
    """Drop the e-mails the call services queue for after the commit: the demo writes to
    nobody (the organizations' addresses are invented, and E4's decisions are two years
    old; the portal and the dashboards show them). Django keeps those callbacks in the
    connection's list, in order: the ones this block added are removed at its end."""
    connection = transaction.get_connection()
    queued = len(connection.run_on_commit)
    try:
        yield
    finally:
        del connection.run_on_commit[queued:]


class _Builder:
    def __init__(
        self,
        rng: random.Random,
        registry: DemoRegistry,
        *,
        organizer: User,
        reviewers: list[User],
    ) -> None:
        self.rng = rng
        self.registry = registry
        self.organizer = organizer
        self.reviewers = reviewers

    # -- E4 -------------------------------------------------------------------------------
    def replay_e4(self, e4: Event, result: DemoCalls) -> None:
        exhibitors = list(
            Organization.objects.filter(
                participations__event=e4,
                participations__status=Participation.Status.CONFIRMED,
            ).order_by("pk")
        )
        chosen = {org.pk for org in exhibitors}
        others = self._others(e4, exclude=chosen, count=E4_OTHERS)
        with at(moment(E4_OPENED, 9)):
            call = calls.open_call(
                actor=self.organizer,
                event=e4,
                fields={
                    "opens_on": E4_OPENS,
                    "closes_on": E4_CLOSES,
                    "capacity": len(exhibitors),
                    "offer_days": 5,
                    "instructions_ar": "يرجى وصف المنتوجات المعروضة وأسعارها.",
                    "instructions_fr": "Décrivez les produits que vous exposerez et leurs prix.",
                },
            )
            calls.set_criteria(actor=self.organizer, call=call, criteria=CRITERIA)
        result.calls["E4"] = call
        applicants = exhibitors + others
        self.rng.shuffle(applicants)
        days = (E4_CLOSES - E4_OPENS).days
        # Applications arrive over the weeks the call is open, most of them near the end.
        offsets = sorted(round(days * self.rng.betavariate(2, 1.3)) for _ in applicants)
        made: list[Application] = []
        for organization, offset in zip(applicants, offsets, strict=True):
            when = moment(E4_OPENS + datetime.timedelta(days=offset), self.rng.randint(8, 21))
            with at(when):
                made.append(self._apply(call, organization))
        result.applications["E4"] = len(made)
        with at(moment(E4_REVIEWED, 9)):
            reviews.assign_round_robin(
                actor=self.organizer,
                call=call,
                reviewers=self.reviewers,
                per_application=len(self.reviewers),
            )
        result.scores["E4"] = self._score(
            call, lambda app: SELECTED_POINTS if app.organization_id in chosen else OTHER_POINTS
        )
        with at(moment(E4_SELECTED, 11)):
            run = selection.run_selection(
                call=call, quotas=self._quotas(exhibitors), actor=self.organizer
            )
            selection.publish(run=run, actor=self.organizer)
        self._confirm(call, chosen)
        statuses = call.applications.values_list("status", flat=True)
        result.accepted = sum(1 for status in statuses if status == S.CONFIRMED)
        result.waitlisted = sum(1 for status in statuses if status == S.WAITLISTED)

    def _others(self, event: Event, *, exclude: set[int], count: int) -> list[Organization]:
        """Invented organizations that did not exhibit, founded before the event."""
        pool = [
            org
            for org in self.registry.organizations
            if org.pk not in exclude
            and org.kind.code in ("cooperative", "association", "artisan")
            and (org.founded_year is None or org.founded_year < event.start_date.year)
        ]
        pool.sort(key=lambda org: org.pk)
        return self.rng.sample(pool, min(count, len(pool)))

    def _apply(self, call: Call, organization: Organization, *, submit: bool = True):
        return applications.apply(
            actor=self.organizer,
            call=call,
            organization=organization,
            fields={
                "motivation": self.rng.choice(MOTIVATIONS),
                "products_text": organization.name_ar or organization.name_fr,
            },
            submit=submit,
        )

    def _score(self, call: Call, points_for) -> int:
        """Every open review of `call` scored by its reviewer, a few days after assignment."""
        criteria = list(call.criteria.all())
        assignments = (
            ReviewAssignment.objects.filter(application__call=call, completed_at__isnull=True)
            .select_related("application", "reviewer")
            .order_by("application_id", "reviewer_id")
        )
        done = 0
        for assignment in assignments:
            low, high = points_for(assignment.application)
            points = {c.pk: self.rng.randint(low, high) for c in criteria}
            reviews.score(actor=assignment.reviewer, assignment=assignment, points=points)
            done += 1
        return done

    @staticmethod
    def _quotas(exhibitors: list[Organization]) -> dict:
        """Quotas the fair's exhibitors meet: the share of women-led organizations they
        reached (rounded down to 5 %) and nine tenths of their number from the home region."""
        women = sum(1 for org in exhibitors if org.women_led) / len(exhibitors)
        home = sum(1 for org in exhibitors if org.region.code == "01")
        return {
            "min_share_women_led": int(women * 20) / 20,
            "min_per_region": {"01": home * 9 // 10},
        }

    def _confirm(self, call: Call, chosen: set[int]) -> None:
        """The accepted confirm their place within a few days (see the module docstring)."""
        accepted = call.applications.filter(status=S.ACCEPTED).order_by("pk")
        for application in accepted:
            day = E4_SELECTED + datetime.timedelta(days=self.rng.randint(1, 5))
            with at(moment(day, self.rng.randint(9, 18))):
                workflow.transition(
                    application, S.CONFIRMED, actor=self.organizer, by="organizer (phone)"
                )
        # Their participations (events.py) are the call's: the product's confirmation says so.
        Participation.objects.filter(event=call.event, organization_id__in=chosen).update(
            source=Participation.Source.CALL
        )

    # -- the upcoming edition -------------------------------------------------------------
    def upcoming(self, e4: Event, result: DemoCalls) -> None:
        today = timezone.localdate()
        start = _upcoming_start(today)
        event = event_services.create_event(
            actor=self.organizer,
            fields={
                "kind": e4.kind,
                "title_ar": e4.title_ar,
                "title_fr": e4.title_fr,
                # Invented: the 3rd edition's theme, carried on.
                "theme_ar": e4.theme_ar,
                "theme_fr": e4.theme_fr,
                "series": e4.series,
                "edition": (e4.edition or 0) + 1,
                "region": e4.region,
                "province": e4.province,
                "city": e4.city,
                "venue": e4.venue,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=9),
                "opening_hours": e4.opening_hours,
                "area_m2": e4.area_m2,
            },
        )
        event_services.set_published(actor=self.organizer, event=event, published=True)
        result.upcoming = event
        call = calls.open_call(
            actor=self.organizer,
            event=event,
            fields={
                "opens_on": today - datetime.timedelta(days=21),
                "closes_on": start - datetime.timedelta(days=45),
                "capacity": UPCOMING_CAPACITY,
                "offer_days": 5,
            },
        )
        calls.set_criteria(actor=self.organizer, call=call, criteria=CRITERIA)
        result.calls["E4.ed4"] = call
        made = 0
        exhibitor = User.objects.filter(username=DEMO_EXHIBITOR).first()
        if exhibitor is not None and exhibitor.organization_id:
            # The demo exhibitor applied from its own account: its portal shows it.
            applications.apply(
                actor=exhibitor,
                call=call,
                fields={"motivation": MOTIVATIONS[0], "products_text": "خياطة تقليدية"},
            )
            made += 1
        taken = {exhibitor.organization_id} if exhibitor is not None else set()
        others = self._others(event, exclude=taken, count=UPCOMING_APPLICANTS + UPCOMING_DRAFTS)
        for index, organization in enumerate(others):
            self._apply(call, organization, submit=index >= UPCOMING_DRAFTS)
            made += 1
        result.applications["E4.ed4"] = made
        reviews.assign_round_robin(
            actor=self.organizer, call=call, reviewers=self.reviewers, per_application=1
        )
        # The reviewers are part-way through: about half of the reviews are scored.
        open_reviews = list(ReviewAssignment.objects.filter(application__call=call).order_by("pk"))
        kept = {a.pk for a in open_reviews if self.rng.random() < UPCOMING_SCORED_SHARE}
        criteria = list(call.criteria.all())
        for assignment in open_reviews:
            if assignment.pk not in kept:
                continue
            points = {c.pk: self.rng.randint(3, 10) for c in criteria}
            reviews.score(actor=assignment.reviewer, assignment=assignment, points=points)
        result.scores["E4.ed4"] = len(kept)


def _upcoming_start(today: datetime.date) -> datetime.date:
    """The Friday that opens the first week of June at least three months ahead, as E4 did
    (it ran ten days, from a Friday to a Sunday)."""
    year = today.year if today < datetime.date(today.year, 3, 1) else today.year + 1
    first = datetime.date(year, 6, 1)
    return first + datetime.timedelta(days=(4 - first.weekday()) % 7)


def selection_of(call: Call) -> SelectionRun | None:
    """The call's published selection, if any."""
    return call.selection_runs.filter(status=SelectionRun.Status.PUBLISHED).first()


def summarize_calls(demo: DemoCalls) -> list[str]:
    """Lines for load_demo's report."""
    lines = []
    for key, call in demo.calls.items():
        run = selection_of(call)
        published = (
            f"; selection published: {demo.accepted} confirmed, {demo.waitlisted} waiting"
            if run is not None
            else f"; open until {call.closes_on}"
        )
        lines.append(
            f"  {key:<7}{demo.applications.get(key, 0):>4} applications, "
            f"{demo.scores.get(key, 0)} reviews scored{published}"
        )
    return lines
