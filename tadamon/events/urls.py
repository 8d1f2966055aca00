from tadamon.events import urls_allocation, urls_events

app_name = "events"
urlpatterns = [
    *urls_events.urlpatterns,
    *urls_allocation.urlpatterns,
]
