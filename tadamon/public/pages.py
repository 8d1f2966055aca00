"""The public site's pages (no login): an event, an organization, the exhibitor directory,
the product catalogue and the search. Only what tadamon.public.selectors lets out."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tadamon.core.search import engine
from tadamon.public import selectors
from tadamon.public.cache import public_page
from tadamon.public.forms import (
    CatalogueFilterForm,
    DirectoryFilterForm,
    EventFilterForm,
    ExhibitorFilterForm,
)
from tadamon.registry.models import Product
from tadamon.registry.thumbnails import thumbnail_url

PAGE_SIZE = 24


def _query_string(request: HttpRequest) -> str:
    """The filters of the current page, to keep them in the pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


EXHIBITORS_PAGE_SIZE = 25  # a phone's page stays a few screens long


@require_GET
@public_page
def event_list_page(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    today = timezone.localdate()
    page = Paginator(selectors.event_list(form.filters(), today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "today": today, "query_string": _query_string(request)}
    return render(request, "public/events.html", context)


@require_GET
@public_page
def event_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(selectors.public_events(), pk=pk)
    form = ExhibitorFilterForm(request.GET or None, event=event)
    query, sector, wave = form.filters()
    exhibitors = selectors.event_exhibitors(event, query=query, sector=sector, wave=wave)
    page = Paginator(exhibitors, EXHIBITORS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "sessions": event.sessions.order_by("starts_at", "pk"),
        "form": form,
        "page": page,
        "counts": selectors.exhibitor_counts(event),
        "shows_booths": selectors.shows_booths(event),
        "shows_waves": "wave" in form.fields,
        "awards": selectors.published_awards(event=event),
        "today": timezone.localdate(),
        "query_string": _query_string(request),
    }
    return render(request, "public/event.html", context)


@require_GET
@public_page
def organization_page(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(selectors.public_organizations(), pk=pk)
    products = [
        (product, thumbnail_url(product.photo))
        for product in organization.products.select_related("sector").order_by("name_ar", "pk")
    ]
    context = {
        "organization": organization,
        "products": products,
        "events": selectors.organization_events(organization),
        "awards": selectors.published_awards(organization=organization),
    }
    return render(request, "public/organization.html", context)


@require_GET
@public_page
def directory_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    page = Paginator(selectors.directory(form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "public/directory.html", context)


@require_GET
@public_page
def catalogue_page(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    page = Paginator(selectors.catalogue(form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(product, thumbnail_url(product.photo)) for product in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "query_string": _query_string(request)}
    return render(request, "public/catalogue.html", context)


@require_GET
@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    hits = engine.search(query, limit=30) if query.strip() else []
    ids: dict[str, list[int]] = {"organization": [], "product": [], "event": []}
    for hit in hits:
        ids[hit.kind].append(hit.object_id)
    objects = {
        "organization": selectors.public_organizations().in_bulk(ids["organization"]),
        "product": Product.objects.select_related("organization").in_bulk(ids["product"]),
        "event": selectors.public_events().in_bulk(ids["event"]),
    }
    results = [
        (hit.kind, objects[hit.kind][hit.object_id])
        for hit in hits
        if hit.object_id in objects[hit.kind]
    ]
    return render(request, "public/search.html", {"query": query, "results": results})
