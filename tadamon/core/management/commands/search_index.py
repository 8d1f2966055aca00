"""``manage.py search_index``: rebuild the search index from the registry and the events
(after bulk loads, which bypass the save signals that keep it in step)."""

import time

from django.core.management.base import BaseCommand

from tadamon.core.search import engine
from tadamon.events.search import event_rows
from tadamon.registry.search import organization_rows, product_rows


def rebuild() -> dict[str, int]:
    return {
        "organization": engine.replace_all("organization", organization_rows()),
        "product": engine.replace_all("product", product_rows()),
        "event": engine.replace_all("event", event_rows()),
    }


class Command(BaseCommand):
    help = "Rebuild the search index of organizations, products and events."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts = rebuild()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
        self.stdout.write(f"Search index rebuilt: {summary} in {seconds:.1f} s.")
