"""The call for exhibitors left tadamon.events for tadamon.calls (issue 16) without touching
its tables: events.0005 and calls.0001 move the models in Django's state only, calls.0002
moves their content types and the labels the audit trail stored."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tadamon.calls.models import Application
from tadamon.core.models import AuditEntry
from tests.factories import ApplicationFactory

BEFORE_THE_MOVE = [("events", "0004_visitor_registration"), ("calls", None)]


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
    application = ApplicationFactory()
    type_id = ContentType.objects.get(app_label="calls", model="application").pk
    by_service = AuditEntry.objects.create(
        action="events.application.accepted",
        object_type="calls.application",
        object_id=str(application.pk),
    )
    by_admin = AuditEntry.objects.create(
        action="admin.calls.call.changed",
        object_type="calls.call",
        object_id=str(application.call_id),
    )
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrate(BEFORE_THE_MOVE)
        # Back at the schema of before the move, the labels are those of tadamon.events.
        assert ContentType.objects.get(app_label="events", model="application").pk == type_id
        assert not ContentType.objects.filter(app_label="calls").exists()
        assert _labels(by_service.pk) == ("events.application", "events.application.accepted")
        assert _labels(by_admin.pk) == ("events.call", "admin.events.call.changed")
    finally:
        _migrate(latest)
    # Moved forward again: same rows, same content type, the labels of tadamon.calls; the
    # services' action names are identifiers and did not change.
    assert Application.objects.get(pk=application.pk).motivation == application.motivation
    assert ContentType.objects.get(app_label="calls", model="application").pk == type_id
    assert not ContentType.objects.filter(app_label="events", model="application").exists()
    assert _labels(by_service.pk) == ("calls.application", "events.application.accepted")
    assert _labels(by_admin.pk) == ("calls.call", "admin.calls.call.changed")
