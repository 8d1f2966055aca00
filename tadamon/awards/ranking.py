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


def competition_ranks(
    entries: list[dict[str, Any]], key: Callable[[dict[str, Any]], tuple]
) -> list[int]:
    """Standard competition ranks (1, 1, 3) of `entries`, already sorted: entries the tie rules
    (`key`) cannot separate share a rank, as joint winners (issue 15)."""
    ranks: list[int] = []
    for index, entry in enumerate(entries):
        joint = index and key(entry) == key(entries[index - 1])
        ranks.append(ranks[-1] if joint else index + 1)
    return ranks


def sort_entries(entries: list[dict[str, Any]], key: Callable[[dict[str, Any]], tuple]) -> None:
    """By the rule and its tie rules; joint entries by name, for a stable display only."""
    entries.sort(key=lambda e: (*key(e), name(e.get("organization") or e.get("person"))))


def ranked(
    category: AwardCategory,
    entries: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple],
    tie_keys: Callable[[dict[str, Any], dict[str, Any]], str],
) -> list[AwardResult]:
    """Replaces the category's computed results by `entries` ranked by `key` (the rule, then
    its tie rules); `tie_keys` explains how a tie on the rule's value was or was not broken."""
    sort_entries(entries, key)
    ranks = competition_ranks(entries, key)
    category.results.filter(manual=False).delete()
    results = []
    for rank, entry in zip(ranks, entries, strict=True):
        explanation = entry["why"]
        neighbours = [
            other for other in entries if other is not entry and other["tie"] == entry["tie"]
        ]
        # A joint winner is explained against the one it shares its rank with.
        neighbours.sort(key=lambda other: key(other) != key(entry))
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


def joint(other: dict[str, Any]) -> str:
    return _("Tied with %(other)s, which the tie rules cannot separate: joint rank.") % {
        "other": name(other.get("organization") or other.get("person"))
    }


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
    return joint(other)


def jury_key(e: dict[str, Any]) -> tuple:
    return (-e["score"], -e["lowest"])


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
    return joint(other)


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
    return [
        {
            "organization": organizations[pk],
            "score": total,
            "tie": total,
            "why": _("Validated sales: %(total)s MAD.") % {"total": total},
        }
        for pk, total in sums.items()
    ]


def sales_tie(entry: dict[str, Any], other: dict[str, Any]) -> str:
    return joint(other)


def sales_key(e: dict[str, Any]) -> tuple:
    return (-e["score"],)


def founding_key(e: dict[str, Any]) -> tuple:
    return (e["tie"], e["registration"])
