"""The demonstration data grown to a busy fair day, for weighing the field pages
(bench/pageweight.py ``--busy`` and tests/core/test_page_weight.py): a tally of 10 gates
counted every day of the fair, a check-in session with 200 people registered and 150 present.
Each function tops up only what is missing, so that runs on one database agree.

Django is imported in the functions: the benchmark imports this module before its child
process has set Django up.
"""

from __future__ import annotations

from typing import Any

GATES = 10
REGISTERED = 200
PRESENT = 150

FIRST_NAMES = ["فاطمة الزهراء", "محمد أمين", "خديجة", "عبد الرحيم", "نزهة", "يوسف", "حفيظة"]
LAST_NAMES = ["بن عبد الله", "الإدريسي", "أيت باها", "الشرقاوي", "المرابط", "أوعلي"]


def count_every_gate(event: Any) -> None:
    """`event` with GATES gates, each with a count on each of its days."""
    import datetime

    from tadamon.visitors.models import Gate, VisitorCount

    gates = list(event.gates.all())
    gates += [
        Gate.objects.create(event=event, name=f"باب رقم {n + 1}", position=n)
        for n in range(len(gates), GATES)
    ]
    days = [event.start_date + datetime.timedelta(days=n) for n in range(event.days)]
    VisitorCount.objects.bulk_create(
        [
            VisitorCount(event=event, gate=gate, date=day, count=1000 + 37 * n)
            for n, (gate, day) in enumerate((gate, day) for gate in gates for day in days)
        ],
        ignore_conflicts=True,
    )


def fill_session(session: Any, trainer: Any) -> None:
    """`session` with REGISTERED people registered, PRESENT of them checked in by `trainer`."""
    import random

    from django.utils import timezone

    from tadamon.programme.models import Attendance, Registration
    from tadamon.registry.models import Organization, Person

    rng = random.Random(20)
    organizations = list(Organization.objects.order_by("pk")[:40])
    for n in range(session.registrations.count(), REGISTERED):
        person = Person(
            first_name=rng.choice(FIRST_NAMES),
            last_name=f"{rng.choice(LAST_NAMES)} {n}",
            gender=rng.choice(Person.Gender.values),
            organization=rng.choice(organizations),
        )
        person.save()  # its search text
        Registration.objects.create(session=session, person=person)
    people = session.registrations.values_list("person_id", flat=True)[:PRESENT]
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session, person_id=pk, checked_in_at=timezone.now(), checked_in_by=trainer
            )
            for pk in people
        ],
        ignore_conflicts=True,
    )
