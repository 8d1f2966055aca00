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
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from bench import busy_day
from tadamon.accounts.models import User
from tadamon.b2b.models import Participant
from tadamon.events.models import Event, Participation
from tadamon.programme import access as programme_access
from tadamon.programme.models import Session
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors import access as visitor_access
from tadamon.visitors.services.visitor_badges import register_visitor
from tests.core.test_demo_fair_figures import demo  # noqa: F401  (the class's fixture)

LIMIT = 150 * 1024
DECLARATIONS = 30


def _tally_event(gate_agent: User) -> Event:
    event = visitor_access.counting_events_for(gate_agent).order_by("-end_date", "pk").first()
    busy_day.count_every_gate(event)
    return event


def _busy_session(trainer: User) -> Session:
    session = Session.objects.filter(trainers=trainer).order_by("starts_at", "pk").first()
    busy_day.fill_session(session, trainer)
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
        assert len(checkin.context["offline_people"]) == busy_day.REGISTERED
        assert html["check-in"] > 100 * 1024  # 200 people to search offline: not a light page
        sheet = _client("trainer").get(pages["attendance sheet"][1])
        assert sheet.context["present_count"] == busy_day.PRESENT
        tally = _client("gate").get(pages["visitor tally"][1])
        assert len(tally.context["gates"]) >= busy_day.GATES
        too_heavy = {name: f"{size / 1024:.0f} KB" for name, size in sizes.items() if size >= LIMIT}
        assert not too_heavy, f"field pages over 150 KB sent: {too_heavy} ({sizes}; HTML {html})"
