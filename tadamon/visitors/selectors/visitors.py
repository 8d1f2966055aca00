"""Visitor figures of an event (SPEC 3G and 5): per day, per gate and in total."""

import datetime

from django.db.models import Count, Q, QuerySet, Sum

from tadamon.events.models import Event
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import Gate, VisitorCount


def counting_event(*, user, pk: int) -> Event:
    """One event where the user records visitor counts, or Event.DoesNotExist."""
    return visitor_access.counting_events_for(user).get(pk=pk)


def gates_of(event: Event) -> QuerySet:
    return Gate.objects.filter(event=event).order_by("position", "id")


def counted(event: Event) -> QuerySet:
    """The counts that make the event's visitor figures: the tally page's, the report's and
    the totals the API answers to a phone all start from these rows, so they cannot drift."""
    return VisitorCount.objects.filter(event=event)


def counts_of(event: Event) -> QuerySet:
    return counted(event).select_related("gate").order_by("date", "gate__position", "gate_id")


def total_visitors(event: Event) -> int:
    return counted(event).aggregate(total=Sum("count"))["total"] or 0


def count_totals(event: Event, date: datetime.date) -> dict[str, int]:
    """The day's and the event's totals in one query: what the tally page shows as the day's
    total and the event's total (visitor_figures) once a phone's count is recorded."""
    totals = counted(event).aggregate(
        day_total=Sum("count", filter=Q(date=date)), event_total=Sum("count")
    )
    return {key: value or 0 for key, value in totals.items()}


def visitor_figures(event: Event) -> dict:
    """Daily totals with each gate's count, per-gate totals and the event's total."""
    gates = list(gates_of(event))
    days: dict[datetime.date, dict] = {}
    per_gate = {gate.pk: 0 for gate in gates}
    for row in counts_of(event):
        day = days.setdefault(row.date, {"date": row.date, "total": 0, "gates": []})
        day["total"] += row.count
        day["gates"].append({"gate": row.gate_id, "name": row.gate.name, "count": row.count})
        per_gate[row.gate_id] = per_gate.get(row.gate_id, 0) + row.count
    return {
        "event": event.pk,
        "total": sum(per_gate.values()),
        "days": [days[date] for date in sorted(days)],
        "gates": [
            {
                "id": gate.pk,
                "name": gate.name,
                "position": gate.position,
                "total": per_gate[gate.pk],
            }
            for gate in gates
        ],
    }


def count_for(*, event: Event, gate: Gate, date: datetime.date) -> int | None:
    row = VisitorCount.objects.filter(event=event, gate=gate, date=date).first()
    return None if row is None else row.count


def report_figures(event: Event) -> dict:
    """The visitor keys of the closing report (SPEC 5); None (unknown) while no count was
    recorded, since no count is not zero visitors."""
    counts = counted(event).aggregate(total=Sum("count"), rows=Count("id"))
    return {"visitors": counts["total"] if counts["rows"] else None}


def day_total(event: Event, date: datetime.date) -> int:
    return count_totals(event, date)["day_total"]
