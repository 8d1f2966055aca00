"""The workshops of E1 and E3 and E3's children's space (SPEC 1), created through the
programme's session service on behalf of each event's organizer staff, as an organizer
would enter them. The articles give the subjects; days, times and trainers are invented
(tadamon.demo.programme_specs). Nobody's attendance is recorded: the articles give no head
count for these workshops, and the closing reports then show the sessions held, not
invented beneficiaries.
"""

import datetime

from django.utils import timezone

from tadamon.accounts.models import Role, User
from tadamon.demo.events import DemoEvents
from tadamon.demo.programme_specs import (
    E1_WORKSHOPS,
    E3_CHILDREN,
    E3_CHILDREN_AUDIENCE,
    E3_WORKSHOPS,
    SessionSpec,
)
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.programme.models import Session, Topic
from tadamon.programme.services.sessions import create_session

PLAN: tuple[tuple[str, tuple[SessionSpec, ...]], ...] = (
    ("E1", E1_WORKSHOPS),
    ("E3", E3_WORKSHOPS + E3_CHILDREN),
)


def build_workshops(events: DemoEvents, *, actor: User) -> dict[str, list[Session]]:
    """The sessions created, by event key."""
    topics = {topic.code: topic for topic in Topic.objects.all()}
    trainers = {user.username: user for user in User.objects.filter(role=Role.TRAINER)}
    created: dict[str, list[Session]] = {}
    for key, specs in PLAN:
        event = events.events.get(key)
        if event is None:
            continue
        manager = _manager(event, actor)
        created[key] = [
            create_session(
                actor=manager,
                event=event,
                fields=_fields(event, spec),
                topics=[topics[code] for code in spec.topics if code in topics],
                trainers=[trainers[spec.trainer]] if spec.trainer in trainers else [],
            )
            for spec in specs
        ]
    return created


def _manager(event: Event, actor: User) -> User:
    """An organizer account of the event's own staff, else `actor` (the administrator)."""
    for user in User.objects.filter(role=Role.ORGANIZER, is_active=True).order_by("username"):
        if event_access.can_manage_event(user, event):
            return user
    return actor


def _fields(event: Event, spec: SessionSpec) -> dict:
    day = event.start_date + datetime.timedelta(days=spec.day)

    def local(value: datetime.time) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, value))

    return {
        "kind": spec.kind,
        "title_ar": spec.title_ar,
        "title_fr": spec.title_fr,
        "room": spec.room,
        "commune_name": spec.commune,
        "starts_at": local(spec.start),
        "ends_at": local(spec.end),
        "audience": E3_CHILDREN_AUDIENCE if spec in E3_CHILDREN else "",
    }
