from django.urls import path

from tadamon.public import views, visitors

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("events/<int:event_pk>/visit/", visitors.visit, name="visit"),
    path("badges/<uuid:code>/", visitors.badge, name="badge"),
    path("badges/<uuid:code>/arrival/", visitors.badge_arrival, name="badge_arrival"),
]
