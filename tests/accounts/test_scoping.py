import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.awards import services as awards
from tadamon.awards.models import AwardCategory
from tadamon.calls.models import Application, ApplicationStatus
from tadamon.calls.services import calls, reviews
from tadamon.events import access as event_access
from tadamon.registry import access as registry_access
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_sees_nothing(exhibitor_org):
    assert not registry_access.organizations_for(AnonymousUser()).exists()
    assert not registry_access.changeable_organizations_for(AnonymousUser()).exists()


def test_exhibitor_sees_and_changes_only_its_organization(exhibitor, exhibitor_org, other_org):
    assert list(registry_access.organizations_for(exhibitor)) == [exhibitor_org]
    assert registry_access.can_change_organization(exhibitor, exhibitor_org)
    assert not registry_access.can_change_organization(exhibitor, other_org)
    assert not registry_access.can_create_organization(exhibitor)


def test_exhibitor_sees_only_its_people_and_products(exhibitor, exhibitor_org, other_org):
    own_person = PersonFactory(organization=exhibitor_org)
    PersonFactory(organization=other_org)
    own_product = ProductFactory(organization=exhibitor_org)
    ProductFactory(organization=other_org)
    assert list(registry_access.people_for(exhibitor)) == [own_person]
    assert list(registry_access.products_for(exhibitor)) == [own_product]


def test_organizer_changes_the_registry_but_not_another_organizer_body(
    organizer, organizer_body, other_org
):
    other_body = OrganizationFactory(name_fr="Région Fès-Meknès")
    UserFactory(role=Role.ORGANIZER, organization=other_body)
    assert registry_access.can_change_organization(organizer, other_org)
    assert registry_access.can_change_organization(organizer, organizer_body)
    assert not registry_access.can_change_organization(organizer, other_body)
    assert registry_access.organizations_for(organizer).filter(pk=other_body.pk).exists()
    assert registry_access.can_create_organization(organizer)
    assert registry_access.can_import(organizer)


def test_observer_reads_everything_and_changes_nothing(observer, other_org):
    assert registry_access.organizations_for(observer).filter(pk=other_org.pk).exists()
    assert not registry_access.changeable_organizations_for(observer).exists()
    assert not registry_access.can_create_organization(observer)


def test_inactive_user_sees_nothing(organizer, other_org):
    organizer.is_active = False
    organizer.save()
    assert not registry_access.organizations_for(organizer).exists()


def test_trainer_without_organization_sees_nothing(other_org):
    trainer = UserFactory(role=Role.TRAINER)
    assert not registry_access.organizations_for(trainer).exists()


def test_jurors_and_reviewers_see_their_event_before_publication(client, organizer):
    """Issue 15: a juror got 404 on the event they judge while it was unpublished."""
    today = datetime.date.today()
    event = EventFactory(
        organizer=organizer.organization,
        is_published=False,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=12),
    )
    juror = UserFactory(role=Role.EXHIBITOR, organization=OrganizationFactory())
    category = AwardCategory.objects.create(event=event, code="best", name_fr="Meilleur")
    awards.assign_juror(category=category, user=juror, actor=organizer)
    call = calls.open_call(
        actor=organizer,
        event=event,
        fields={"opens_on": today, "closes_on": today + datetime.timedelta(days=3), "capacity": 5},
    )
    # Applications come in once the event is published; one made before stands in here.
    application = Application.objects.create(
        call=call, organization=OrganizationFactory(), status=ApplicationStatus.SUBMITTED
    )
    reviewer = UserFactory(role=Role.REVIEWER)
    reviews.assign_reviewers(actor=organizer, applications=[application], reviewers=[reviewer])
    stranger = UserFactory(role=Role.REVIEWER)

    page = reverse("events:event_detail", args=[event.pk])
    for user, status in ((juror, 200), (reviewer, 200), (stranger, 404)):
        assert event_access.events_for(user).filter(pk=event.pk).exists() is (status == 200)
        client.force_login(user)
        assert client.get(page).status_code == status, user
