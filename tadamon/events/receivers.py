"""Reactions to the signals of tadamon.events.signals; imported by EventsConfig.ready()."""

from typing import Any

from django.dispatch import receiver

from tadamon.events.models import Application
from tadamon.events.services.waitlist import on_place_freed
from tadamon.events.signals import place_freed


@receiver(place_freed, dispatch_uid="events.waitlist.offer_freed_place")
def offer_freed_place(
    sender: Any, *, application: Application, actor: Any = None, **kwargs: Any
) -> None:
    """A withdrawal freed a place: offer it to the right application on the waiting list."""
    on_place_freed(application, actor)
