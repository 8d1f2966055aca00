"""Reactions of the call for exhibitors to other parts; imported by CallsConfig.ready().

- a withdrawal freed a place (tadamon.calls.signals.place_freed): offer it to the waiting
  list;
- the booth allocation of tadamon.events reads what applicants asked for (the waves they
  can attend, an accessible booth) through tadamon.events.wishes, which the call feeds
  here: tadamon.events does not import the call.
"""

from collections.abc import Collection
from typing import Any

from django.dispatch import receiver

from tadamon.calls.models import Application
from tadamon.calls.services.waitlist import on_place_freed
from tadamon.calls.signals import place_freed
from tadamon.events import wishes
from tadamon.events.models import Event


@receiver(place_freed, dispatch_uid="events.waitlist.offer_freed_place")
def offer_freed_place(
    sender: Any, *, application: Application, actor: Any = None, **kwargs: Any
) -> None:
    """A withdrawal freed a place: offer it to the right application on the waiting list."""
    on_place_freed(application, actor)


@wishes.register
def application_wishes(
    event: Event, organization_ids: Collection[int] | None = None
) -> dict[int, wishes.Wishes]:
    """The wishes written on the applications to the event's call (none without a call)."""
    applications = Application.objects.filter(call__event=event).prefetch_related(
        "wave_preferences"
    )
    if organization_ids is not None:
        applications = applications.filter(organization_id__in=organization_ids)
    return {
        application.organization_id: wishes.Wishes(
            wave_ids=frozenset(wave.pk for wave in application.wave_preferences.all()),
            needs_accessible_booth=application.needs_accessible_booth,
        )
        for application in applications
    }
