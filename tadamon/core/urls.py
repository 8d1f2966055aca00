from django.urls import path

from tadamon.core import views

app_name = "core"
urlpatterns = [
    path("", views.audit_trail, name="audit_trail"),
]
