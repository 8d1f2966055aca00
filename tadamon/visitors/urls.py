"""URLs of the visitor tally pages. config/urls.py mounts them under "events/", beside the
event pages, so their addresses did not change when the visitors left tadamon.events."""

from django.urls import path

from tadamon.visitors import views

app_name = "visitors"
urlpatterns: list = [
    path("visitors/", views.visitors_events, name="visitors_events"),
    path("<int:event_pk>/visitors/", views.visitors_tally, name="visitors_tally"),
    path("<int:event_pk>/visitors/save/", views.visitors_save, name="visitors_save"),
    path("<int:event_pk>/visitors/gates/", views.visitors_add_gate, name="visitors_add_gate"),
]
