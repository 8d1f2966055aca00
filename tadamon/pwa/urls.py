"""The web app's addresses sit at the site's root: a service worker controls only the pages
under its own path, and the manifest is asked for by every page."""

from django.urls import path

from tadamon.pwa import views

app_name = "pwa"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("start/", views.start, name="start"),
]
