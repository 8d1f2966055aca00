"""Send the messages that are due: retries whose time came, and any whose task was lost.
`--every N` keeps doing it every N seconds (bin/serve runs it beside the worker)."""

import time

from django.core.management.base import BaseCommand

from tadamon.messaging.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the outbox's messages that are due."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: int = 0, **options) -> None:
        while True:
            tried = deliver_due()
            if tried:
                self.stdout.write(f"{tried} message(s) tried")
            if not every:
                return
            time.sleep(every)
