import datetime

import pytest

from tadamon.events.models import Participation
from tests.factories import EventFactory, OrganizationFactory


@pytest.fixture
def fair(organizer_body, exhibitor_org):
    """A 10-day fair of the organizer's body where exhibitor_org is a confirmed exhibitor."""
    event = EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2024, 5, 31),
        end_date=datetime.date(2024, 6, 9),
    )
    Participation.objects.create(
        event=event, organization=exhibitor_org, status=Participation.Status.CONFIRMED
    )
    return event


@pytest.fixture
def confirmed(fair):
    def make(**kwargs):
        organization = OrganizationFactory(**kwargs)
        Participation.objects.create(
            event=fair, organization=organization, status=Participation.Status.CONFIRMED
        )
        return organization

    return make
