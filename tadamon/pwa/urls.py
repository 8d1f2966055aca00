"""The web app's addresses sit at the site's root: a service worker controls only the pages
under its own path, and the manifest is asked for by every page."""

from django.urls import path

from tadamon.pwa import manifest, views

app_name = "pwa"
urlpatterns = [
    path("manifest.webmanifest", manifest.manifest, name="manifest"),
    path("start/", manifest.start, name="start"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
