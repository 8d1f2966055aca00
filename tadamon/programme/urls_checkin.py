"""URLs of check-in, attendance lists and beneficiary figures; programme/urls.py gathers them."""

from django.urls import path

from tadamon.programme.views import attendance, checkin

urlpatterns = [
    path("checkin/", checkin.session_list, name="checkin_sessions"),
    path("sessions/<int:pk>/checkin/", checkin.checkin_page, name="checkin"),
    path("sessions/<int:pk>/checkin/search/", checkin.checkin_search, name="checkin_search"),
    path("sessions/<int:pk>/checkin/present/", checkin.checkin_present, name="checkin_present"),
    path("sessions/<int:pk>/checkin/mark/", checkin.checkin_mark, name="checkin_mark"),
    path(
        "sessions/<int:pk>/attendance/",
        attendance.session_attendance,
        name="session_attendance",
    ),
    path(
        "sessions/<int:pk>/attendance/export/<str:fmt>/",
        attendance.session_attendance_export,
        name="session_attendance_export",
    ),
    path("attendance/<int:pk>/delete/", attendance.attendance_delete, name="attendance_delete"),
    path("events/<int:pk>/attendance/", attendance.event_attendance, name="event_attendance"),
    path(
        "events/<int:pk>/attendance/export/<str:fmt>/",
        attendance.event_attendance_export,
        name="event_attendance_export",
    ),
    path(
        "events/<int:pk>/beneficiaries/",
        attendance.event_beneficiaries,
        name="event_beneficiaries",
    ),
]
