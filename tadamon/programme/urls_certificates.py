"""URLs of the certificate pages; programme/urls.py gathers them. The public verification
page, /verify/<number>, lives at the site's root (config/urls.py)."""

from django.urls import path

from tadamon.programme.views import certificates

urlpatterns = [
    path(
        "events/<int:event_pk>/certificates/",
        certificates.certificate_home,
        name="certificates",
    ),
    path(
        "events/<int:event_pk>/certificates/settings/",
        certificates.certificate_settings,
        name="certificate_settings",
    ),
    path(
        "events/<int:event_pk>/certificates/issue/",
        certificates.certificate_issue,
        name="certificate_issue",
    ),
    path(
        "events/<int:event_pk>/certificates/batches/",
        certificates.certificate_batch_start,
        name="certificate_batch_start",
    ),
    path(
        "events/<int:event_pk>/certificates/batches/<int:batch_pk>/",
        certificates.certificate_batch_progress,
        name="certificate_batch_progress",
    ),
    path(
        "events/<int:event_pk>/certificates/batches/<int:batch_pk>/zip/",
        certificates.certificate_batch_download,
        name="certificate_batch_download",
    ),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<int:pk>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
    path("my-certificates/", certificates.my_certificates, name="my_certificates"),
]
