"""E4's B2B meetings in the demonstration data (SPEC 1: "bilateral and collective B2B meetings
with companies and marketing platforms").

The article gives no figure; everything here is invented and said so: twelve buyers
(companies and marketing, e-commerce, distribution and export platforms, made up), two
morning sessions on the fair's 3rd and 4th days (10:00–13:00, 20-minute slots, a break at
11:20), 20 tables, 60 of E4's exhibitors opting in, 150 accepted requests (and some declined
or left unanswered), scheduled by the real scheduler, one collective meeting on export, and
outcomes recorded by most sides: no follow-up, contacts, samples or quotes, orders and a few
contracts with amounts.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from tadamon.accounts.models import User
from tadamon.b2b.models import (
    BUYER_KIND,
    B2BSetup,
    Meeting,
    MeetingRequest,
    Outcome,
    Participant,
    ScheduleRun,
)
from tadamon.b2b.services import collective, scheduling, setup
from tadamon.core import audit
from tadamon.demo import audit_types  # noqa: F401  (declares its audit actions)
from tadamon.demo.events import DemoEvents
from tadamon.events import access as event_access
from tadamon.events.models import Participation
from tadamon.registry import services as registry_services
from tadamon.registry.models import OrganizationKind, Region

BUYERS = (
    ("منصة سوق المغرب", "Souk Maroc (plateforme e-commerce)"),
    ("أطلس للتصدير", "Atlas Export"),
    ("توزيع الشمال", "Distribution du Nord"),
    ("مغرب بيو", "Maroc Bio Market"),
    ("متاجر الحي", "Épiceries du Quartier"),
    ("أركان العالمية", "Argan World Trading"),
    ("بيت الصناعة التقليدية", "Maison de l'Artisanat Online"),
    ("طنجة لوجستيك", "Tanger Logistique & Export"),
    ("سلة الطبيعة", "Panier Nature"),
    ("أسواق الضيافة", "Hôtellerie Achats Maroc"),
    ("زين للتجميل", "Zine Cosmétiques"),
    ("شمال ديزاين", "Chamal Design Store"),
)
EXHIBITORS = 60
ACCEPTED = 150
DECLINED = 15
UNANSWERED = 10
TABLES = 20
OUTCOMES = (
    (Outcome.Kind.NONE, 25),
    (Outcome.Kind.CONTACT, 35),
    (Outcome.Kind.SAMPLE, 18),
    (Outcome.Kind.ORDER, 16),
    (Outcome.Kind.CONTRACT, 6),
)


@dataclass
class DemoB2B:
    buyers: int = 0
    exhibitors: int = 0
    requests: int = 0
    meetings: int = 0
    objective: float = 0
    bound: float = 0
    outcomes: int = 0


def _manager(event, actor: User) -> User:

    organizer = User.objects.filter(username="organizer").first()
    if organizer is not None and event_access.can_manage_event(organizer, event):
        return organizer
    return actor


def build_b2b(rng: random.Random, events: DemoEvents, *, actor: User) -> DemoB2B:
    event = events.events["E4"]
    manager = _manager(event, actor)
    summary = DemoB2B()
    B2BSetup.objects.update_or_create(event=event, defaults={"tables": TABLES})
    sessions = [
        setup.add_session(
            event=event,
            actor=manager,
            label=label,
            date=event.start_date + timedelta(days=offset),
            starts_at=time(10, 0),
            ends_at=time(13, 0),
            slot_minutes=20,
            breaks="11:20-11:40",
        )
        for offset, label in (
            (2, "لقاءات الأعمال 1 — B2B jour 1"),
            (3, "لقاءات الأعمال 2 — B2B jour 2"),
        )
    ]
    company = OrganizationKind.objects.get(code=BUYER_KIND)
    region = event.region or Region.objects.order_by("code").first()
    buyers = []
    for name_ar, name_fr in BUYERS:
        organization = registry_services.create_organization(
            actor=actor,
            fields={"kind": company, "name_ar": name_ar, "name_fr": name_fr, "region": region},
        )
        buyers.append(
            Participant.objects.create(
                event=event,
                organization=organization,
                side=Participant.Side.BUYER,
                language=rng.choice(["ar", "fr"]),
                seeks=rng.choice(
                    [
                        "زيت الأركان ومستحضرات التجميل الطبيعية",
                        "منتجات مجالية: عسل، أملو، كسكس",
                        "Tapis, poterie et décoration artisanale",
                        "Produits du terroir pour la grande distribution",
                    ]
                ),
            )
        )
    confirmed = list(
        Participation.objects.filter(event=event, status=Participation.Status.CONFIRMED)
        .select_related("organization")
        .order_by("pk")
    )
    sellers = [
        Participant.objects.create(
            event=event,
            organization=participation.organization,
            side=Participant.Side.EXHIBITOR,
            offers=participation.organization.name_ar,
        )
        for participation in rng.sample(confirmed, min(EXHIBITORS, len(confirmed)))
    ]
    for participant in buyers + sellers:
        sector = participant.organization.primary_sector
        if sector is not None:
            participant.sectors.set([sector])
    pairs = rng.sample([(b, s) for b in buyers for s in sellers], ACCEPTED + DECLINED + UNANSWERED)
    statuses = (
        [MeetingRequest.Status.ACCEPTED] * ACCEPTED
        + [MeetingRequest.Status.DECLINED] * DECLINED
        + [MeetingRequest.Status.PENDING] * UNANSWERED
    )
    asked_at = timezone.make_aware(datetime.combine(event.start_date - timedelta(days=5), time(9)))
    requests = []
    for (buyer, seller), status in zip(pairs, statuses, strict=True):
        first, second = (buyer, seller) if rng.random() < 0.6 else (seller, buyer)
        requests.append(
            MeetingRequest(
                event=event,
                requester=first,
                recipient=second,
                priority=rng.choice([1, 2, 2, 3]),
                recipient_priority=rng.choice([1, 2, 3]) if status == "accepted" else None,
                status=status,
                answered_at=asked_at if status != "pending" else None,
            )
        )
    MeetingRequest.objects.bulk_create(requests)
    # The collective meeting first: its seats make those slots busy for the scheduler.
    slot = sessions[1].slots.order_by("starts_at").last()
    host = next(b for b in buyers if b.organization.name_fr == "Atlas Export")
    meeting = collective.create_collective(
        host=host,
        slot=slot,
        actor=manager,
        title="التصدير نحو أوروبا — Exporter vers l'Europe",
        capacity=10,
        room="قاعة الندوات — Salle des conférences",
    )
    for seller in sellers[:8]:
        collective.register(meeting=meeting, participant=seller, actor=manager)
    run = ScheduleRun.objects.create(
        event=event,
        created_by=manager,
        result={
            "not_before": timezone.make_aware(
                datetime.combine(event.start_date, time(0))
            ).isoformat()
        },
    )
    scheduling.execute_run(run.pk, notify=False, time_limit_s=10)
    run.refresh_from_db()
    summary.objective = run.outcome.objective
    summary.bound = run.outcome.bound
    summary.outcomes = _outcomes(rng, event, manager)
    summary.buyers, summary.exhibitors = len(buyers), len(sellers)
    summary.requests = len(requests)
    summary.meetings = Meeting.objects.filter(event=event).count()
    audit.record(
        actor=actor,
        action="demo.b2b.created",
        obj=event,
        data={"key": "E4", "meetings": summary.meetings, "outcomes": summary.outcomes},
    )
    return summary


def _outcomes(rng: random.Random, event, manager: User) -> int:
    kinds = [kind for kind, weight in OUTCOMES for _ in range(weight)]
    rows = []
    for meeting in Meeting.objects.filter(event=event).prefetch_related("seats"):
        for seat in meeting.seats.all():
            if rng.random() > 0.75:
                continue  # not every side records what came of it
            kind = rng.choice(kinds)
            amount = None
            if kind in (Outcome.Kind.ORDER, Outcome.Kind.CONTRACT):
                amount = Decimal(rng.randrange(2_000, 80_000, 500))
            rows.append(
                Outcome(
                    meeting=meeting,
                    participant_id=seat.participant_id,
                    kind=kind,
                    amount_mad=amount,
                    recorded_by=manager,
                )
            )
    Outcome.objects.bulk_create(rows)
    Meeting.objects.filter(event=event).update(status=Meeting.Status.HELD)
    return len(rows)


def summarize_b2b(summary: DemoB2B) -> str:
    return (
        f"B2B (E4): {summary.buyers} buyers, {summary.exhibitors} exhibitors, "
        f"{summary.requests} requests, {summary.meetings} meetings "
        f"(objective {summary.objective} of a proven bound {summary.bound}), "
        f"{summary.outcomes} outcomes"
    )
