"""What the public site shows, and only that: published events, organizations that agreed to
appear (registry.models.consents_to_public, the rule the open data follows too), their
products, confirmed exhibitors, published awards. Nobody's phone or e-mail unless the
organization chose to show them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, F, Q, QuerySet, Value, When

from tadamon.awards import selectors as award_selectors
from tadamon.awards.models import AwardResult
from tadamon.core.search import engine
from tadamon.core.text import tokens
from tadamon.events.models import Event, Participation, Wave
from tadamon.registry.models import Organization, Product, consents_to_public


def public_events() -> QuerySet:
    return Event.objects.filter(is_published=True).select_related("region", "province")


def current_and_upcoming(today: datetime.date) -> QuerySet:
    return public_events().filter(end_date__gte=today).order_by("start_date", "pk")


def past_events(today: datetime.date) -> QuerySet:
    return public_events().filter(end_date__lt=today).order_by("-start_date", "pk")


def _ranked(queryset: QuerySet, query: str, kind: str) -> QuerySet:
    """The rows of `queryset` the public search finds for `query` (Arabic-aware,
    transliterated, typo-tolerant), best first; `queryset` itself for an empty query."""
    if not tokens(query):
        return queryset
    ids = engine.ranked_ids(query, kind, published_only=True)
    if not ids:
        return queryset.none()
    rank = Case(*[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)])
    return queryset.filter(pk__in=ids).order_by(rank, "pk")


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    when: str = ""  # "current", "upcoming", "past" or "" for all
    region: str = ""
    kind: str = ""


def event_list(filters: EventFilters, today: datetime.date) -> QuerySet:
    """Published events, the ones on now and to come first (soonest first), then the past
    ones (latest first)."""
    events = public_events()
    if filters.when == "current":
        events = events.filter(start_date__lte=today, end_date__gte=today)
    elif filters.when == "upcoming":
        events = events.filter(start_date__gt=today)
    elif filters.when == "past":
        events = events.filter(end_date__lt=today)
    if filters.region:
        events = events.filter(region__code=filters.region)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if tokens(filters.q):
        return _ranked(events, filters.q, "event")
    if filters.when == "past":
        return events.order_by("-start_date", "pk")
    if filters.when:
        return events.order_by("start_date", "pk")
    ended = Case(When(end_date__lt=today, then=Value(1)), default=Value(0))
    soonest = Case(When(end_date__gte=today, then=F("start_date")))
    return events.order_by(ended, soonest.asc(nulls_last=True), F("start_date").desc(), "pk")


def public_organizations() -> QuerySet:
    return Organization.objects.consenting().select_related(
        "kind", "region", "province", "primary_sector"
    )


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    region: str = ""
    province: str = ""
    sector: str = ""
    kind: str = ""
    women_led: bool = False


def directory(filters: DirectoryFilters) -> QuerySet:
    organizations = public_organizations()
    if filters.region:
        organizations = organizations.filter(region__code=filters.region)
    if filters.province:
        organizations = organizations.filter(province__code=filters.province)
    if filters.sector:
        organizations = organizations.filter(primary_sector__code=filters.sector)
    if filters.kind:
        organizations = organizations.filter(kind__code=filters.kind)
    if filters.women_led:
        organizations = organizations.filter(women_led=True)
    if tokens(filters.q):
        return _ranked(organizations, filters.q, "organization")
    return organizations.order_by("name_ar", "name_fr", "pk")


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    sector: str = ""
    region: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None


def catalogue(filters: CatalogueFilters) -> QuerySet:
    products = Product.objects.filter(consents_to_public("organization__")).select_related(
        "organization", "organization__region", "sector"
    )
    if filters.sector:
        products = products.filter(sector__code=filters.sector)
    if filters.region:
        products = products.filter(organization__region__code=filters.region)
    if filters.price_min is not None:
        products = products.filter(price_mad__gte=filters.price_min)
    if filters.price_max is not None:
        products = products.filter(price_mad__lte=filters.price_max)
    if tokens(filters.q):
        return _ranked(products, filters.q, "product")
    # Newest first: the primary key's order lets the database stop at the page's last row,
    # where sorting by name sorted the whole catalogue on every request.
    return products.order_by("-pk")


def _confirmed(event: Event) -> QuerySet:
    return Participation.objects.filter(event=event, status=Participation.Status.CONFIRMED)


def event_exhibitors(
    event: Event, *, query: str = "", sector: str = "", wave: Wave | None = None
) -> QuerySet:
    """Confirmed exhibitors that agreed to appear; applicants, refused or withdrawn, never.
    `query` searches their names (as the public search does), `sector` is a sector code."""
    exhibitors = _confirmed(event).filter(consents_to_public("organization__"))
    if sector:
        exhibitors = exhibitors.filter(organization__primary_sector__code=sector)
    if wave is not None:
        exhibitors = exhibitors.filter(wave=wave)
    if tokens(query):
        ids = engine.ranked_ids(query, "organization", published_only=True)
        exhibitors = exhibitors.filter(organization_id__in=ids)
    return exhibitors.select_related(
        "organization", "organization__primary_sector", "wave", "booth_assignment__booth"
    ).order_by("organization__name_ar", "organization__name_fr", "pk")


def exhibitor_counts(event: Event) -> dict[str, int]:
    """How many exhibitors the event confirmed, and how many of them agreed to be listed
    here: the report counts the first, the public page can only show the second."""
    confirmed = _confirmed(event)
    return {
        "confirmed": confirmed.count(),
        "listed": confirmed.filter(consents_to_public("organization__")).count(),
    }


def shows_booths(event: Event) -> bool:
    """Whether any listed exhibitor has a booth yet: the column is left out until then."""
    return (
        _confirmed(event)
        .filter(consents_to_public("organization__"), booth_assignment__isnull=False)
        .exists()
    )


def published_awards(*, event: Event | None = None, organization: Organization | None = None):
    results = award_selectors.with_joint(
        AwardResult.objects.filter(
            Q(category__published_at__isnull=False) | Q(manual=True),
            category__event__is_published=True,
        )
    ).select_related(
        "category", "category__event", "organization", "person", "person__organization"
    )
    if event is not None:
        results = results.filter(category__event=event)
    if organization is not None:
        results = results.filter(organization=organization)
    shown = [
        result
        for result in results.order_by("category__position", "rank", "pk")
        if result.manual or result.rank <= result.category.winners_count
    ]
    for result in shown:
        result.named_in_public = _winner_consents(result)
    return shown


def _winner_consents(result: AwardResult) -> bool:
    """A published award names its winner only by the public site's consent rule; a person
    (an artisan, a member) is named only when their organization consents."""
    organization = result.organization or (result.person and result.person.organization)
    return bool(organization and organization.named_in_public)


def organization_events(organization: Organization) -> QuerySet:
    attended = Participation.objects.filter(
        organization=organization, status=Participation.Status.CONFIRMED
    ).values("event_id")
    return public_events().filter(pk__in=attended).order_by("-start_date")
