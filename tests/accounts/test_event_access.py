"""The one access rule for events (issue 16): 404 when the caller may not see the event, 403
when they see it but may not act on it, the event itself when they manage it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tadamon.accounts.models import Role
from tadamon.calls.models import Application
from tadamon.events.access import events_for, require_event_manager, require_event_viewer
from tadamon.events.models import Event, Participation
from tests.factories import CallFactory, EventFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger():
    """An organizer of another body: sees published events, manages none of these."""
    return UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def draft(organizer):
    return EventFactory(organizer=organizer.organization, is_published=False)


@pytest.fixture
def published(organizer):
    return EventFactory(organizer=organizer.organization, is_published=True)


def both_ways(event: Event):
    """The rule answers the same for an event and for its id."""
    return (event, event.pk)


def test_a_stranger_organizer_gets_404_on_an_unpublished_event(stranger, draft):
    for given in both_ways(draft):
        with pytest.raises(Http404):
            require_event_manager(stranger, given)
        with pytest.raises(Http404):
            require_event_viewer(stranger, given)


def test_a_stranger_organizer_gets_403_on_a_published_event(stranger, published):
    for given in both_ways(published):
        with pytest.raises(PermissionDenied):
            require_event_manager(stranger, given)
        assert require_event_viewer(stranger, given) == published


def test_an_observer_sees_every_event_and_manages_none(observer, draft, published):
    for event in (draft, published):
        for given in both_ways(event):
            with pytest.raises(PermissionDenied):
                require_event_manager(observer, given)
            assert require_event_viewer(observer, given) == event


def test_an_exhibitor_sees_a_published_event_and_never_manages_it(exhibitor, draft, published):
    for given in both_ways(draft):
        with pytest.raises(Http404):
            require_event_manager(exhibitor, given)
    for given in both_ways(published):
        with pytest.raises(PermissionDenied):
            require_event_manager(exhibitor, given)


def test_the_events_manager_and_an_administrator_get_the_event(organizer, admin, draft):
    for user in (organizer, admin):
        assert require_event_manager(user, draft.pk) == draft
        assert require_event_viewer(user, draft.pk) == draft
        # An instance given is handed back as it is (a service keeps the row it locked).
        assert require_event_manager(user, draft) is draft


def test_anonymous_callers_and_unknown_ids(draft, published):
    with pytest.raises(Http404):
        require_event_manager(AnonymousUser(), draft.pk)
    with pytest.raises(PermissionDenied):
        # A published event is public: an anonymous caller sees it and may not act.
        require_event_manager(AnonymousUser(), published)
    for unknown in (published.pk + 1000, "x"):
        with pytest.raises(Http404):
            require_event_viewer(AnonymousUser(), unknown)


def test_a_narrower_visibility_is_honoured(organizer, stranger, published):
    nobody = Event.objects.none()
    with pytest.raises(Http404):
        require_event_manager(stranger, published, visible=nobody)
    assert require_event_manager(organizer, published, visible=nobody) == published


def test_the_events_a_user_sees_are_found_without_joining_their_relations(exhibitor):
    """Joining participations, applications and jurors in one OR multiplied a fair's rows
    before DISTINCT: E4 took 1.9 s for one exhibitor on SQLite and over 60 s on PostgreSQL
    (bench/crowd.py). One subquery per relation keeps the outer query on the events alone."""
    mine = EventFactory(is_published=False)
    applied = CallFactory(event=EventFactory(is_published=False))
    Participation.objects.create(event=mine, organization=exhibitor.organization)
    Application.objects.create(call=applied, organization=exhibitor.organization)
    EventFactory(is_published=False)  # not theirs
    sql = str(events_for(exhibitor).query).upper()
    outer = sql.split("WHERE", 1)[0]
    assert "JOIN" not in outer and "DISTINCT" not in outer
    assert set(events_for(exhibitor).filter(is_published=False)) == {mine, applied.event}
