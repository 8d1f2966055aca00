"""URLs of the selection pages and the dashboard; tadamon/events/urls.py gathers them."""

from django.urls import path

from tadamon.events.views import dashboard, selection

urlpatterns: list = [
    path("<int:event_pk>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:event_pk>/selection/", selection.selection_home, name="selection"),
    path(
        "<int:event_pk>/selection/<int:run_pk>/",
        selection.selection_run,
        name="selection_run",
    ),
    path(
        "<int:event_pk>/selection/<int:run_pk>/adjust/",
        selection.selection_adjust,
        name="selection_adjust",
    ),
    path(
        "<int:event_pk>/selection/<int:run_pk>/publish/",
        selection.selection_publish,
        name="selection_publish",
    ),
]
