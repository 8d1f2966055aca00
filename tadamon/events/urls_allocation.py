"""URLs of the booth and wave allocation pages and floor plans; tadamon/events/urls.py gathers
them."""

from django.urls import path

from tadamon.events.views import allocation

urlpatterns: list = [
    path("<int:event_pk>/allocation/", allocation.allocation_home, name="allocation"),
    path(
        "<int:event_pk>/allocation/runs/<int:run_pk>/progress/",
        allocation.allocation_progress,
        name="allocation_progress",
    ),
    path(
        "<int:event_pk>/allocation/move/<int:participation_pk>/",
        allocation.allocation_move,
        name="allocation_move",
    ),
    path("<int:event_pk>/floorplan.svg", allocation.floorplan_all, name="floorplan_all"),
    path(
        "<int:event_pk>/floorplan/<int:wave_pk>.svg",
        allocation.floorplan_wave,
        name="floorplan_wave",
    ),
]
