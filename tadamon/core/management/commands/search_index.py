"""``manage.py search_index``: rebuild the search index from the registry and the events
(after bulk loads, which bypass the save signals that keep it in step). Each app declares
its rows (engine.register_source)."""

import time

from django.core.management.base import BaseCommand

from tadamon.core.search import engine


class Command(BaseCommand):
    help = "Rebuild the search index of organizations, products and events."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts = engine.rebuild()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{count} {kind}s" for kind, count in counts.items())
        self.stdout.write(f"Search index rebuilt: {summary} in {seconds:.1f} s.")
