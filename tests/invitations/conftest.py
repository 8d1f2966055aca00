import pytest

from tadamon.calls.models import ApplicationStatus
from tests.factories import ApplicationFactory, CallFactory, EventFactory, OrganizationFactory


@pytest.fixture
def call(organizer_body):
    return CallFactory(event=EventFactory(organizer=organizer_body))


@pytest.fixture
def event(call):
    return call.event


@pytest.fixture
def arabic_coop(call):
    """An accepted cooperative named in Arabic (its messages are in Arabic)."""
    organization = OrganizationFactory(
        name_ar="تعاونية الأمل", name_fr="", phone="0612345678", email="amal@example.ma"
    )
    ApplicationFactory(call=call, organization=organization, status=ApplicationStatus.ACCEPTED)
    return organization


@pytest.fixture
def french_coop(call):
    """A confirmed cooperative named in Latin letters only (its messages are in French)."""
    organization = OrganizationFactory(
        name_ar="", name_fr="Coopérative Espoir", phone="0698765432", email="espoir@example.ma"
    )
    ApplicationFactory(call=call, organization=organization, status=ApplicationStatus.CONFIRMED)
    return organization
