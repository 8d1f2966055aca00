"""What the public site shows, and only that: published events, organizations that agreed to
appear (registry.models.consents_to_public, the rule the open data follows too), their
products, confirmed exhibitors, published awards. Nobody's phone or e-mail unless the
organization chose to show them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from tadamon.awards import selectors as award_selectors
from tadamon.awards.models import AwardResult
from tadamon.events.models import Event, Participation
from tadamon.registry.models import Organization, Product, consents_to_public


def public_events() -> QuerySet:
    return Event.objects.filter(is_published=True).select_related("region", "province")


def current_and_upcoming(today: datetime.date) -> QuerySet:
    return public_events().filter(end_date__gte=today).order_by("start_date", "pk")


def past_events(today: datetime.date) -> QuerySet:
    return public_events().filter(end_date__lt=today).order_by("-start_date", "pk")


def public_organizations() -> QuerySet:
    return Organization.objects.consenting().select_related(
        "kind", "region", "province", "primary_sector"
    )


@dataclass(frozen=True)
class DirectoryFilters:
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
    return organizations.order_by("name_ar", "name_fr", "pk")


@dataclass(frozen=True)
class CatalogueFilters:
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
    # Newest first: the primary key's order lets the database stop at the page's last row,
    # where sorting by name sorted the whole catalogue on every request.
    return products.order_by("-pk")


def event_exhibitors(event: Event) -> QuerySet:
    """Confirmed exhibitors that agreed to appear; applicants, refused or withdrawn, never."""
    return (
        Participation.objects.filter(
            consents_to_public("organization__"),
            event=event,
            status=Participation.Status.CONFIRMED,
        )
        .select_related(
            "organization", "organization__primary_sector", "wave", "booth_assignment__booth"
        )
        .order_by("organization__name_ar", "organization__name_fr", "pk")
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
