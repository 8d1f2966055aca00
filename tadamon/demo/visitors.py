"""Visitors who registered for a free badge (SPEC 3G), through the visitors' badge service,
so that the registration form, the badge with its QR code and the gate's scan have something
to show. Everything here is invented (the articles give only the visitors counted):

- E4: registration opened by the organizer; 40 visitors registered in the week before the
  fair, 30 of them scanned at one of its gates on one of its days. Registered visitors are
  counted at the gates like everyone else, so the visitor figure stays the article's.
- The upcoming edition: registration open on its public page, 12 visitors registered.

Names are drawn from the registry's lists of first and family names; phones are invented
Moroccan mobile numbers (each badge's number is its own: a number registers once).
"""

import datetime
import random
from dataclasses import dataclass, field

from tadamon.accounts.models import User
from tadamon.demo.clock import at, moment
from tadamon.demo.names import FAMILY_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, mobile_phone
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.events.services import events as event_services
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import Gate, VisitorRegistration
from tadamon.visitors.services import visitor_badges

DEMO_ORGANIZER = "organizer"
DEMO_GATE_AGENT = "gate"
E4_REGISTERED = 40
E4_ARRIVED = 30
UPCOMING_REGISTERED = 12
# Tétouan's communes and its neighbours', where E4's registered visitors say they live.
COMMUNES = ("تطوان", "مرتيل", "المضيق", "الفنيدق", "واد لو", "شفشاون")


@dataclass
class DemoVisitors:
    registered: dict[str, int] = field(default_factory=dict)
    arrived: dict[str, int] = field(default_factory=dict)


def build_visitors(
    rng: random.Random, *, e4: Event | None, upcoming: Event | None, actor: User
) -> DemoVisitors:
    """Badges for E4 and for the upcoming edition, when the demo has them."""
    result = DemoVisitors()
    phones: set[str] = set()
    if e4 is not None:
        manager = _manager(e4, actor)
        with at(moment(e4.start_date - datetime.timedelta(days=7), 9)):
            _open_registration(e4, manager)
        registrations = []
        for n in range(E4_REGISTERED):
            day = e4.start_date - datetime.timedelta(days=7 - n * 7 // E4_REGISTERED)
            with at(moment(day, 8 + n % 12, (n * 7) % 60)):
                registrations.append(_register(rng, e4, manager, phones))
        result.registered["E4"] = len(registrations)
        result.arrived["E4"] = _arrive(rng, e4, registrations[:E4_ARRIVED], actor)
    if upcoming is not None:
        _open_registration(upcoming, _manager(upcoming, actor))
        # Visitors register themselves on the public page: no actor.
        for _n in range(UPCOMING_REGISTERED):
            _register(rng, upcoming, None, phones)
        result.registered["E4.ed4"] = UPCOMING_REGISTERED
    return result


def _manager(event: Event, actor: User) -> User:
    organizer = User.objects.filter(username=DEMO_ORGANIZER).first()
    if organizer is not None and event_access.can_manage_event(organizer, event):
        return organizer
    return actor


def _open_registration(event: Event, manager: User) -> None:
    event_services.update_event(actor=manager, event=event, fields={"visitor_registration": True})


def _register(
    rng: random.Random, event: Event, actor: User | None, phones: set[str]
) -> VisitorRegistration:
    female = rng.random() < 0.5
    first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)[0]
    family = rng.choice(FAMILY_NAMES)[0]
    phone = mobile_phone(rng)
    while phone in phones:
        phone = mobile_phone(rng)
    phones.add(phone)
    registration, _created = visitor_badges.register_visitor(
        event=event,
        name=f"{first} {family}",
        phone=phone,
        commune_name=rng.choice(COMMUNES),
        gender=(VisitorRegistration.Gender.FEMALE if female else VisitorRegistration.Gender.MALE),
        actor=actor,
    )
    return registration


def _arrive(
    rng: random.Random, event: Event, registrations: list[VisitorRegistration], actor: User
) -> int:
    """Each badge scanned at one of the event's gates on one of its days, by the demo gate
    agent when it counts at this event."""
    agent = User.objects.filter(username=DEMO_GATE_AGENT).first()
    if agent is None or not visitor_access.can_count_visitors(agent, event):
        agent = actor
    gates = list(Gate.objects.filter(event=event).order_by("position"))
    days = (event.end_date - event.start_date).days + 1
    arrived = 0
    for registration in registrations:
        day = event.start_date + datetime.timedelta(days=rng.randrange(days))
        with at(moment(day, rng.randint(10, 20), rng.randrange(60))):
            _registration, first = visitor_badges.record_arrival(
                registration=registration,
                actor=agent,
                gate=rng.choice(gates) if gates else None,
            )
        arrived += first
    return arrived
