"""Certificates of the demonstration data, issued through the programme's certificate
service as an organizer issues them after an event:

- E5: a certificate of attendance to each of its beneficiaries (every one attended at least
  one session, the default rule), five days after the last session — invented, the article
  does not say when;
- E4: certificates of appreciation to its partner institutions, which "received shields and
  certificates" at the closing ceremony (SPEC 1), on its last day.

The service numbers a certificate in the year it is issued and prints the day: the clock is
set to those days (tadamon.demo.clock).
"""

import datetime

from tadamon.accounts.models import User
from tadamon.demo.clock import at, moment
from tadamon.demo.events import DemoEvents
from tadamon.events import access as event_access
from tadamon.programme.certificates import services as certificates
from tadamon.programme.models import Certificate

DEMO_ORGANIZER = "organizer"
PLAN = (
    ("E5", Certificate.Kind.ATTENDANCE, 5),
    ("E4", Certificate.Kind.APPRECIATION, 0),
)


def build_certificates(events: DemoEvents, *, actor: User) -> dict[str, int]:
    """Certificates issued, by event key."""
    organizer = User.objects.filter(username=DEMO_ORGANIZER).first()
    issued: dict[str, int] = {}
    for key, kind, days_after in PLAN:
        event = events.events.get(key)
        if event is None:
            continue
        manager = (
            organizer
            if organizer is not None and event_access.can_manage_event(organizer, event)
            else actor
        )
        day = event.end_date + datetime.timedelta(days=days_after)
        with at(moment(day, 11)):
            issued[key] = len(certificates.batch_issue(actor=manager, event=event, kind=kind))
    return issued
