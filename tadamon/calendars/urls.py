from django.urls import path

from tadamon.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
