"""URLs of the events pages; tadamon/events/urls.py gathers them."""

from django.urls import path

from tadamon.events.views import booths, events, participations, partners, waves

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("new/", events.event_create, name="event_create"),
    path("<int:pk>/", events.event_detail, name="event_detail"),
    path("<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("<int:pk>/publish/", events.event_publish, name="event_publish"),
    path("<int:pk>/waves/new/", waves.wave_create, name="wave_create"),
    path("waves/<int:pk>/edit/", waves.wave_edit, name="wave_edit"),
    path("waves/<int:pk>/delete/", waves.wave_delete, name="wave_delete"),
    path("<int:pk>/booths/", booths.booth_list, name="booth_list"),
    path("<int:pk>/booths/delete/", booths.booth_delete_all, name="booth_delete_all"),
    path("<int:pk>/partners/new/", partners.partner_create, name="partner_create"),
    path(
        "<int:pk>/partners/<int:partner_pk>/delete/",
        partners.partner_delete,
        name="partner_delete",
    ),
    path(
        "<int:pk>/organization-options/",
        participations.organization_options,
        name="organization_options",
    ),
    path(
        "<int:pk>/participations/new/",
        participations.participation_create,
        name="participation_create",
    ),
    path(
        "participations/<int:pk>/edit/",
        participations.participation_edit,
        name="participation_edit",
    ),
    path(
        "participations/<int:pk>/delete/",
        participations.participation_delete,
        name="participation_delete",
    ),
]
