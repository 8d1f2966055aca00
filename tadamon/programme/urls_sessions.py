"""URLs of the sessions, registrations, badges and timetable pages (programme/urls.py
gathers them)."""

from django.urls import path

from tadamon.programme.views import registrations, sessions, timetable

urlpatterns = [
    path("events/<int:event_pk>/sessions/", sessions.session_list, name="session_list"),
    path("events/<int:event_pk>/sessions/new/", sessions.session_create, name="session_create"),
    path("events/<int:event_pk>/timetable/", timetable.timetable, name="timetable"),
    path("my-sessions/", sessions.my_sessions, name="my_sessions"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path("sessions/<int:pk>/people/", registrations.person_options, name="person_options"),
    path("sessions/<int:pk>/people/new/", registrations.person_quick_add, name="person_quick_add"),
    path("sessions/<int:pk>/register/", registrations.registration_create, name="register"),
    path("sessions/<int:pk>/badges/", registrations.session_badges, name="session_badges"),
    path(
        "registrations/<int:pk>/badge/",
        registrations.registration_badge,
        name="registration_badge",
    ),
    path(
        "registrations/<int:pk>/cancel/",
        registrations.registration_cancel,
        name="registration_cancel",
    ),
]
