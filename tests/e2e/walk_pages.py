"""Which pages the walk visits: the permission matrix's pages (tests/accounts), each for the
demo accounts whose role may reach it, with the matrix's world objects replaced by objects
of the demonstration data (`manage.py load_demo`).

The matrix describes a small world (event X, organization A, ...); the demo has its own
events. Each demo account gets the objects that make sense for it: the organizer's event is
E4 (its body organizes it), the exhibitor's is the latest fair its cooperative exhibits at,
the trainer's is that of its first session. The administrator walks E1, the fair with waves
and booths, so that the pages the other accounts do not reach are walked on a second event.
The administrator and the anonymous visitor may reach every event's objects of their pages,
so an object E1 (or E4) lacks is taken from another demo event (E5's certificates, E4's
selection run and B2B slots). A page whose object the demo does not have at all is listed as
skipped in the walk's report rather than invented here: richer demo data walks more pages.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from tadamon.accounts.models import User
from tadamon.awards.models import AwardResult
from tadamon.b2b.models import Participant, Slot
from tadamon.calendars.models import CalendarFeed
from tadamon.calls.models import Application, Call, ReviewAssignment, SelectionRun
from tadamon.core.models import AuditEntry
from tadamon.events.models import AllocationRun, Event, EventPartner, Participation, Wave
from tadamon.invitations.models import Invitation
from tadamon.messaging.models import Channel, Message
from tadamon.programme.models import (
    Attendance,
    Certificate,
    CertificateBatch,
    Registration,
    Session,
)
from tadamon.registry.models import Organization, OrganizationClaim
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import VisitorRegistration
from tests.accounts import permission_support as support
from tests.accounts.permission_matrix import UI
from tests.accounts.permission_world import (
    ADMIN,
    ANON,
    EXH_A,
    GATE,
    OBSERVER,
    ORG_X,
    ORG_Y,
    REVIEWER,
    TRAINER,
    World,
)


@dataclass(frozen=True)
class DemoRole:
    """A demo account (None: the anonymous visitor) and the matrix role it plays."""

    name: str
    username: str | None
    role: str


DEMO_ROLES: tuple[DemoRole, ...] = (
    DemoRole("anonymous", None, ANON),
    DemoRole("admin", "admin", ADMIN),
    DemoRole("organizer", "organizer", ORG_X),
    DemoRole("organizer_bmk", "organizer_bmk", ORG_Y),
    DemoRole("reviewer", "reviewer", REVIEWER),
    DemoRole("exhibitor", "exhibitor", EXH_A),
    DemoRole("trainer", "trainer", TRAINER),
    DemoRole("gate", "gate", GATE),
    DemoRole("observer", "observer", OBSERVER),
)

# Answers that are files, not pages: fetched and checked for a server error only.
FILE_PATH = re.compile(
    r"\.(pdf|ics|svg|ico|xml|json|csv|xlsx|zip|js|webmanifest)$|/export/|/zip/$|/pdf/$|^/healthz$"
)

# The pages of each role that are photographed, when the role may reach them.
MAIN_PAGES = frozenset(
    {
        "public:home",
        "public:event",
        "public:directory",
        "events:event_list",
        "events:event_detail",
        "registry:my_organization",
        "registry:organization_detail",
        "calls:portal_home",
        "calls:review_list",
        "programme:my_sessions",
        "programme:checkin",
        "programme:session_detail",
        "visitors:visitors_tally",
        "sales:declare",
        "sales:review",
        "b2b:home",
        "b2b:my_b2b",
        "reports:report",
        "reports:observatory",
        "accounts:account",
    }
)


@dataclass(frozen=True)
class WalkPage:
    name: str  # the matrix's entry
    path: str | None  # None: the demo has no object for it
    file: bool
    missing: str = ""


def demo_event(key: str) -> Event:
    """A reference event of the demo by its key (E1 to E5), as the demo's audit records it."""
    entry = AuditEntry.objects.get(action="demo.event.created", data__key=key)
    return Event.objects.get(pk=entry.object_id)


def _first(queryset) -> Model | None:
    return queryset.order_by("pk").first()


def _event_of(demo: DemoRole, user: User | None, org_a: Organization) -> Event:
    if demo.role == ADMIN:
        return demo_event("E1")
    if demo.role == EXH_A:
        return (
            Event.objects.filter(participations__organization=org_a).order_by("-start_date").first()
        ) or demo_event("E4")
    if demo.role == TRAINER and user is not None:
        session = _first(Session.objects.filter(trainers=user))
        if session is not None:
            return session.event
    return demo_event("E4")


# Roles whose pages reach the objects of every event.
ANY_EVENT = frozenset({ADMIN, ANON})


def demo_world(demo: DemoRole) -> World:
    """The matrix's world objects, taken from the demo data for this account."""
    user = User.objects.get(username=demo.username) if demo.username else None
    org_a = User.objects.get(username="exhibitor").organization
    event = _event_of(demo, user, org_a)

    def _of_event(queryset, **in_event):
        """The first object of the account's event or, for a role that reaches every
        event, of any event."""
        found = _first(queryset.filter(**in_event))
        return found if found is not None or demo.role not in ANY_EVENT else _first(queryset)

    o: dict[str, Any] = {"org_a": org_a, "event_x": event, "event_y": demo_event("E3")}
    o["org_a_dup"] = _first(Organization.objects.filter(kind=org_a.kind).exclude(pk=org_a.pk))
    o["product_a"] = _first(org_a.products.all())
    o["person_a"] = _first(org_a.people.all())
    o["wave"] = _of_event(Wave.objects.all(), event=event)
    o["partner"] = _of_event(EventPartner.objects.all(), event=event)
    o["partner_org"] = o["partner"].organization if o["partner"] else None
    o["participation_a"] = _first(
        Participation.objects.filter(event=event, organization=org_a)
    ) or _first(Participation.objects.filter(event=event))
    o["call"] = _of_event(Call.objects.all(), event=event)
    # The demo's sign-up waiting for an organizer (issue 19).
    o["claim"] = _first(OrganizationClaim.objects.filter(status=OrganizationClaim.Status.PENDING))
    o["application_a"] = _first(Application.objects.filter(organization=org_a)) or _first(
        Application.objects.filter(call__event=event)
    )
    o["assignment"] = _first(ReviewAssignment.objects.filter(reviewer__username="reviewer"))
    o["selection_run"] = _of_event(SelectionRun.objects.all(), call__event=event)
    o["allocation_run"] = _of_event(AllocationRun.objects.all(), event=event)
    sessions = Session.objects.filter(event=event)
    if demo.role == TRAINER:
        sessions = sessions.filter(trainers=user)
    if demo.role in ANY_EVENT and not sessions.filter(registrations__isnull=False).exists():
        # E1's workshops took no registrations: the registration pages are walked on another
        # event's session.
        sessions = Session.objects.filter(registrations__isnull=False)
    o["session"] = session = sessions.order_by("starts_at", "pk").first()
    registrations = Registration.objects.filter(session=session)
    o["registration"] = _first(registrations.filter(person__organization=org_a)) or _first(
        registrations
    )
    o["attendance"] = _first(Attendance.objects.filter(session=session))
    # Anyone reads a feed by its address; the exhibitor revokes its own.
    o["calendar_feed"] = _first(CalendarFeed.objects.filter(owner=user)) or _first(
        CalendarFeed.objects.all()
    )
    o["inbox_message_a"] = _first(
        Message.objects.filter(channel=Channel.INBOX, user__username="exhibitor")
    )
    o["invitation_a"] = _of_event(Invitation.objects.all(), event=event)
    # Only a link's hash is stored: the demo cannot know a working link, the join page is
    # walked by tests/e2e/test_invitation_flow.py.
    o["invitation_token"] = None
    # A certificate is checked by its number, by anyone: any event's will do.
    o["certificate"] = (
        _first(Certificate.objects.filter(event=event, organization=org_a))
        or _first(Certificate.objects.filter(event=event))
        or _first(Certificate.objects.all())
    )
    o["certificate_batch"] = _of_event(CertificateBatch.objects.all(), event=event)
    # A badge opens for anyone who has its address: any event's will do.
    o["visitor"] = _first(VisitorRegistration.objects.filter(event=event)) or _first(
        VisitorRegistration.objects.all()
    )
    o["sale"] = _of_event(SalesDeclaration.objects.all(), event=event)
    o["award_result"] = _of_event(AwardResult.objects.all(), category__event=event)
    o["slot"] = _of_event(Slot.objects.all(), session__event=event)
    participants = Participant.objects.filter(side=Participant.Side.EXHIBITOR)
    o["participant_a"] = _first(participants.filter(event=event, organization=org_a)) or _of_event(
        participants, event=event
    )
    return World(users={demo.role: user}, tokens={}, objects=o)


# A parameter filled from an object the demo lacks shows as "None" in the path.
_UNFILLED = re.compile(r"/None(?=[/.?]|$)|=None(&|$)")


def pages_for(demo: DemoRole, world: World, routes: dict[str, str]) -> list[WalkPage]:
    """The matrix's pages (not its POST-only actions) that this account's role may reach."""
    pages = []
    for name, rule in UI.items():
        if rule.method != "GET" or demo.role not in rule.allowed:
            continue
        route = routes[name]
        try:
            path = support.path_of(world, route, rule.kwargs, name, query=rule.query)
        except AttributeError:  # URL_KWARGS read an attribute of an object the demo lacks
            path = "None"
        if _UNFILLED.search(path) or path == "None":
            pages.append(WalkPage(name, None, False, f"no demo object for {route}"))
        else:
            pages.append(WalkPage(name, path, bool(FILE_PATH.search(path.split("?")[0]))))
    return pages
