"""The programme's pages, gathered from one URL module per area."""

from tadamon.programme import urls_certificates, urls_checkin, urls_sessions

app_name = "programme"
urlpatterns = [
    *urls_sessions.urlpatterns,
    *urls_checkin.urlpatterns,
    *urls_certificates.urlpatterns,
]
