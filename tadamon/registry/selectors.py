"""Queries on the registry. Callers pass the user; scoping comes from registry.access."""

import copy
from typing import Any

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from tadamon.core.search import engine
from tadamon.core.text import name_key, skeleton, strip_article, tokens
from tadamon.registry import access as registry_access
from tadamon.registry.duplicates import Candidate, likely_duplicates
from tadamon.registry.models import (
    Commune,
    Organization,
    OrganizationClaim,
    OrganizationKind,
    Product,
    Province,
    Region,
    Sector,
)

SEARCH_LIMIT = 500


def _text_query(query: str, *, text_field: str, key_field: str | None) -> Q:
    """Every word typed must match: as part of a normalised word, or by its skeleton."""
    condition = Q()
    for token in tokens(query):
        bare = strip_article(token)
        word = Q(**{f"{text_field}__contains": bare})
        if key_field:
            key = skeleton(token)
            if len(key) >= 2:
                word |= Q(**{f"{key_field}__contains": f" {key} "})
        condition &= word
    return condition


def search_organizations(
    queryset: QuerySet, query: str, *, published_only: bool = False
) -> QuerySet:
    """The organizations of `queryset` matching `query`, best first (tadamon.core.search:
    Arabic-aware, transliterated, typo-tolerant); at most SEARCH_LIMIT of them."""
    if not tokens(query):
        return queryset
    ids = engine.ranked_ids(
        query, "organization", published_only=published_only, limit=SEARCH_LIMIT
    )
    if not ids:
        return queryset.none()
    rank = Case(*[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)])
    return queryset.filter(pk__in=ids).order_by(rank, "pk")


def organization_list(
    *,
    user,
    q: str = "",
    region: str = "",
    province: str = "",
    kind: str = "",
    sector: str = "",
    women_led: bool | None = None,
) -> QuerySet:
    queryset = registry_access.organizations_for(user).select_related(
        "kind", "region", "province", "commune", "primary_sector"
    )
    if region:
        queryset = queryset.filter(region__code=region)
    if province:
        queryset = queryset.filter(province__code=province)
    if kind:
        queryset = queryset.filter(kind__code=kind)
    if sector:
        with_sector = Organization.objects.filter(sectors__code=sector).values("pk")
        queryset = queryset.filter(pk__in=with_sector)
    if women_led is not None:
        queryset = queryset.filter(women_led=women_led)
    return search_organizations(queryset, q)


def organization_for_view(*, user, pk: int) -> Organization:
    """One organization the user may see, or Organization.DoesNotExist."""
    return (
        registry_access.organizations_for(user)
        .select_related("kind", "region", "province", "commune", "primary_sector")
        .prefetch_related("sectors")
        .get(pk=pk)
    )


def organization_for_change(*, user, pk: int) -> Organization:
    """One organization the user may change, or Organization.DoesNotExist."""
    return registry_access.changeable_organizations_for(user).get(pk=pk)


def people_list(
    *,
    user,
    organization: Organization | None = None,
    q: str = "",
    among: QuerySet | None = None,
) -> QuerySet:
    """The people `user` sees (or `among`, a scoped set the caller chose), filtered."""
    people = registry_access.people_for(user) if among is None else among
    queryset = people.select_related("organization", "commune")
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    if tokens(q):
        queryset = queryset.filter(_text_query(q, text_field="search_text", key_field=None))
    return queryset


def product_list(*, user, organization: Organization | None = None) -> QuerySet:
    queryset = registry_access.products_for(user).select_related("sector", "organization")
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    return queryset


def match_commune(name: str, *, province=None, region=None) -> Commune | None:
    """The reference commune a typed name stands for, if exactly one fits.

    A commune matches when the typed name equals one of its names (Arabic, French or
    English) once both are normalised; the search text only narrows the candidates.
    """
    wanted = name_key(name)
    if not wanted:
        return None
    queryset = Commune.objects.all()
    if province is not None:
        queryset = queryset.filter(province=province)
    elif region is not None:
        queryset = queryset.filter(province__region=region)
    for word in wanted.split():
        queryset = queryset.filter(search_text__contains=word)
    candidates = [
        commune
        for commune in queryset[:50]
        if wanted
        in {name_key(commune.name_ar), name_key(commune.name_fr), name_key(commune.name_en)}
    ]
    return candidates[0] if len(candidates) == 1 else None


def regions() -> QuerySet:
    return Region.objects.all()


def provinces(*, region: str = "") -> QuerySet:
    queryset = Province.objects.select_related("region")
    return queryset.filter(region__code=region) if region else queryset


def sectors() -> QuerySet:
    return Sector.objects.all()


def organization_kinds() -> QuerySet:
    return OrganizationKind.objects.all()


def registry_figures() -> dict[str, object]:
    """Figures of the whole registry, computed from the database (no one types them)."""
    counts = dict(Organization.objects.values_list("region").annotate(n=Count("id")).order_by())
    all_regions = list(Region.objects.all())
    regions = [
        {"region": region, "organizations": counts[region.pk]}
        for region in all_regions
        if region.pk in counts
    ]
    return {
        "organizations": sum(counts.values()),
        "regions": len(regions),
        "regions_total": len(all_regions),
        "women_led": Organization.objects.filter(women_led=True).count(),
        "products": Product.objects.count(),
        "by_region": regions,
    }


# Registry claims (issue 19) -------------------------------------------------------------


def pending_claim_of(user: Any) -> OrganizationClaim | None:
    """The signed-in person's own claim awaiting an organizer, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        OrganizationClaim.objects.filter(user=user, status=OrganizationClaim.Status.PENDING)
        .select_related("organization", "match")
        .first()
    )


def latest_claim_of(user: Any) -> OrganizationClaim | None:
    """The person's latest claim, whatever its state (their pages say where it stands). Only
    people who signed up themselves make claims: for the others, no query."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "signed_up", False):
        return None
    return (
        OrganizationClaim.objects.filter(user=user)
        .select_related("organization", "match")
        .order_by("-created_at", "-id")
        .first()
    )


def claim_matches(claim: OrganizationClaim) -> list[Candidate]:
    """The registry records likely to be the one typed in at sign-up, with the reasons
    (tadamon/registry/duplicates.py), the registration number typed included. Records other
    people typed in and no organizer confirmed yet are never shown."""
    probe = copy.copy(claim.organization)
    if claim.registration_number and not probe.registration_number:
        probe.registration_number = claim.registration_number
    return [
        candidate
        for candidate in likely_duplicates(probe)
        if not candidate.organization.awaiting_confirmation
    ]


def claims_to_decide(*, user: Any) -> QuerySet:
    """The pending claims an organizer decides, oldest first."""
    if not registry_access.can_decide_claims(user):
        return OrganizationClaim.objects.none()
    return OrganizationClaim.objects.filter(status=OrganizationClaim.Status.PENDING).select_related(
        "user", "organization__kind", "organization__province", "match"
    )


def claim_for_decision(*, user: Any, pk: int) -> OrganizationClaim:
    return get_object_or_404(claims_to_decide(user=user), pk=pk)
