from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from tadamon.programme.views.verify import verify_certificate
from tadamon.public.views import favicon, healthz
from tadamon.reports.audit_trail import audit_trail

# An error outside every view's own handling: API clients still get the API's JSON error body.
handler500 = "tadamon.api.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    # The manifest, the service worker and the offline page (issue 20).
    path("", include("tadamon.pwa.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("tadamon.api.urls")),
    path("accounts/", include("tadamon.accounts.urls")),
    # Sign-up and password reset (django-allauth's pages, named as allauth names them).
    path("accounts/", include("tadamon.accounts.allauth_urls")),
    path("registry/", include("tadamon.registry.urls")),
    path("events/", include("tadamon.events.urls")),
    # The visitor tally keeps its addresses under /events/ (its own app since issue 16).
    path("events/", include("tadamon.visitors.urls")),
    # The call for exhibitors keeps its addresses under /events/ (its own app since issue 16).
    path("events/", include("tadamon.calls.urls")),
    # An event's broadcasts and the delivery of its messages (issue 19).
    path("events/", include("tadamon.broadcasts.urls")),
    path("programme/", include("tadamon.programme.urls")),
    path("sales/", include("tadamon.sales.urls")),
    path("awards/", include("tadamon.awards.urls")),
    path("b2b/", include("tadamon.b2b.urls")),
    path("calendars/", include("tadamon.calendars.urls")),
    path("messages/", include("tadamon.messaging.urls")),
    path("reports/", include("tadamon.reports.urls")),
    path("audit/", audit_trail, name="audit_trail"),
    # The organizer's invitation pages and the join page of an invitation's link.
    path("", include("tadamon.invitations.urls")),
    # Printed in certificates' QR codes; public. Also answers with a trailing slash.
    path("verify/<str:number>", verify_certificate, name="certificate_verify"),
    path("verify/<str:number>/", verify_certificate),
    path("", include("tadamon.public.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
