"""The fair figures of the demonstration data (SPEC section 1, capabilities G, H and I):
visitor counts, validated sales and the awards of E4, and the visitors and sales of E1.

What the articles give is reproduced exactly; the rest is invented and said so here:
- E4 (10 days, closing Sunday 9 June 2024): 60,000 visitors and 6,000,000.00 MAD of
  turnover, the articles' figures. Their split is invented: three gates taking about 50 %,
  30 % and 20 % of the entries, and daily weights of 1.0 on weekdays, 1.3 on Fridays, 1.8
  on Saturdays and 2.0 on Sundays (with a little noise), the opening and closing days a
  little busier. Every confirmed exhibitor declares on most days; its share follows an
  invented "size" (log-normal) times the day's weight. A few more declarations are left
  pending, as on a real closing day: they are not counted in the turnover.
- E4's seven awards go through the awards services, on behalf of the demo organizer (staff
  of Région TTA, E4's organizer) when it can manage E4, else of the given actor: the E4
  template, the three computed categories computed (largest sales, oldest cooperative — the
  1955 cooperative — and oldest artisan in an endangered craft), the four jury categories
  (best product, best booth, eco-friendly cooperative — the featured eco-friendly
  cooperative — and innovation with two joint winners) scored on the last day by a jury of
  two (the demo reviewer and organizer, invented) on three invented criteria, each with
  four other candidates, and closed; all seven published. The winners' marks are the top
  ones by construction; the runners-up and their marks are drawn. Without the demo
  accounts, the jury prizes are recorded by hand.
- E1 (2nd edition, 92 days from 1 July): the article says only "visitors above the 1st
  edition" and "turnover recorded". Invented: one gate, 38,400 visitors over E1 against
  24,600 over its 1st edition (E1.ed1, also one gate), and 1,200,000.00 MAD of validated
  sales by its 180 exhibitors, each declaring on about half the days of its monthly wave.

Amounts are distributed in integer cents and visitor counts in integers, the remainder put
on the last row, so that the totals are exact. Rows are written in bulk; each event gets
one audit entry.
"""

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from tadamon.accounts.models import User
from tadamon.awards import services as awards
from tadamon.awards.models import AwardCategory
from tadamon.core import audit
from tadamon.demo import audit_types  # noqa: F401  (declares its audit actions)
from tadamon.demo.clock import at, moment
from tadamon.demo.events import DemoEvents
from tadamon.demo.registry import DemoRegistry
from tadamon.events import access as event_access
from tadamon.events.models import Event, Participation
from tadamon.registry.models import Organization
from tadamon.sales.models import PaymentMethod, SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount

E4_VISITORS = 60_000
E4_TURNOVER_CENTS = 6_000_000_00
E4_PENDING = 6
E4_GATES = (
    ("البوابة الرئيسية — Entrée principale", 50),
    ("البوابة الشمالية — Entrée nord", 30),
    ("بوابة الساحة — Entrée de la place", 20),
)
E1_VISITORS = 38_400  # invented, above the 1st edition
E1_ED1_VISITORS = 24_600  # invented
E1_TURNOVER_CENTS = 1_200_000_00  # invented
E1_GATE = "مدخل البازار — Entrée du bazar"
# Day-of-week weights (Monday = 0): the weekend peaks.
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.3, 1.8, 2.0)
PAYMENTS = (
    (PaymentMethod.CASH, 70),
    (PaymentMethod.CARD, 15),
    (PaymentMethod.MOBILE, 10),
    (PaymentMethod.TRANSFER, 5),
)
DEMO_ORGANIZER = "organizer"
# The jury of E4's four jury prizes (invented): the demo reviewer and the demo organizer.
JURORS = ("organizer", "reviewer")
JURY_RUNNERS_UP = 4
JURY_CRITERIA = (
    ("الجودة والإتقان", "Qualité et finition", 2),
    ("الأصالة والابتكار", "Originalité et innovation", 1),
    ("العرض والتقديم", "Présentation", 1),
)


@dataclass
class FairLine:
    """What was recorded for one event."""

    key: str
    event: Event
    gates: int = 0
    visitors: int = 0
    declarations: int = 0
    pending: int = 0
    turnover_cents: int = 0
    categories: int = 0
    """Award categories published."""
    awards: list[str] = field(default_factory=list)
    """"code: winner" per published result."""

    @property
    def turnover_mad(self) -> Decimal:
        return Decimal(self.turnover_cents) / 100


@dataclass
class DemoFairFigures:
    lines: dict[str, FairLine]
    """By event key: "E4", "E1", "E1.ed1"."""


def build_fair_figures(
    rng: random.Random,
    registry: DemoRegistry,
    events: DemoEvents,
    *,
    actor,
    jury_rng: random.Random | None = None,
) -> DemoFairFigures:
    """Record E4's and E1's visitors and sales and E4's awards (see the module docstring).

    `actor` is the platform administrator on whose behalf everything is recorded; the
    awards are managed by the demo organizer when it manages E4. `jury_rng` draws the
    juries' other candidates and marks (by default `rng`): a generator of its own leaves
    every other figure as it was before the juries were added.
    """
    builder = _Builder(rng, registry, events, actor)
    builder.jury_rng = jury_rng or rng
    return builder.build()


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Integer shares of `total` in proportion to `weights`; the remainder on the last."""
    whole = sum(weights)
    shares = [int(total * weight / whole) for weight in weights]
    shares[-1] += total - sum(shares)
    return shares


def _days(event: Event) -> list[date]:
    return [event.start_date + timedelta(days=n) for n in range(event.days)]


class _Builder:
    def __init__(self, rng: random.Random, registry: DemoRegistry, events: DemoEvents, actor):
        self.rng = rng
        self.registry = registry
        self.events = events
        self.actor = actor if getattr(actor, "pk", None) else None
        self.jury_rng = rng

    def build(self) -> DemoFairFigures:
        lines: dict[str, FairLine] = {}
        e4 = self.events.events.get("E4")
        if e4 is not None:
            line = lines["E4"] = FairLine("E4", e4)
            self._visitors(line, E4_GATES, E4_VISITORS, busy_ends=True)
            manager = self._manager(e4)
            self._sales(line, E4_TURNOVER_CENTS, validator=manager, pending=E4_PENDING)
            self._awards(line, manager)
        e1 = self.events.events.get("E1")
        if e1 is not None:
            line = lines["E1"] = FairLine("E1", e1)
            self._visitors(line, ((E1_GATE, 1),), E1_VISITORS)
            self._sales(line, E1_TURNOVER_CENTS, validator=self._manager(e1), by_wave=True)
        earlier = self.events.earlier_editions.get("E1.ed1")
        if earlier is not None:
            line = lines["E1.ed1"] = FairLine("E1.ed1", earlier)
            self._visitors(line, ((E1_GATE, 1),), E1_ED1_VISITORS)
        for line in lines.values():
            audit.record(
                actor=self.actor,
                action="demo.fair_figures.created",
                obj=line.event,
                data={
                    "source": "demo",
                    "key": line.key,
                    "gates": line.gates,
                    "visitors": line.visitors,
                    "declarations": line.declarations,
                    "pending": line.pending,
                    "turnover_mad": f"{line.turnover_mad:.2f}",
                    "awards": line.awards,
                },
            )
        return DemoFairFigures(lines=lines)

    def _manager(self, event: Event):
        """The demo organizer when it manages the event, else the given actor."""
        organizer = User.objects.filter(username=DEMO_ORGANIZER).first()
        if organizer is not None and event_access.can_manage_event(organizer, event):
            return organizer
        return self.actor

    # -- visitors ---------------------------------------------------------------------------
    def _visitors(
        self,
        line: FairLine,
        gates: Sequence[tuple[str, int]],
        total: int,
        *,
        busy_ends: bool = False,
    ) -> None:
        event = line.event
        made = Gate.objects.bulk_create(
            [Gate(event=event, name=name, position=n) for n, (name, _share) in enumerate(gates)]
        )
        days = _days(event)
        weights = [WEEKDAY_WEIGHTS[day.weekday()] * self.rng.uniform(0.9, 1.1) for day in days]
        if busy_ends and len(weights) > 1:
            weights[0] *= 1.2
            weights[-1] *= 1.15
        counts = []
        for day, day_total in zip(days, _apportion(total, weights), strict=True):
            shares = [share * self.rng.uniform(0.95, 1.05) for _name, share in gates]
            for gate, count in zip(made, _apportion(day_total, shares), strict=True):
                counts.append(
                    VisitorCount(
                        event=event, gate=gate, date=day, count=count, entered_by=self.actor
                    )
                )
        VisitorCount.objects.bulk_create(counts)
        line.gates = len(made)
        line.visitors = sum(row.count for row in counts)

    # -- sales ------------------------------------------------------------------------------
    def _sales(
        self,
        line: FairLine,
        total_cents: int,
        *,
        validator,
        pending: int = 0,
        by_wave: bool = False,
    ) -> None:
        event = line.event
        participations = list(
            Participation.objects.filter(event=event, status=Participation.Status.CONFIRMED)
            .select_related("wave")
            .order_by("organization_id")
        )
        if not participations:
            return
        event_days = _days(event)
        cells: list[tuple[int, date]] = []
        weights: list[float] = []
        for participation in participations:
            size = self.rng.lognormvariate(0, 0.6)
            days = event_days
            if by_wave and participation.wave is not None:
                wave = participation.wave
                days = [d for d in event_days if wave.start_date <= d <= wave.end_date]
            chance = 0.5 if by_wave else 0.9
            chosen = [d for d in days if self.rng.random() < chance] or days[:1]
            for day in chosen:
                cells.append((participation.organization_id, day))
                weights.append(size * WEEKDAY_WEIGHTS[day.weekday()] * self.rng.uniform(0.8, 1.2))
        methods = [method for method, _weight in PAYMENTS]
        method_weights = [weight for _method, weight in PAYMENTS]
        rows = [
            self._declaration(
                event, organization, day, cents, SalesDeclaration.Status.VALIDATED, validator
            )
            for (organization, day), cents in zip(
                cells, _apportion(total_cents, weights), strict=True
            )
        ]
        for _n in range(pending):
            organization = self.rng.choice(participations).organization_id
            cents = self.rng.randint(500_00, 3_000_00)
            rows.append(
                self._declaration(
                    event, organization, event.end_date, cents, SalesDeclaration.Status.PENDING
                )
            )
        for row in rows:
            row.payment_method = self.rng.choices(methods, method_weights)[0]
        SalesDeclaration.objects.bulk_create(rows)
        line.declarations = len(cells)
        line.pending = pending
        line.turnover_cents = total_cents

    def _declaration(
        self, event: Event, organization: int, day: date, cents: int, status: str, validator=None
    ) -> SalesDeclaration:
        validated = status == SalesDeclaration.Status.VALIDATED
        return SalesDeclaration(
            event=event,
            organization_id=organization,
            date=day,
            amount_mad=Decimal(cents) / 100,
            client_uuid=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            status=status,
            validated_by=validator if validated else None,
            validated_at=(
                timezone.make_aware(datetime.combine(day + timedelta(days=1), time(9)))
                if validated
                else None
            ),
        )

    # -- awards -----------------------------------------------------------------------------
    def _awards(self, line: FairLine, manager) -> None:
        event = line.event
        categories = {
            category.code: category
            for category in awards.create_from_template(event=event, actor=manager)
        }
        for category in categories.values():
            if category.kind == AwardCategory.Kind.COMPUTED:
                awards.compute(category=category, actor=manager)
        exhibitors = set(
            Participation.objects.filter(
                event=event, status=Participation.Status.CONFIRMED
            ).values_list("organization_id", flat=True)
        )
        featured = self.registry.featured
        eco = featured.get("eco_cooperative")
        taken = {
            org.pk
            for key in ("oldest_cooperative", "endangered_craft_artisan", "eco_cooperative")
            if (org := featured.get(key)) is not None
        }
        pool = sorted(exhibitors - taken)
        self.rng.shuffle(pool)
        jury: dict[str, list[int]] = {
            "best_product": pool[:1],
            "best_booth": pool[1:2],
            "eco_friendly": [eco.pk] if eco is not None and eco.pk in exhibitors else pool[2:3],
            "innovation": pool[3:5],
        }
        organizations = {org.pk: org for org in self.registry.organizations}

        def organization(pk: int) -> Organization:
            found = organizations.get(pk)
            return found or event.participations.get(organization_id=pk).organization

        jurors = list(User.objects.filter(username__in=JURORS).order_by("username"))
        # The other candidates of each jury, drawn from exhibitors no award went to.
        runners_up = pool[5:]
        for code, winners in jury.items():
            category = categories[code]
            if not jurors:
                for pk in winners:
                    awards.award_manually(
                        category=category, actor=manager, organization=organization(pk)
                    )
                continue
            others = self.jury_rng.sample(runners_up, min(JURY_RUNNERS_UP, len(runners_up)))
            self._jury(
                category,
                manager,
                jurors,
                winners=[organization(pk) for pk in winners],
                others=[organization(pk) for pk in others],
            )
        for category in categories.values():
            if category.results.exists():
                awards.publish(category=category, actor=manager)
                line.categories += 1
                line.awards += [
                    f"{category.code}: {result.winner}"
                    for result in category.results.all()[: category.winners_count]
                ]

    def _jury(
        self,
        category: AwardCategory,
        manager,
        jurors: list[User],
        *,
        winners: list[Organization],
        others: list[Organization],
    ) -> None:
        """A jury scores the candidates on the last day of the fair and closes; the
        article's winners get the same top marks from every juror (the two innovation
        winners are joint winners, as the article names them), the others lower ones."""
        with at(moment(category.event.end_date, 16)):
            criteria = [
                awards.add_criterion(
                    category=category,
                    actor=manager,
                    name_ar=name_ar,
                    name_fr=name_fr,
                    weight=Decimal(weight),
                    max_points=10,
                )
                for name_ar, name_fr, weight in JURY_CRITERIA
            ]
            for juror in jurors:
                awards.assign_juror(category=category, user=juror, actor=manager)
            candidates = [
                (awards.add_candidate(category=category, actor=manager, organization=org), top)
                for org, top in [*((w, True) for w in winners), *((o, False) for o in others)]
            ]
            for juror in jurors:
                for candidate, top in candidates:
                    for criterion in criteria:
                        points = 9 if top else self.jury_rng.randint(4, 8)
                        awards.score(
                            juror_user=juror,
                            candidate=candidate,
                            criterion=criterion,
                            points=Decimal(points),
                        )
        with at(moment(category.event.end_date, 18)):
            awards.close_jury(category=category, actor=manager)


def summarize_fair_figures(figures: DemoFairFigures) -> list[str]:
    """One line per event for load_demo's report."""
    return [
        f"  {line.key:<7}{line.visitors:>7} visitors at {line.gates} gate(s); "
        f"{line.turnover_mad:>13,.2f} MAD validated in {line.declarations} declarations"
        f" ({line.pending} pending)"
        + (
            f"; {line.categories} award categories published, {len(line.awards)} winners"
            if line.categories
            else ""
        )
        for line in figures.lines.values()
    ]
