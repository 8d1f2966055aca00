from tadamon.events import urls_allocation, urls_events, urls_visitors

app_name = "events"
urlpatterns = [
    *urls_events.urlpatterns,
    *urls_allocation.urlpatterns,
    *urls_visitors.urlpatterns,
]
