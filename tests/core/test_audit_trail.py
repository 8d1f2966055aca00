"""The audit trail of organizations, participations, sales, awards and certificates: who,
when, before and after; organizers read the trail of their own events only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.awards import services as awards
from tadamon.awards.models import AwardCategory
from tadamon.core import audit
from tadamon.core.models import AuditEntry
from tadamon.events.services import participations
from tadamon.programme.certificates import services as certificates
from tadamon.registry import services as registry
from tadamon.sales import services as sales
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind
from tests.programme.certificate_support import LATIN_NAME, fatima, programme

pytestmark = pytest.mark.django_db

AUDIT = reverse("audit_trail")


def _last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


@pytest.fixture
def participation(event, organizer, exhibitor_org):
    return participations.register_participation(
        actor=organizer, event=event, organization=exhibitor_org, status="confirmed"
    )


@pytest.fixture
def other_organizer(db):
    body = OrganizationFactory(kind=kind("public_institution"))
    return UserFactory(username="organizer_y", role=Role.ORGANIZER, organization=body)


def test_an_organization_change_keeps_before_and_after(organizer, exhibitor_org):
    old_name = exhibitor_org.name_fr
    registry.update_organization(
        actor=organizer,
        organization=exhibitor_org,
        fields={"name_fr": "Coopérative Nouvelle", "founded_year": 2011},
    )
    entry = _last("registry.organization.changed")
    assert entry.actor == organizer
    assert entry.changes["name_fr"] == [old_name, "Coopérative Nouvelle"]
    assert entry.changes["founded_year"][1] == 2011
    assert "phone" not in entry.changes  # only what changed
    assert entry.organization_id == exhibitor_org.pk and entry.event_id is None


def test_a_created_organization_records_its_values(organizer):
    organization = registry.create_organization(
        actor=organizer,
        fields={
            "name_ar": "تعاونية الأمل",
            "name_fr": "Coopérative Al Amal",
            "kind": kind(),
            "region": EventFactory.build().region,
        },
    )
    entry = _last("registry.organization.created")
    assert entry.changes["name_fr"] == [None, "Coopérative Al Amal"]
    assert entry.organization_id == organization.pk


def test_a_sale_validated_by_the_organizer(event, participation, exhibitor, organizer):
    declaration, _ = sales.declare(
        event=event,
        organization=participation.organization,
        date=event.start_date,
        amount_mad=Decimal("1250.00"),
        actor=exhibitor,
    )
    declared = _last("sales.declared")
    assert declared.changes["amount_mad"] == [None, "1250.00"]
    assert declared.changes["status"] == [None, "pending"]
    sales.validate(declaration=declaration, actor=organizer)
    entry = _last("sales.validated")
    assert entry.changes["status"] == ["pending", "validated"]
    assert entry.changes["validated_by"] == [None, organizer.pk]
    assert entry.event_id == event.pk
    assert entry.organization_id == participation.organization_id


def test_a_participation_status_change(participation, organizer):
    participations.change_participation(
        actor=organizer, participation=participation, status="withdrawn"
    )
    entry = _last("events.participation.changed")
    assert entry.changes == {"status": ["confirmed", "withdrawn"]}
    assert entry.event_id == participation.event_id


def test_awards_record_the_winner_and_the_publication(event, participation, organizer):
    category = AwardCategory.objects.create(
        event=event, kind=AwardCategory.Kind.JURY, name_ar="جائزة", name_fr="Prix", position=1
    )
    awards.award_manually(
        category=category, actor=organizer, organization=participation.organization
    )
    assert _last("award.manual").changes["organization"] == [None, participation.organization_id]
    awards.publish(category=category, actor=organizer)
    entry = _last("award.publish")
    assert entry.changes["published_at"][0] is None and entry.changes["published_at"][1]
    assert entry.event_id == event.pk  # through the category


def test_a_revoked_certificate(organizer, organizer_body):
    event = programme(organizer_body, sessions=2)
    certificate = certificates.issue(
        actor=organizer, event=event, kind="attendance", holder=fatima(event), name_fr=LATIN_NAME
    )
    assert _last("programme.certificate.issued").changes["number"][1] == certificate.number
    certificates.revoke(actor=organizer, certificate=certificate, reason="Erreur de nom")
    entry = _last("programme.certificate.revoked")
    assert entry.changes["revoked_reason"] == ["", "Erreur de nom"]
    assert entry.event_id == event.pk


def test_the_page_shows_before_and_after_in_words(client, english, participation, organizer):
    participations.change_participation(
        actor=organizer, participation=participation, status="withdrawn"
    )
    client.force_login(organizer)
    page = client.get(AUDIT, {"event": participation.event_id}).content.decode()
    assert '<td class="text-break">confirmed</td>' in page  # the label, in English
    assert '<td class="text-break">withdrawn</td>' in page
    assert str(participation.organization) in page
    assert "Before" in page and "After" in page


def test_organizers_read_only_their_events(
    client, event, participation, organizer, other_organizer, exhibitor_org
):
    participations.change_participation(
        actor=organizer, participation=participation, status="withdrawn"
    )
    other_event = EventFactory(organizer=other_organizer.organization)
    participations.register_participation(
        actor=other_organizer, event=other_event, organization=exhibitor_org, status="confirmed"
    )
    client.force_login(organizer)
    rows = client.get(AUDIT).context["rows"]
    events = {row.entry.event_id for row in rows}
    assert event.pk in events and other_event.pk not in events
    # Choosing another organizer's event is refused by the form, not answered with its trail.
    refused = client.get(AUDIT, {"event": other_event.pk})
    assert refused.context["rows"] == []
    assert "event" in refused.context["form"].errors


def test_the_kind_filter(client, event, participation, organizer, exhibitor):
    sales.declare(
        event=event,
        organization=participation.organization,
        date=event.start_date,
        amount_mad=Decimal("10"),
        actor=exhibitor,
    )
    client.force_login(organizer)
    rows = client.get(AUDIT, {"kind": "sales"}).context["rows"]
    assert rows and {row.entry.object_type for row in rows} == {"sales.salesdeclaration"}


@pytest.mark.parametrize("role", [Role.EXHIBITOR, Role.OBSERVER, Role.REVIEWER, Role.TRAINER])
def test_other_roles_cannot_read_the_trail(client, role, exhibitor_org):
    client.force_login(UserFactory(role=role, organization=exhibitor_org))
    assert client.get(AUDIT).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(AUDIT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_trail_is_paginated(client, organizer, exhibitor_org):
    for year in range(1960, 2015):
        registry.update_organization(
            actor=organizer, organization=exhibitor_org, fields={"founded_year": year}
        )
    client.force_login(organizer)
    first = client.get(AUDIT, {"organization": exhibitor_org.pk})
    assert len(first.context["rows"]) == 50
    assert first.context["page"].paginator.count == 55
    second = client.get(AUDIT, {"organization": exhibitor_org.pk, "page": 2})
    assert len(second.context["rows"]) == 5


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_event_pages_link_to_the_trail(client, event, organizer):
    client.force_login(organizer)
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert f"{AUDIT}?event={event.pk}" in page


def test_the_page_shows_what_the_declared_action_means(client, english, event, organizer):
    """The badge says what happened in words (the declared type's text), never the name."""
    audit.record(actor=organizer, action="events.selection.published", obj=event)
    client.force_login(organizer)
    page = client.get(AUDIT, {"event": event.pk}).content.decode()
    assert "selection published" in page
    assert "events.selection.published" not in page
