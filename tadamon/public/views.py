from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tadamon.registry.models import Organization, Product, Region


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness only: no database work, so it measures the server's own ceiling."""
    return HttpResponse("ok", content_type="text/plain")


def _registry_figures() -> dict[str, object]:
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


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"figures": _registry_figures()})
