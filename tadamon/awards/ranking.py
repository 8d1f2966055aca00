"""Ranking helpers of the awards services: each rule's entries, sort keys and the tie
explanations (the rules themselves are stated in tadamon.awards.services)."""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from tadamon.awards.models import AwardCategory, AwardResult, JuryScore
from tadamon.events.models import Event, Participation
from tadamon.registry.models import Organization, Person

_CENT = Decimal("0.01")


def participation_order(event: Event) -> dict[int, int]:
    """Organization id → rank of its first participation (earlier comes first)."""
    rows = Participation.objects.filter(event=event).order_by("created_at", "pk")
    order: dict[int, int] = {}
    for row in rows.values_list("organization_id", flat=True):
        order.setdefault(row, len(order))
    return order


def ranked(
    category: AwardCategory,
    entries: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple],
    tie_keys: Callable[[dict[str, Any], dict[str, Any]], str],
) -> list[AwardResult]:
    """Replaces the category's computed results by `entries` sorted by `key`."""
    entries.sort(key=key)
    category.results.filter(manual=False).delete()
    results = []
    for rank, entry in enumerate(entries, start=1):
        explanation = entry["why"]
        neighbours = [
            other for other in entries if other is not entry and other["tie"] == entry["tie"]
        ]
        if neighbours:
            explanation += " " + tie_keys(entry, neighbours[0])
        results.append(
            AwardResult.objects.create(
                category=category,
                organization=entry.get("organization"),
                person=entry.get("person"),
                rank=rank,
                score=entry.get("score"),
                explanation=explanation,
            )
        )
    return results


def name(obj: Organization | Person | None) -> str:
    return str(obj) if obj is not None else ""


def jury_ranking(category: AwardCategory) -> list[dict[str, Any]]:
    criteria = list(category.criteria.all())
    total_weight = sum((c.weight for c in criteria), Decimal(0))
    per_juror: dict[tuple[int, int], Decimal] = {}
    for entry in JuryScore.objects.filter(candidate__category=category).select_related("criterion"):
        key = (entry.candidate_id, entry.juror_id)
        share = entry.criterion.weight * entry.points / entry.criterion.max_points
        per_juror[key] = per_juror.get(key, Decimal(0)) + share
    order = participation_order(category.event)
    entries = []
    for candidate in category.candidates.select_related("organization", "person"):
        # Each juror's mark as a percentage of the weighted maximum, so criteria with
        # different scales weigh only by their weight.
        marks = [
            (value / total_weight * 100).quantize(_CENT, ROUND_HALF_UP)
            for (cand, _juror), value in per_juror.items()
            if cand == candidate.pk
        ]
        if not marks or not total_weight:
            continue
        mean = (sum(marks) / len(marks)).quantize(_CENT, ROUND_HALF_UP)
        entries.append(
            {
                "organization": candidate.organization,
                "person": candidate.person,
                "score": mean,
                "lowest": min(marks),
                "order": order.get(candidate.organization_id_of_record or 0, len(order)),
                "tie": mean,
                "why": _("Weighted mean of %(n)s jurors: %(score)s/100.")
                % {"n": len(marks), "score": mean},
            }
        )
    return entries


def jury_tie(entry: dict[str, Any], other: dict[str, Any]) -> str:
    if entry["lowest"] != other["lowest"]:
        return _(
            "Tied with %(other)s; separated by the lowest juror score (%(a)s against %(b)s)."
        ) % {
            "other": name(other["organization"] or other["person"]),
            "a": entry["lowest"],
            "b": other["lowest"],
        }
    if entry["order"] != other["order"]:
        return _("Tied with %(other)s; separated by the earlier participation in the event.") % {
            "other": name(other["organization"] or other["person"])
        }
    return _("Tied with %(other)s; separated by name.") % {
        "other": name(other["organization"] or other["person"])
    }


def exhibitors(event: Event) -> QuerySet:
    return Organization.objects.filter(
        participations__event=event,
        participations__status=Participation.Status.CONFIRMED,
    ).distinct()


def founding_entries(organizations) -> list[dict[str, Any]]:
    return [
        {
            "organization": org,
            "registration": org.registration_number or "\uffff",
            "tie": org.founded_year,
            "score": Decimal(org.founded_year),
            "why": _("Founded in %(year)s.") % {"year": org.founded_year},
        }
        for org in organizations.filter(founded_year__isnull=False)
    ]


def founding_tie(entry: dict[str, Any], other: dict[str, Any]) -> str:
    if entry["registration"] != other["registration"]:
        return _(
            "Founded the same year as %(other)s; separated by the lower registration number."
        ) % {"other": name(other["organization"])}
    return _("Founded the same year as %(other)s; separated by name.") % {
        "other": name(other["organization"])
    }


def sales_entries(event: Event) -> list[dict[str, Any]]:
    try:
        declaration = apps.get_model("sales", "SalesDeclaration")
    except LookupError:
        raise ValidationError({"category": _("Sales are not recorded yet.")}) from None
    totals = (
        declaration.objects.filter(event=event, status="validated", superseded=False)
        .values("organization")
        .annotate(total=Sum("amount_mad"))
    )
    # SQLite sums decimals as floats; two places again, as money is written.
    sums = {
        row["organization"]: Decimal(row["total"]).quantize(_CENT)
        for row in totals
        if row["total"] and row["total"] > 0
    }
    organizations = Organization.objects.in_bulk(list(sums))
    order = participation_order(event)
    return [
        {
            "organization": organizations[pk],
            "score": total,
            "tie": total,
            "order": order.get(pk, len(order)),
            "why": _("Validated sales: %(total)s MAD.") % {"total": total},
        }
        for pk, total in sums.items()
    ]


def sales_tie(entry: dict[str, Any], other: dict[str, Any]) -> str:
    if entry["order"] != other["order"]:
        return _(
            "Same total as %(other)s; separated by the earlier participation in the event."
        ) % {"other": name(other["organization"])}
    return _("Same total as %(other)s; separated by name.") % {"other": name(other["organization"])}


def founding_key(e: dict[str, Any]) -> tuple:
    return (e["tie"], e["registration"], name(e["organization"]))
