"""Mounted at the site's root (config/urls.py): the organizer's pages under invitations/,
and the join page at /join/<token>/, short enough for an SMS."""

from django.urls import path

from tadamon.invitations import views

app_name = "invitations"
urlpatterns = [
    path(
        "invitations/events/<int:event_pk>/",
        views.event_invitations,
        name="event_invitations",
    ),
    path("invitations/events/<int:event_pk>/invite/", views.invite, name="invite"),
    path(
        "invitations/events/<int:event_pk>/invite-accepted/",
        views.invite_accepted,
        name="invite_accepted",
    ),
    path("invitations/<int:pk>/resend/", views.resend, name="resend"),
    path("invitations/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("join/<str:token>/", views.join, name="join"),
]
