"""The audit guard itself (tests/audit_guard.py): it sees a service that writes without an
entry, lets one that writes its entry pass, and wraps the real services."""

import pytest

from tadamon.awards import services as awards
from tadamon.b2b.services import scheduling
from tadamon.core import audit
from tadamon.events.services import participations
from tests import audit_guard
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_write_without_an_entry_is_a_violation():
    first = len(audit_guard.violations)
    silent = audit_guard.guarded(lambda: OrganizationFactory(), "tests.silent")
    silent()
    found = audit_guard.violations[first:]
    del audit_guard.violations[first:]
    assert found == ["tests.silent wrote registry.organization without an audit entry"]


def test_a_write_with_its_entry_passes(organizer):
    first = len(audit_guard.violations)

    def honest():
        organization = OrganizationFactory()
        audit.record(actor=organizer, action="registry.organization.created", obj=organization)

    audit_guard.guarded(honest, "tests.honest")()
    assert audit_guard.violations[first:] == []


def test_only_the_outermost_call_answers_for_its_entry(organizer):
    """A helper service may write and let its caller record the change."""
    first = len(audit_guard.violations)
    helper = audit_guard.guarded(lambda: OrganizationFactory(), "tests.helper")

    def caller():
        organization = helper()
        audit.record(actor=organizer, action="registry.organization.created", obj=organization)

    audit_guard.guarded(caller, "tests.caller")()
    assert audit_guard.violations[first:] == []


def test_the_services_are_guarded():
    for function in (
        awards.add_candidate,
        awards.score,
        scheduling.store,
        participations.register_participation,
    ):
        assert getattr(function, "__audit_guarded__", False), function
