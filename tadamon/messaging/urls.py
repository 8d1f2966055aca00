from django.urls import path

from tadamon.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.read, name="read"),
    path("channels/", views.preferences, name="preferences"),
]
