from django.urls import path

from tadamon.sales import views

app_name = "sales"
urlpatterns = [
    path("mine/", views.my_sales, name="my_sales"),
    path("events/<int:event_id>/declare/", views.declare_page, name="declare"),
    path("events/<int:event_id>/review/", views.review_page, name="review"),
    path("events/<int:event_id>/turnover/", views.turnover_page, name="turnover"),
    path("<int:sale_id>/review/", views.review_action, name="review_action"),
]
