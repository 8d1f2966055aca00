"""The booth allocation reads the exhibitors' wishes through tadamon.events.wishes, which the
call for exhibitors feeds (tadamon.calls.receivers) so that events does not import it."""

import pytest

from tadamon.calls.receivers import application_wishes
from tadamon.events import wishes
from tests.factories import ApplicationFactory, CallFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_the_call_registers_itself_once(monkeypatch):
    assert application_wishes in wishes._sources
    monkeypatch.setattr(wishes, "_sources", [])
    wishes.register(application_wishes)
    wishes.register(application_wishes)
    assert wishes._sources == [application_wishes]


def test_without_a_source_nobody_wished_anything(monkeypatch):
    monkeypatch.setattr(wishes, "_sources", [])
    application = ApplicationFactory(needs_accessible_booth=True)
    assert wishes.wishes_by_organization(application.call.event) == {}


def test_the_applications_tell_the_waves_and_the_accessible_booth():
    call = CallFactory()
    wave = call.event.waves.create(
        label="M1", start_date=call.event.start_date, end_date=call.event.start_date
    )
    accessible = ApplicationFactory(call=call, needs_accessible_booth=True)
    accessible.wave_preferences.set([wave])
    other = ApplicationFactory(call=call)
    ApplicationFactory(call=CallFactory(event=EventFactory()))  # another event's call
    assert wishes.wishes_by_organization(call.event) == {
        accessible.organization_id: wishes.Wishes(frozenset({wave.pk}), True),
        other.organization_id: wishes.Wishes(frozenset(), False),
    }
    only = wishes.wishes_by_organization(call.event, [other.organization_id])
    assert list(only) == [other.organization_id]
