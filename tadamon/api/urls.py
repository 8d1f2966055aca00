"""Mounted under /api/v1/ by config/urls.py; URL names live in the "api-v1" namespace."""

from tadamon.api.api import api

app_name = api.urls_namespace
urlpatterns = api.urls[0]
