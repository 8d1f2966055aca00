"""Shared set-up of the awards tests: an event of the organizer with confirmed exhibitors."""

from decimal import Decimal

from tadamon.events.models import Participation
from tests.factories import EventFactory, OrganizationFactory


def event_of(organizer_body):
    return EventFactory(organizer=organizer_body)


def exhibit(event, *organizations):
    for organization in organizations:
        Participation.objects.create(
            event=event, organization=organization, status=Participation.Status.CONFIRMED
        )
    return organizations


def exhibitor_in(event, **fields):
    (organization,) = exhibit(event, OrganizationFactory(**fields))
    return organization


def declare(event, organization, amount: str, *, status: str = "validated", day: int = 1):
    from tadamon.sales.models import SalesDeclaration

    return SalesDeclaration.objects.create(
        event=event,
        organization=organization,
        date=event.start_date.replace(day=day),
        amount_mad=Decimal(amount),
        status=status,
    )
