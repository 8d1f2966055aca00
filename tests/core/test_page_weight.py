"""The field pages stay light for a phone on 3G (issue 20): each page, rendered on the
demonstration data grown to a busy day's size and sent as to a phone's browser (which accepts
gzip), is under 150 KB, so that a visit with the assets already cached transfers less than
that (bench/pageweight.py measures the transfer itself in a browser at 3G speed).

The busy day: a tally with 10 gates counted on each of the fair's days, a session with 200
people registered (the check-in page keeps them all for searching offline) and 150 of them
present, 30 sales declarations on the exhibitor's page.
"""

import datetime
import gzip
import random
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import User
from tadamon.b2b.models import Participant
from tadamon.events.models import Event, Participation
from tadamon.programme import access as programme_access
from tadamon.programme.models import Attendance, Registration, Session
from tadamon.registry.models import Organization, Person
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import Gate, VisitorCount
from tadamon.visitors.services.visitor_badges import register_visitor
from tests.core.test_demo_fair_figures import demo  # noqa: F401  (the class's fixture)

LIMIT = 150 * 1024
GATES = 10
REGISTERED = 200
PRESENT = 150
DECLARATIONS = 30

FIRST_NAMES = ["فاطمة الزهراء", "محمد أمين", "خديجة", "عبد الرحيم", "نزهة", "يوسف", "حفيظة"]
LAST_NAMES = ["بن عبد الله", "الإدريسي", "أيت باها", "الشرقاوي", "المرابط", "أوعلي"]


def _tally_event(gate_agent: User) -> Event:
    event = visitor_access.counting_events_for(gate_agent).order_by("-end_date", "pk").first()
    have = list(event.gates.all())
    gates = have + [
        Gate.objects.create(event=event, name=f"باب رقم {n + 1}", position=n)
        for n in range(len(have), GATES)
    ]
    days = [event.start_date + datetime.timedelta(days=n) for n in range(event.days)]
    VisitorCount.objects.bulk_create(
        [
            VisitorCount(event=event, gate=gate, date=day, count=1000 + 37 * n)
            for n, (gate, day) in enumerate((gate, day) for gate in gates for day in days)
        ],
        ignore_conflicts=True,
    )
    return event


def _busy_session(trainer: User) -> Session:
    session = Session.objects.filter(trainers=trainer).order_by("starts_at", "pk").first()
    organizations = list(Organization.objects.order_by("pk")[:40])
    rng = random.Random(20)
    already = session.registrations.count()
    for n in range(already, REGISTERED):
        person = Person(
            first_name=rng.choice(FIRST_NAMES),
            last_name=f"{rng.choice(LAST_NAMES)} {n}",
            gender=rng.choice(Person.Gender.values),
            organization=rng.choice(organizations),
        )
        person.save()  # its search text
        Registration.objects.create(session=session, person=person)
    present = [
        Attendance(
            session=session,
            person_id=person_id,
            checked_in_at=timezone.now(),
            checked_in_by=trainer,
        )
        for person_id in session.registrations.values_list("person_id", flat=True)[:PRESENT]
    ]
    Attendance.objects.bulk_create(present, ignore_conflicts=True)
    return session


def _declaring_event(exhibitor: User) -> Event:
    participation = (
        Participation.objects.filter(
            organization_id=exhibitor.organization_id, status=Participation.Status.CONFIRMED
        )
        .order_by("-event__start_date")
        .first()
    )
    event = participation.event
    days = [event.start_date + datetime.timedelta(days=n) for n in range(event.days)]
    SalesDeclaration.objects.bulk_create(
        SalesDeclaration(
            event=event,
            organization_id=exhibitor.organization_id,
            date=days[n % len(days)],
            amount_mad=Decimal("1250.50") + n,
            declared_by=exhibitor,
        )
        for n in range(DECLARATIONS)
    )
    return event


def _client(username: str | None) -> Client:
    # As a phone's browser asks: compressed answers welcome.
    client = Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    client.cookies["django_language"] = "ar"
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.django_db
class TestFieldPageWeight:
    def test_each_field_page_is_under_150_kb(self, demo):  # noqa: F811
        gate, trainer, exhibitor = (
            User.objects.get(username=name) for name in ("gate", "trainer", "exhibitor")
        )
        session = _busy_session(trainer)
        tally_event = _tally_event(gate)
        b2b = Participant.objects.filter(organization_id=exhibitor.organization_id).first()
        # A badge of the exhibitor's own people if the demo registered any, else one of the
        # trainer's session (the trainer prints them).
        badge_holder, badge = next(
            (user.username, found)
            for user in (exhibitor, trainer)
            if (found := programme_access.registrations_for(user).order_by("pk").first())
        )
        # The demo registers no visitor: one, as the entrance desk would.
        visitor, _created = register_visitor(
            event=Event.objects.get(pk=tally_event.pk),
            name="سعاد المرابط",
            phone="0612345678",
            actor=User.objects.get(username="admin"),
        )
        pages = {
            "visitor tally": (
                "gate",
                reverse("visitors:visitors_tally", args=[tally_event.pk]),
            ),
            "check-in": ("trainer", reverse("programme:checkin", args=[session.pk])),
            "attendance sheet": (
                "trainer",
                reverse("programme:session_attendance", args=[session.pk]),
            ),
            "sales declaration": (
                "exhibitor",
                reverse("sales:declare", args=[_declaring_event(exhibitor).pk]),
            ),
            "B2B agenda": ("exhibitor", reverse("b2b:my_b2b", args=[b2b.event_id])),
            "registration badge": (
                badge_holder,
                reverse("programme:registration_badge", args=[badge.pk]),
            ),
            "visitor badge": (None, reverse("public:badge", args=[visitor.code])),
        }
        sizes, html = {}, {}
        for name, (username, url) in pages.items():
            response = _client(username).get(url)
            assert response.status_code == 200, (name, url)
            # What goes over the network: the body as sent, compressed.
            assert response.get("Content-Encoding") == "gzip", name
            sizes[name] = len(response.content)
            html[name] = len(gzip.decompress(response.content))
        # The data really is a busy day's: the pages show what was added.
        checkin = _client("trainer").get(pages["check-in"][1])
        assert len(checkin.context["offline_people"]) == REGISTERED
        assert html["check-in"] > 100 * 1024  # 200 people to search offline: not a light page
        sheet = _client("trainer").get(pages["attendance sheet"][1])
        assert sheet.context["present_count"] == PRESENT
        tally = _client("gate").get(pages["visitor tally"][1])
        assert len(tally.context["gates"]) >= GATES
        too_heavy = {name: f"{size / 1024:.0f} KB" for name, size in sizes.items() if size >= LIMIT}
        assert not too_heavy, f"field pages over 150 KB sent: {too_heavy} ({sizes}; HTML {html})"
