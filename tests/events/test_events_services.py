"""The event services: dates, series and editions, partners, waves, publication, permission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.events.models import Event, EventPartner, EventSeries, Participation, Wave
from tadamon.events.services import events as services
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind, region

pytestmark = pytest.mark.django_db

JULY_1 = datetime.date(2025, 7, 1)


def _fields(**overrides):
    return {
        "kind": "bazaar",
        "title_ar": "البازار التضامني",
        "title_fr": "Bazar solidaire",
        "region": region("01"),
        "start_date": JULY_1,
        "end_date": datetime.date(2025, 9, 30),
        **overrides,
    }


def _error_fields(excinfo) -> set:
    return set(excinfo.value.message_dict)


@pytest.fixture
def stranger():
    """Staff of another organizing body."""
    body = OrganizationFactory(kind=kind("public_institution"))
    return UserFactory(role=Role.ORGANIZER, organization=body)


# Creating -------------------------------------------------------------------------------


def test_organizer_creates_an_event_of_its_own_body(organizer, organizer_body):
    event = services.create_event(actor=organizer, fields=_fields())
    assert event.pk and event.organizer == organizer_body
    assert event.created_by == organizer
    assert AuditEntry.objects.filter(action="events.event.created", object_id=str(event.pk))


def test_organizer_cannot_create_for_another_body(organizer, other_org):
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(actor=organizer, fields=_fields(organizer=other_org))
    assert _error_fields(excinfo) == {"organizer"}


def test_admin_must_choose_the_organizer(organizer_body):
    admin = UserFactory(role=Role.ADMIN)
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(actor=admin, fields=_fields())
    assert _error_fields(excinfo) == {"organizer"}
    event = services.create_event(actor=admin, fields=_fields(organizer=organizer_body))
    assert event.organizer == organizer_body


@pytest.mark.parametrize("role", [Role.EXHIBITOR, Role.REVIEWER, Role.OBSERVER])
def test_only_organizers_create_events(role, exhibitor_org):
    user = UserFactory(role=role, organization=exhibitor_org)
    with pytest.raises(PermissionDenied):
        services.create_event(actor=user, fields=_fields())
    assert not Event.objects.exists()


def test_an_event_that_ends_before_it_starts_names_end_date(organizer):
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(actor=organizer, fields=_fields(end_date=datetime.date(2025, 6, 30)))
    assert _error_fields(excinfo) == {"end_date"}


def test_a_title_is_needed_and_the_province_must_be_in_the_region(organizer):
    from tadamon.registry.models import Province

    with pytest.raises(ValidationError) as excinfo:
        services.create_event(
            actor=organizer,
            fields=_fields(title_ar="", title_fr="", province=Province.objects.get(code="05.02")),
        )
    assert _error_fields(excinfo) == {"title_ar", "province"}


# Series and editions --------------------------------------------------------------------


def test_series_is_created_from_a_name_then_found_again(organizer):
    first = services.create_event(
        actor=organizer,
        fields=_fields(
            edition=1, start_date=datetime.date(2024, 7, 1), end_date=datetime.date(2024, 9, 30)
        ),
        series_name="البازار التضامني بالمضيق",
    )
    second = services.create_event(
        actor=organizer, fields=_fields(edition=2), series_name="البازار التضامني بالمضيق"
    )
    assert first.series == second.series
    assert first.series.name_ar == "البازار التضامني بالمضيق" and first.series.kind == "bazaar"
    assert second.previous_edition() == first


def test_edition_is_unique_within_a_series(organizer):
    services.create_event(actor=organizer, fields=_fields(edition=2), series_name="Bazar")
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(actor=organizer, fields=_fields(edition=2), series_name="Bazar")
    assert _error_fields(excinfo) == {"edition"}
    # The failed creation left no event behind; the series stays with its one edition.
    assert Event.objects.count() == 1 and EventSeries.objects.count() == 1
    # The same number in another series is fine.
    services.create_event(actor=organizer, fields=_fields(edition=2), series_name="Autre")


def test_an_event_joins_only_a_series_of_its_organizer(organizer, stranger):
    theirs = EventSeries.objects.create(
        name_fr="Leur série", kind="bazaar", organizer=stranger.organization
    )
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(actor=organizer, fields=_fields(series=theirs, edition=1))
    assert _error_fields(excinfo) == {"series"}


# Updating -------------------------------------------------------------------------------


def test_update_refuses_dates_that_leave_a_wave_outside(organizer, organizer_body):
    event = EventFactory(
        organizer=organizer_body, start_date=JULY_1, end_date=datetime.date(2025, 9, 30)
    )
    Wave.objects.create(
        event=event,
        label="Sept.",
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 9, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.update_event(
            actor=organizer, event=event, fields={"end_date": datetime.date(2025, 8, 31)}
        )
    assert _error_fields(excinfo) == {"end_date"}
    event.refresh_from_db()
    assert event.end_date == datetime.date(2025, 9, 30)


def test_another_body_cannot_manage_but_a_co_organizer_can(organizer_body, stranger):
    event = EventFactory(organizer=organizer_body)
    with pytest.raises(PermissionDenied):
        services.update_event(actor=stranger, event=event, fields={"city": "Tétouan"})
    with pytest.raises(PermissionDenied):
        services.add_wave(
            actor=stranger,
            event=event,
            fields={"label": "x", "start_date": event.start_date, "end_date": event.end_date},
        )
    EventPartner.objects.create(
        event=event, organization=stranger.organization, role=EventPartner.Role.CO_ORGANIZER
    )
    services.update_event(actor=stranger, event=event, fields={"city": "Tétouan"})
    event.refresh_from_db()
    assert event.city == "Tétouan"


def test_only_an_admin_moves_an_event_to_another_organizer(organizer, organizer_body, other_org):
    event = EventFactory(organizer=organizer_body)
    with pytest.raises(ValidationError) as excinfo:
        services.update_event(actor=organizer, event=event, fields={"organizer": other_org})
    assert _error_fields(excinfo) == {"organizer"}


def test_publish_and_unpublish(organizer, organizer_body):
    event = EventFactory(organizer=organizer_body, is_published=False)
    services.set_published(actor=organizer, event=event, published=True)
    event.refresh_from_db()
    assert event.is_published
    services.set_published(actor=organizer, event=event, published=False)
    event.refresh_from_db()
    assert not event.is_published
    assert AuditEntry.objects.filter(action="events.event.unpublished").count() == 1


# Partners -------------------------------------------------------------------------------


def test_partners_with_roles(organizer, organizer_body, other_org):
    event = EventFactory(organizer=organizer_body)
    partner = services.add_partner(
        actor=organizer, event=event, organization=other_org, role="institutional_partner"
    )
    services.add_partner(actor=organizer, event=event, organization=other_org, role="sponsor")
    with pytest.raises(ValidationError) as excinfo:
        services.add_partner(actor=organizer, event=event, organization=other_org, role="sponsor")
    assert _error_fields(excinfo) == {"organization"}
    with pytest.raises(ValidationError) as excinfo:
        services.add_partner(
            actor=organizer, event=event, organization=organizer_body, role="co_organizer"
        )
    assert _error_fields(excinfo) == {"organization"}
    services.remove_partner(actor=organizer, partner=partner)
    assert list(event.partners.values_list("role", flat=True)) == ["sponsor"]


# Waves ----------------------------------------------------------------------------------


@pytest.fixture
def bazaar(organizer_body):
    return EventFactory(
        organizer=organizer_body, start_date=JULY_1, end_date=datetime.date(2025, 9, 30)
    )


def _wave(**overrides):
    return {
        "label": "Juillet",
        "start_date": JULY_1,
        "end_date": datetime.date(2025, 7, 31),
        "capacity": 60,
        **overrides,
    }


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"start_date": datetime.date(2025, 6, 20)}, "start_date"),
        ({"end_date": datetime.date(2025, 10, 5)}, "end_date"),
        (
            {"start_date": datetime.date(2025, 7, 20), "end_date": datetime.date(2025, 7, 10)},
            "end_date",
        ),
    ],
)
def test_wave_dates_are_checked_on_the_right_field(organizer, bazaar, dates, field):
    with pytest.raises(ValidationError) as excinfo:
        services.add_wave(actor=organizer, event=bazaar, fields=_wave(**dates))
    assert _error_fields(excinfo) == {field}
    assert not Wave.objects.exists()


def test_wave_labels_are_unique_in_an_event_and_capacity_positive(organizer, bazaar):
    services.add_wave(actor=organizer, event=bazaar, fields=_wave())
    with pytest.raises(ValidationError) as excinfo:
        services.add_wave(actor=organizer, event=bazaar, fields=_wave(label="juillet "))
    assert _error_fields(excinfo) == {"label"}
    with pytest.raises(ValidationError) as excinfo:
        services.add_wave(actor=organizer, event=bazaar, fields=_wave(label="Août", capacity=0))
    assert _error_fields(excinfo) == {"capacity"}


def test_update_and_delete_a_wave(organizer, bazaar, other_org):
    wave = services.add_wave(actor=organizer, event=bazaar, fields=_wave())
    services.update_wave(actor=organizer, wave=wave, fields={"label": "Mois 1"})
    wave.refresh_from_db()
    assert wave.label == "Mois 1"
    with pytest.raises(ValidationError) as excinfo:
        services.update_wave(
            actor=organizer, wave=wave, fields={"end_date": datetime.date(2025, 12, 31)}
        )
    assert _error_fields(excinfo) == {"end_date"}

    taken = Participation.objects.create(event=bazaar, organization=other_org, wave=wave)
    with pytest.raises(ValidationError, match="Mois 1"):
        services.delete_wave(actor=organizer, wave=wave)
    taken.delete()
    services.delete_wave(actor=organizer, wave=wave)
    assert not Wave.objects.exists()


def test_an_event_change_records_each_changed_field_before_and_after(organizer, organizer_body):
    event = EventFactory(organizer=organizer_body, city="Tanger", venue="Place")

    services.update_event(
        actor=organizer, event=event, fields={"city": "Tétouan", "venue": "Place"}
    )

    entry = AuditEntry.objects.get(action="events.event.changed")
    assert entry.data["fields"] == ["city"]
    assert entry.changes == {"city": ["Tanger", "Tétouan"]}


def test_a_refused_event_change_leaves_the_event_as_it_was(organizer, organizer_body):
    event = EventFactory(organizer=organizer_body, city="Tanger")

    with pytest.raises(ValidationError):
        services.update_event(
            actor=organizer, event=event, fields={"city": "Tétouan", "start_date": None}
        )

    assert event.city == "Tanger"
    assert not AuditEntry.objects.filter(action="events.event.changed").exists()
