"""The web app's addresses sit at the site's root: a service worker controls only the pages
under its own path, and the manifest is asked for by every page."""

app_name = "pwa"
urlpatterns: list = []
