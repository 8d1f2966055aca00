from django.urls import path

from tadamon.awards import views

app_name = "awards"

urlpatterns = [
    path("events/<int:event_pk>/", views.event_awards, name="event_awards"),
    path("events/<int:event_pk>/template/", views.create_template, name="create_template"),
    path("events/<int:event_pk>/compute/", views.compute_event, name="compute_event"),
    path("categories/<int:pk>/close/", views.close_jury, name="close_jury"),
    path("categories/<int:pk>/publish/", views.publish, name="publish"),
    path("my-juries/", views.my_juries, name="my_juries"),
    path("my-juries/candidates/<int:pk>/score/", views.score_candidate, name="score"),
    path(
        "events/<int:event_pk>/partners/<int:organization_pk>/appreciation/",
        views.partner_appreciation,
        name="partner_appreciation",
    ),
    path("results/<int:pk>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
]
