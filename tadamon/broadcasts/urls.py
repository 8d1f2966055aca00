"""URLs of an event's broadcasts; config/urls.py mounts them under "events/"."""

from django.urls import path

from tadamon.broadcasts import views

app_name = "broadcasts"
urlpatterns = [
    path("<int:event_pk>/broadcasts/", views.status, name="status"),
    path("<int:event_pk>/broadcasts/new/", views.compose, name="compose"),
    path("<int:event_pk>/broadcasts/preview/", views.preview, name="preview"),
    path(
        "<int:event_pk>/broadcasts/messages/<int:message_pk>/resend/",
        views.resend,
        name="resend",
    ),
]
