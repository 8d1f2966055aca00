"""The web app's addresses sit at the site's root: a service worker controls only the pages
under its own path, and the manifest is asked for by every page."""

from django.urls import path

from tadamon.pwa import views

app_name = "pwa"
urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
]
