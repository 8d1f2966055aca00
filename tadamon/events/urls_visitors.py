"""URLs of the visitor tally pages; tadamon/events/urls.py gathers them."""

from django.urls import path

from tadamon.events.views import visitors

urlpatterns: list = [
    path("visitors/", visitors.visitors_events, name="visitors_events"),
    path("<int:event_pk>/visitors/", visitors.visitors_tally, name="visitors_tally"),
    path("<int:event_pk>/visitors/save/", visitors.visitors_save, name="visitors_save"),
    path("<int:event_pk>/visitors/gates/", visitors.visitors_add_gate, name="visitors_add_gate"),
]
