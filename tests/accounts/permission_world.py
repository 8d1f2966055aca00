"""The seeded world of the permission matrix: one of every object a URL can name, all of them
belonging to event X (organized by body X) or to organization A, plus the users of every role.

Event X is running (it started two days ago), so that every page has something to show:
sales can be declared for yesterday, a B2B meeting has already started, the call is open.
Objects are made through the services where they check nothing the matrix depends on, and
directly otherwise; the world is built once per test module (see the module's fixture).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tadamon.accounts.models import ApiToken, Role, User
from tadamon.accounts.tokens import issue_token
from tadamon.awards import services as awards
from tadamon.awards.models import AwardCategory, AwardResult
from tadamon.b2b.models import Meeting, MeetingRequest, Participant, Seat
from tadamon.b2b.services import buyers, collective, participants, scheduling, setup
from tadamon.broadcasts import services as broadcasts
from tadamon.broadcasts.selectors import Audience
from tadamon.calendars import services as calendar_services
from tadamon.calls.models import Application, ApplicationStatus
from tadamon.calls.services import applications, calls, reviews, selection
from tadamon.events.models import Booth, EventPartner, Participation, Wave
from tadamon.events.services import allocation
from tadamon.invitations import services as invitation_services
from tadamon.invitations.models import Invitation, new_token
from tadamon.messaging import services as outbox
from tadamon.messaging.models import Message
from tadamon.programme.certificates import services as certificates
from tadamon.programme.models import Certificate, CertificateBatch
from tadamon.programme.services import attendance, registrations
from tadamon.registry.models import OrganizationClaim
from tadamon.sales import services as sales
from tadamon.visitors.services import visitor_badges, visitors
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    ProductFactory,
    SessionFactory,
    UserFactory,
    kind,
    region,
)

# Roles, by the names the matrix uses.
ANON = "anon"
EXH_A = "exh_a"
EXH_B = "exh_b"
REVIEWER = "reviewer"
JUROR = "juror"
TRAINER = "trainer"
GATE = "gate"
ORG_X = "org_x"
ORG_Y = "org_y"
OBSERVER = "observer"
ADMIN = "admin"
ROLES = (ANON, EXH_A, EXH_B, REVIEWER, JUROR, TRAINER, GATE, ORG_X, ORG_Y, OBSERVER, ADMIN)

# Words that only some roles may ever read: a response to any other role that contains one
# is a leak, whatever its status (checked on every text response of the matrix).
PERSON_A_MARK = "Qzpersonalpha"  # a beneficiary of organization A
PERSON_B_MARK = "Qzpersonbravo"  # a beneficiary of organization B
MOTIVATION_MARK = "Qzmotivationalpha"  # A's application to event X's call
GATE_MARK = "Qzgatexray"  # the name of event X's gate, also in event X's audit trail
SALE_MARK = "4321.87"  # A's declaration of sales at event X, in MAD


@dataclass
class World:
    """The users and API tokens by role (None for the anonymous visitor), and the objects by
    name, also reachable as attributes (world.event_x)."""

    users: dict[str, User | None]
    tokens: dict[str, str | None]
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def build_world() -> World:
    """Every object of the matrix; one long, linear set-up, read top to bottom."""
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    o: dict[str, Any] = {}

    # Organizations: two organizer bodies, exhibitors A and B, A's likely duplicate, a
    # partner institution and five companies (buyers).
    body = kind("public_institution")
    o["body_x"] = OrganizationFactory(name_fr="Région X", kind=body)
    o["body_y"] = OrganizationFactory(name_fr="Région Y", kind=body)
    o["org_a"] = OrganizationFactory(
        name_fr="Coopérative Alpha", phone="0612345678", public_profile=True
    )
    o["org_b"] = OrganizationFactory(name_fr="Coopérative Bravo", public_profile=True)
    o["org_a_dup"] = OrganizationFactory(name_fr="Coopérative Alpha bis", phone="0612345678")
    o["partner_org"] = OrganizationFactory(name_fr="Agence partenaire", kind=body)
    company = kind("company")
    for letter in "cdefg":
        o[f"company_{letter}"] = OrganizationFactory(name_fr=f"Acheteur {letter}", kind=company)

    users: dict[str, User | None] = {
        ANON: None,
        EXH_A: UserFactory(username="m_exh_a", role=Role.EXHIBITOR, organization=o["org_a"]),
        EXH_B: UserFactory(username="m_exh_b", role=Role.EXHIBITOR, organization=o["org_b"]),
        REVIEWER: UserFactory(username="m_reviewer", role=Role.REVIEWER),
        JUROR: UserFactory(username="m_juror", role=Role.REVIEWER),
        TRAINER: UserFactory(username="m_trainer", role=Role.TRAINER),
        GATE: UserFactory(username="m_gate", role=Role.GATE_AGENT, organization=o["body_x"]),
        ORG_X: UserFactory(username="m_org_x", role=Role.ORGANIZER, organization=o["body_x"]),
        ORG_Y: UserFactory(username="m_org_y", role=Role.ORGANIZER, organization=o["body_y"]),
        OBSERVER: UserFactory(username="m_observer", role=Role.OBSERVER),
        ADMIN: UserFactory(username="m_admin", role=Role.ADMIN, is_superuser=True, is_staff=True),
    }
    org_x, exh_a = users[ORG_X], users[EXH_A]

    # A's people: one registered and present at the trainer's session, one registered only
    # (to be checked in), one not registered (to be registered).
    o["person_a"], o["person_a_registered"], o["person_a_new"] = (
        PersonFactory(organization=o["org_a"], last_name=PERSON_A_MARK) for _ in range(3)
    )
    o["person_b"] = PersonFactory(organization=o["org_b"], last_name=PERSON_B_MARK)
    o["product_a"] = ProductFactory(organization=o["org_a"])

    # Event X, running, and event Y of the other organizer body.
    o["event_x"] = event = EventFactory(
        organizer=o["body_x"],
        region=region(),
        start_date=today - datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(days=5),
        visitor_registration=True,
    )
    o["event_y"] = EventFactory(organizer=o["body_y"], is_published=False)
    o["today"], o["yesterday"] = today, yesterday
    o["wave"], o["spare_wave"] = (
        Wave.objects.create(
            event=event, label=label, start_date=event.start_date, end_date=event.end_date
        )
        for label in ("W1", "W2")
    )
    wave = o["wave"]
    for code in ("A1", "A2", "A3"):
        Booth.objects.create(event=event, code=code, zone="Z", row=1, column=int(code[1]))
    o["partner"] = EventPartner.objects.create(
        event=event, organization=o["partner_org"], role=EventPartner.Role.INSTITUTIONAL
    )
    o["participation_a"] = Participation.objects.create(
        event=event, organization=o["org_a"], wave=wave, status=Participation.Status.CONFIRMED
    )
    Participation.objects.create(
        event=event, organization=o["org_b"], wave=wave, status=Participation.Status.CONFIRMED
    )

    # The call, A's application (reviewed by the reviewer), a selection and an allocation.
    o["call"] = call = calls.open_call(
        actor=org_x,
        event=event,
        fields={
            "opens_on": today - datetime.timedelta(days=10),
            "closes_on": today + datetime.timedelta(days=3),
        },
    )
    calls.set_criteria(
        actor=org_x,
        call=call,
        criteria=[{"name_fr": "Qualité", "weight": Decimal(1), "max_points": 10}],
    )
    o["application_a"] = application = applications.apply(
        actor=exh_a, call=call, fields={"motivation": MOTIVATION_MARK}
    )
    [o["assignment"]] = reviews.assign_reviewers(
        actor=org_x, applications=[application], reviewers=[users[REVIEWER]]
    )
    o["selection_run"] = selection.run_selection(call=call, quotas={}, actor=org_x)
    # Body X's second fair, whose call offered A a place (to confirm, or accept the offer).
    second = EventFactory(organizer=o["body_x"], start_date=event.end_date, end_date=event.end_date)
    second_call = calls.open_call(
        actor=org_x,
        event=second,
        fields={"opens_on": today, "closes_on": event.end_date, "capacity": 5},
    )
    # And its third fair, where A's application is still open to changes.
    third = EventFactory(organizer=o["body_x"], start_date=event.end_date, end_date=event.end_date)
    third_call = calls.open_call(
        actor=org_x,
        event=third,
        fields={"opens_on": today, "closes_on": event.end_date, "capacity": 5},
    )
    o["application_editable_a"] = applications.apply(
        actor=exh_a, call=third_call, fields={"motivation": "Deuxième"}
    )
    o["offer_a"] = Application.objects.create(
        call=second_call,
        organization=o["org_a"],
        status=ApplicationStatus.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    o["allocation_run"] = allocation.start_allocation(actor=org_x, event=event)
    o["free_booth"] = event.booths.exclude(assignments__wave=wave).first()

    # Programme: the trainer's session of yesterday, A's person registered and present,
    # certificates of participation (one by hand, then a batch for everyone).
    o["session"] = session = SessionFactory(
        event=event,
        trainers=[users[TRAINER]],
        starts_at=_at(yesterday, 9),
        ends_at=_at(yesterday, 12),
    )
    o["spare_session"] = SessionFactory(
        event=event,
        starts_at=_at(today + datetime.timedelta(days=1), 14),
        ends_at=_at(today + datetime.timedelta(days=1), 16),
    )
    o["registration"] = registrations.register(actor=org_x, session=session, person=o["person_a"])
    registrations.register(actor=org_x, session=session, person=o["person_a_registered"])
    o["attendance"], _created = attendance.check_in(
        session=session, person=o["person_a"], actor=org_x
    )
    o["certificate"] = certificates.issue(
        actor=org_x, event=event, kind=Certificate.Kind.PARTICIPATION, holder=o["org_a"]
    )
    # A finished batch, made by hand: rendering its PDFs would only slow the set-up down.
    o["certificate_batch"] = CertificateBatch.objects.create(
        event=event,
        kind=Certificate.Kind.PARTICIPATION,
        status=CertificateBatch.Status.DONE,
        progress=100,
        issued=1,
        total=1,
        file=ContentFile(b"PK\x05\x06" + bytes(18), name="certificates/batch.zip"),
        created_by=org_x,
        finished_at=timezone.now(),
    )

    # Visitors: a gate with yesterday's count, and a registered visitor's badge.
    o["gate"] = gate = visitors.add_gate(event=event, name=GATE_MARK, actor=org_x)
    visitors.record_count(event=event, gate=gate, date=yesterday, count=120, actor=users[GATE])
    o["visitor"], _created = visitor_badges.register_visitor(event=event, name="Visiteur Un")

    # Sales: A's declaration of yesterday, waiting for validation.
    o["sale"], _created = sales.declare(
        event=event,
        organization=o["org_a"],
        date=yesterday,
        amount_mad=Decimal(SALE_MARK),
        actor=exh_a,
    )

    # Awards: an open jury with the juror and A as candidate; a published category won by A.
    o["category"] = category = AwardCategory.objects.create(
        event=event, code="best_product", name_fr="Meilleur produit", kind=AwardCategory.Kind.JURY
    )
    awards.add_criterion(category=category, actor=org_x, name_fr="Qualité")
    awards.assign_juror(category=category, user=users[JUROR], actor=org_x)
    o["candidate"] = awards.add_candidate(category=category, actor=org_x, organization=o["org_a"])
    o["closed_category"] = AwardCategory.objects.create(
        event=event,
        code="eco",
        name_fr="Coopérative écologique",
        kind=AwardCategory.Kind.JURY,
        jury_closed_at=timezone.now(),
    )
    AwardResult.objects.create(
        category=o["closed_category"], organization=o["org_b"], rank=1, manual=True
    )
    AwardCategory.objects.create(
        event=event,
        code="oldest",
        name_fr="La plus ancienne",
        kind=AwardCategory.Kind.COMPUTED,
        rule=AwardCategory.Rule.OLDEST_COOPERATIVE,
    )
    published = AwardCategory.objects.create(
        event=event,
        code="best_booth",
        name_fr="Meilleur stand",
        kind=AwardCategory.Kind.JURY,
        jury_closed_at=timezone.now(),
        published_at=timezone.now(),
    )
    o["award_result"] = AwardResult.objects.create(
        category=published, organization=o["org_a"], rank=1, manual=True
    )

    # B2B: yesterday's session (A already met buyer C), a session to come, requests made and
    # received by A, a collective meeting A may join, a buyer's application and a schedule.
    setup.configure(
        event=event,
        actor=org_x,
        tables=4,
        requests_close_at=timezone.now() + datetime.timedelta(days=2),
    )
    past, future, o["b2b_spare_session"] = (
        setup.add_session(
            event=event,
            actor=org_x,
            label=label,
            date=day,
            starts_at=datetime.time(9, 0),
            ends_at=datetime.time(10, 0),
            slot_minutes=20,
        )
        for label, day in (
            ("Hier", yesterday),
            ("Demain", today + datetime.timedelta(days=1)),
            ("Réserve", today + datetime.timedelta(days=2)),
        )
    )
    o["b2b_session"] = future
    o["slot"] = past_slot = past.slots.order_by("starts_at").first()
    future_slot, o["free_slot"] = future.slots.order_by("starts_at")[:2]
    side = Participant.Side
    o["participant_a"], _created = participants.join(
        event=event, organization=o["org_a"], side=side.EXHIBITOR, actor=exh_a
    )
    participants.join(event=event, organization=o["org_b"], side=side.EXHIBITOR, actor=users[EXH_B])
    # Buyers C to F take part; company G may still be added as a buyer.
    for letter in "cdef":
        o[f"buyer_{letter}"], _created = participants.join(
            event=event, organization=o[f"company_{letter}"], side=side.BUYER, actor=org_x
        )
    buyer_c, buyer_d, buyer_e = o["buyer_c"], o["buyer_d"], o["buyer_e"]
    accepted = MeetingRequest.objects.create(
        event=event,
        requester=buyer_c,
        recipient=o["participant_a"],
        status=MeetingRequest.Status.ACCEPTED,
    )
    o["meeting"] = Meeting.objects.create(event=event, slot=past_slot, table=1, request=accepted)
    for participant in (buyer_c, o["participant_a"]):
        Seat.objects.create(meeting=o["meeting"], participant=participant, slot=past_slot)
    o["request_to_a"] = MeetingRequest.objects.create(
        event=event, requester=buyer_d, recipient=o["participant_a"]
    )
    o["request_by_a"] = MeetingRequest.objects.create(
        event=event, requester=o["participant_a"], recipient=buyer_e
    )
    o["collective"] = collective.create_collective(
        host=buyer_c, slot=future_slot, actor=org_x, title="Table ronde", capacity=5
    )
    o["buyer_application"] = buyers.apply(
        event=event,
        name_ar="",
        name_fr="Acheteur F",
        region=region(),
        contact_name="Contact F",
        email="f@example.org",
    )
    run = scheduling.start_run(event=event, actor=org_x)
    scheduling.execute_run(run.pk, notify=False)

    # Calendars: A's agenda at X, behind its link.
    o["calendar_feed"] = calendar_services.create_feed(
        actor=exh_a, kind="agenda", event=event, language="fr"
    )

    # Messages: a notice in A's inbox.
    o["inbox_message_a"] = outbox.queue(
        channel="inbox", user=exh_a, body="Bienvenue", kind="test", key="world:inbox:a"
    )

    # A person who signed up for a cooperative (issue 19): the record they typed in awaits an
    # organizer, who confirms or refuses their claim to represent it.
    typed_in = OrganizationFactory(name_fr="Coopérative Charlie", awaiting_confirmation=True)
    o["claimant"] = UserFactory(
        username="m_claimant", role=Role.EXHIBITOR, organization=typed_in, signed_up=True
    )
    o["claim"] = OrganizationClaim.objects.create(user=o["claimant"], organization=typed_in)

    # Broadcasts: one from organizer X to event X's confirmed exhibitors, and a notice about
    # X that the provider refused (to be sent again).
    o["broadcast_x"] = broadcasts.send_broadcast(
        actor=org_x,
        event=event,
        audience=Audience(participation_statuses=("confirmed",)),
        subject="Montage des stands",
        text_fr="Montage lundi à 8 h.",
        channels=["inbox"],
    )
    o["failed_message_x"] = Message.objects.create(
        key="world:failed:x",
        kind="calls.accepted",
        channel="email",
        address="refused@example.org",
        body="Bienvenue",
        event=event,
        status=Message.Status.FAILED,
        attempts=4,
        error="550 mailbox unavailable",
    )

    # Invitations: an accepted cooperative of X's call without an account yet (to invite), and
    # A's invitation to X, whose link (its token, kept here since only its hash is stored)
    # opens the join page.
    o["org_invitee"] = OrganizationFactory(name_fr="Coopérative Invitée", phone="0622334455")
    Application.objects.create(
        call=call,
        organization=o["org_invitee"],
        status=ApplicationStatus.ACCEPTED,
        decided_at=timezone.now(),
    )
    o["invitation_token"], digest = new_token()
    o["invitation_a"] = Invitation.objects.create(
        event=event,
        organization=o["org_a"],
        invited_by=org_x,
        phone="+212612345678",
        language="fr",
        token_hash=digest,
        expires_at=timezone.now() + invitation_services.lifetime(),
        sent_count=1,
        last_sent_at=timezone.now(),
    )

    # Tokens. A request records when its token was last used, at most once a minute: dated
    # ahead, no request writes it, so a refused request must write nothing at all.
    tokens = {
        role: (issue_token(user=user) if user is not None else None) for role, user in users.items()
    }
    ApiToken.objects.update(last_used_at=timezone.now() + datetime.timedelta(days=1))
    o["token_a"] = ApiToken.objects.get(user=exh_a)
    return World(users=users, tokens=tokens, objects=o)
