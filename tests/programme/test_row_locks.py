"""On PostgreSQL a registration locks its own rows only. `select_for_update()` locks every
table of its query, and the model's ordering or a select_related joins the session and the
event: every registration, sale and gate count of the event then queued behind one another
(issue 15, found beside the gate count's deadlock)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tadamon.programme.services import registrations as services
from tadamon.programme.services.sessions import update_session
from tests.factories import EventFactory, PersonFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks exist on PostgreSQL only"
    ),
]


def _locks(queries) -> list[str]:
    return [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]


def test_registering_and_editing_a_session_lock_only_their_own_rows(organizer, organizer_body):
    session = SessionFactory(event=EventFactory(organizer=organizer_body), capacity=1)
    people = PersonFactory.create_batch(2)
    with CaptureQueriesContext(connection) as queries:
        for person in people:
            services.register(actor=organizer, session=session, person=person)
        update_session(actor=organizer, session=session, fields={"capacity": 2})
    locks = _locks(queries.captured_queries)
    assert locks, "the services lock the session before counting its places"
    for sql in locks:
        if " JOIN " in sql:
            assert "FOR UPDATE OF" in sql, sql
            locked = sql.split("FOR UPDATE OF", 1)[1]
            assert '"events_event"' not in locked, sql
