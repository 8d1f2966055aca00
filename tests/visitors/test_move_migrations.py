"""The visitors left tadamon.events for tadamon.visitors (issue 16) without touching their
tables: events.0006 and visitors.0001 move the models in Django's state only, visitors.0002
moves their content types and the labels the audit trail stored."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tadamon.core.models import AuditEntry
from tadamon.visitors.models import Gate, VisitorCount, VisitorRegistration
from tests.factories import EventFactory

BEFORE_THE_MOVE = [("events", "0005_calls_leave_for_their_own_app"), ("visitors", None)]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _labels(pk: int) -> tuple[str, str]:
    entry = AuditEntry.objects.get(pk=pk)
    return entry.object_type, entry.action


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_keeps_the_rows_and_renames_content_types_and_audit_labels():
    event = EventFactory()
    gate = Gate.objects.create(event=event, name="Bab Okla")
    count = VisitorCount.objects.create(event=event, gate=gate, date=event.start_date, count=1200)
    registration = VisitorRegistration.objects.create(event=event, name="Salma")
    type_ids = {
        model: ContentType.objects.get(app_label="visitors", model=model).pk
        for model in ("gate", "visitorcount", "visitorregistration")
    }
    by_service = AuditEntry.objects.create(
        action="events.visitors.counted",
        object_type="visitors.visitorcount",
        object_id=str(count.pk),
    )
    by_admin = AuditEntry.objects.create(
        action="admin.visitors.gate.changed",
        object_type="visitors.gate",
        object_id=str(gate.pk),
    )
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrate(BEFORE_THE_MOVE)
        # Back at the schema of before the move, the labels are those of tadamon.events.
        for model, type_id in type_ids.items():
            assert ContentType.objects.get(app_label="events", model=model).pk == type_id
        assert not ContentType.objects.filter(app_label="visitors").exists()
        assert _labels(by_service.pk) == ("events.visitorcount", "events.visitors.counted")
        assert _labels(by_admin.pk) == ("events.gate", "admin.events.gate.changed")
    finally:
        _migrate(latest)
    # Moved forward again: same rows, same content types, the labels of tadamon.visitors; the
    # services' action names are identifiers and did not change.
    assert VisitorCount.objects.get(pk=count.pk).count == 1200
    assert VisitorCount.objects.get(pk=count.pk).gate == gate
    assert VisitorRegistration.objects.get(pk=registration.pk).code == registration.code
    for model, type_id in type_ids.items():
        assert ContentType.objects.get(app_label="visitors", model=model).pk == type_id
        assert not ContentType.objects.filter(app_label="events", model=model).exists()
    assert _labels(by_service.pk) == ("visitors.visitorcount", "events.visitors.counted")
    assert _labels(by_admin.pk) == ("visitors.gate", "admin.visitors.gate.changed")
    assert event.visitor_counts.get() == VisitorCount.objects.get(pk=count.pk)
