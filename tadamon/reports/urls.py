from django.urls import path

from tadamon.reports import views

app_name = "reports"

urlpatterns = [
    path("events/<int:event_pk>/", views.report_page, name="report"),
    path("events/<int:event_pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("observatory/", views.observatory_page, name="observatory"),
    path("organizations/<int:pk>/", views.organization_history, name="organization_history"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/events.<str:fmt>", views.open_events, name="open_events"),
    path(
        "open-data/events/<int:event_pk>/exhibitors.<str:fmt>",
        views.open_exhibitors,
        name="open_exhibitors",
    ),
]
