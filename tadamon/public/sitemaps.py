"""The sitemap of the public site: its listings, published events and the organizations that
agreed to appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from tadamon.public import selectors


class Listings(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["public:home", "public:events", "public:directory", "public:catalogue"]

    def location(self, item: str) -> str:
        return reverse(item)


class Events(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_events().order_by("pk")

    def location(self, event) -> str:
        return reverse("public:event", args=[event.pk])

    def lastmod(self, event):
        return event.created_at


class Organizations(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.public_organizations().order_by("pk")

    def location(self, organization) -> str:
        return reverse("public:organization", args=[organization.pk])


SITEMAPS = {"listings": Listings, "events": Events, "organizations": Organizations}
