"""Likely duplicates of an organization (issue 9): the same registration number, the same
phone, or a similar name (normalised, transliteration-aware) in the same province."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from tadamon.core.search import engine
from tadamon.core.text import normalize
from tadamon.registry.models import Organization

NAME_RATIO = 85


@dataclass
class Candidate:
    organization: Organization
    reasons: list[str] = field(default_factory=list)


def _name_ratio(a: Organization, b: Organization) -> float:
    pairs = [
        (x, y)
        for x in (normalize(a.name_ar), normalize(a.name_fr))
        for y in (normalize(b.name_ar), normalize(b.name_fr))
        if x and y
    ]
    return max((fuzz.token_sort_ratio(x, y, processor=None) for x, y in pairs), default=0)


def likely_duplicates(organization: Organization, *, limit: int = 5) -> list[Candidate]:
    found: dict[int, Candidate] = {}

    def note(other: Organization, reason: str) -> None:
        if other.pk != organization.pk:
            found.setdefault(other.pk, Candidate(other)).reasons.append(reason)

    same = Q()
    if organization.registration_number.strip():
        same |= Q(registration_number__iexact=organization.registration_number.strip())
    if organization.phone:
        same |= Q(phone=organization.phone)
    if same:
        for other in Organization.objects.filter(same).exclude(pk=organization.pk)[:limit]:
            if organization.registration_number.strip() and (
                other.registration_number.strip().lower()
                == organization.registration_number.strip().lower()
            ):
                note(other, _("same registration number"))
            if organization.phone and other.phone == organization.phone:
                note(other, _("same phone"))
    name = organization.name_ar or organization.name_fr
    ids = [
        hit.object_id
        for hit in engine.search(name, kinds=["organization"], published_only=False, limit=20)
    ]
    for other in Organization.objects.filter(pk__in=ids).exclude(pk=organization.pk):
        nearby = other.province_id == organization.province_id or (
            other.province_id is None and other.region_id == organization.region_id
        )
        if nearby and _name_ratio(organization, other) >= NAME_RATIO:
            note(other, _("similar name in the same province"))
    return list(found.values())[:limit]
