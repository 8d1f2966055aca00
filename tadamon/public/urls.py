from django.contrib.sitemaps.views import sitemap
from django.urls import path

from tadamon.public import pages, views, visitors
from tadamon.public.sitemaps import SITEMAPS

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.switch_language, name="language"),
    path("fairs/", pages.event_list_page, name="events"),
    path("e/<int:pk>/", pages.event_page, name="event"),
    path("o/<int:pk>/", pages.organization_page, name="organization"),
    path("directory/", pages.directory_page, name="directory"),
    path("products/", pages.catalogue_page, name="catalogue"),
    path("search/", pages.search_page, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("events/<int:event_pk>/visit/", visitors.visit, name="visit"),
    path("badges/<uuid:code>/", visitors.badge, name="badge"),
    path("badges/<uuid:code>/arrival/", visitors.badge_arrival, name="badge_arrival"),
]
