"""The clock of the replayed past: the demo replays what happened before and during the
reference events (a call for exhibitors in spring 2024, certificates in October 2023)
through the product's own services, and those services read the clock — a call accepts
applications only while it is open, a certificate is numbered in the year it is issued.

`at` sets Django's clock (``django.utils.timezone.now``, which ``localdate``, ``auto_now``
fields and the audit trail read) to a moment of the past while a block runs, so that the
services accept the replay and what they store carries the day it happened. Only
`load_demo` uses it, in one thread, and the real clock is put back however the block ends.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone


def moment(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """`day` at `hour`:`minute`, local time (Africa/Casablanca)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@contextmanager
def at(when: datetime.datetime) -> Iterator[None]:
    """Run the block as if it were `when` (an aware datetime)."""
    real = timezone.now
    timezone.now = lambda: when
    try:
        yield
    finally:
        timezone.now = real
