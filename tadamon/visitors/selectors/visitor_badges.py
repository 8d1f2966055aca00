"""Reading visitor registrations: a badge by its code, and the event's registration figures."""

import uuid

from django.db.models import Count, Q

from tadamon.events.models import Event
from tadamon.visitors.models import VisitorRegistration


def badge(code: uuid.UUID) -> VisitorRegistration:
    """The registration with this badge code, or VisitorRegistration.DoesNotExist."""
    return VisitorRegistration.objects.select_related("event", "arrival_gate").get(code=code)


def registration_figures(event: Event) -> dict[str, int]:
    """How many registered, and how many of them came (their badge was seen at a gate)."""
    return VisitorRegistration.objects.filter(event=event).aggregate(
        registered=Count("id"), arrived=Count("id", filter=Q(arrived_at__isnull=False))
    )
