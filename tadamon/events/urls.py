from tadamon.events import (
    urls_allocation,
    urls_calls,
    urls_events,
    urls_selection,
    urls_visitors,
)

app_name = "events"
urlpatterns = [
    *urls_events.urlpatterns,
    *urls_calls.urlpatterns,
    *urls_selection.urlpatterns,
    *urls_allocation.urlpatterns,
    *urls_visitors.urlpatterns,
]
