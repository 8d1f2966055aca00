import datetime

import pytest

from tadamon.calls.models import ApplicationStatus
from tadamon.events.models import Participation, Wave
from tadamon.registry.models import Province
from tests.factories import ApplicationFactory, CallFactory, EventFactory, OrganizationFactory
from tests.factories import sector as sector_by_code


class Fair:
    """Event X with its call, two waves, and organizations in every situation a filter
    separates."""

    def __init__(self, organizer_body) -> None:
        self.event = EventFactory(organizer=organizer_body)
        self.call = CallFactory(event=self.event)
        day = self.event.start_date
        self.wave1 = Wave.objects.create(
            event=self.event, label="Vague 1", start_date=day, end_date=day
        )
        self.wave2 = Wave.objects.create(
            event=self.event,
            label="Vague 2",
            start_date=day + datetime.timedelta(days=1),
            end_date=day + datetime.timedelta(days=1),
        )
        self.sewing, self.weaving = sector_by_code("sewing"), sector_by_code("weaving")
        self.tetouan, self.larache = (
            Province.objects.get(code="01.01"),
            Province.objects.get(code="01.02"),
        )
        # Accepted, wave 1, sewing, first province; named in Arabic: reads Arabic.
        self.accepted = OrganizationFactory(
            name_fr="Coopérative Alpha",
            email="alpha@example.ma",
            phone="+212600000001",
            primary_sector=self.sewing,
            province=self.tetouan,
        )
        ApplicationFactory(
            call=self.call,
            organization=self.accepted,
            status=ApplicationStatus.ACCEPTED,
            wave=self.wave1,
        )
        # Not selected, weaving, second province.
        self.rejected = OrganizationFactory(
            email="bravo@example.ma",
            phone="+212600000002",
            primary_sector=self.weaving,
            province=self.larache,
        )
        ApplicationFactory(
            call=self.call, organization=self.rejected, status=ApplicationStatus.REJECTED
        )
        # A confirmed participant of wave 2 (registered directly), weaving as a second
        # sector, second province; named in Latin letters only: reads French.
        self.participant = OrganizationFactory(
            name_ar="",
            name_fr="Association Charlie",
            email="charlie@example.ma",
            phone="+212600000003",
            primary_sector=self.sewing,
            province=self.larache,
        )
        self.participant.sectors.add(self.weaving)
        Participation.objects.create(
            event=self.event,
            organization=self.participant,
            wave=self.wave2,
            status=Participation.Status.CONFIRMED,
        )
        # A draft nobody sent, and an organization accepted at another event.
        self.draft = OrganizationFactory(email="draft@example.ma")
        ApplicationFactory(call=self.call, organization=self.draft, status=ApplicationStatus.DRAFT)
        self.elsewhere = OrganizationFactory(email="elsewhere@example.ma")
        ApplicationFactory(organization=self.elsewhere, status=ApplicationStatus.ACCEPTED)


@pytest.fixture
def fair(organizer_body) -> Fair:
    return Fair(organizer_body)
