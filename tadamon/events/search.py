"""What the events put in the search index (tadamon.core.search): an event by its titles,
with its theme, city and description; public once the event is published."""

from collections.abc import Iterator

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tadamon.core.search import engine
from tadamon.events.models import Event


def _event_row(event: Event) -> tuple[int, bool, list, list]:
    return (
        event.pk,
        event.is_published,
        [event.title_ar, event.title_fr],
        [
            event.theme_ar,
            event.theme_fr,
            event.city,
            event.venue,
            event.description_ar,
            event.description_fr,
        ],
    )


def index_event(event: Event) -> None:
    object_id, published, names, body = _event_row(event)
    engine.index("event", object_id, published=published, names=names, body=body)


def event_rows() -> Iterator[tuple[int, bool, list, list]]:
    for event in Event.objects.order_by("pk").iterator(chunk_size=2000):
        yield _event_row(event)


@receiver(post_save, sender=Event, dispatch_uid="events.search.event_saved")
def _event_saved(sender, instance: Event, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_event(instance)


@receiver(post_delete, sender=Event, dispatch_uid="events.search.event_deleted")
def _event_deleted(sender, instance: Event, **kwargs) -> None:
    engine.unindex("event", instance.pk)


engine.register_source("event", event_rows)
