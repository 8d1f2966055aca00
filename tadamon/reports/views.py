"""Report pages: an event's closing report (page and PDF), the observatory, an
organization's history, and the public open data downloads.

Reports: the event's managers, observers and administrators (event_access.can_read_report);
403 when the event is visible to the user but its report is not, 404 otherwise. The
observatory counts the published events and the unpublished ones the user manages. Open
data is public and covers only published events.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from tadamon.events import access as event_access
from tadamon.events.access import require_event_viewer
from tadamon.events.models import Event
from tadamon.registry.models import Organization
from tadamon.registry.selectors import organization_for_view
from tadamon.reports import (
    beneficiaries,
    comparison,
    details,
    observatory,
    opendata,
    pdf,
    selectors,
)
from tadamon.reports.forms import ObservatoryFilterForm


def readable_event(user, pk: int) -> Event:
    event = require_event_viewer(user, pk)
    if not event_access.can_read_report(user, event):
        raise PermissionDenied
    return event


@login_required
@require_GET
def report_page(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = readable_event(request.user, event_pk)
    report = selectors.closing_report(event)
    context = {
        "event": event,
        "report": report,
        "headline": comparison.headline(report),
        "charts": details.charts(event, report),
        "communes": beneficiaries.beneficiaries_by_commune(event),
        "previous": event.previous_edition() if report["previous_edition"] else None,
    }
    return render(request, "reports/report.html", context)


@login_required
@require_GET
def report_pdf(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = readable_event(request.user, event_pk)
    language = request.GET.get("lang") or translation.get_language()[:2]
    if language not in ("ar", "fr"):
        language = "ar"
    with translation.override(language):
        report = selectors.closing_report(event)
    data = pdf.render(event, report, language=language)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        bool(request.GET.get("download")), f"report-{event.pk}-{language}.pdf"
    )
    return response


@login_required
@require_GET
def observatory_page(request: HttpRequest) -> HttpResponse:
    form = ObservatoryFilterForm(request.GET or None, years=observatory.years(request.user))
    figures = observatory.observatory(request.user, form.filters())
    largest = max((row["exhibitors"] for row in figures["by_region"]), default=0) or 1
    for row in figures["by_region"]:
        row["share"] = round(100 * row["exhibitors"] / largest, 1)
    return render(request, "reports/observatory.html", {"form": form, "figures": figures})


@login_required
@require_GET
def organization_history(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organization = organization_for_view(user=request.user, pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None
    rows = observatory.organization_history(request.user, organization)
    return render(
        request, "reports/organization_history.html", {"organization": organization, "rows": rows}
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    context = {
        "events": opendata.published_events().order_by("-start_date"),
        "event_columns": opendata.event_columns(),
        "exhibitor_columns": opendata.exhibitor_columns(),
    }
    return render(request, "reports/open_data.html", context)


def _download(columns, rows, fmt: str, name: str) -> HttpResponse:
    writer, content_type = opendata.FORMATS[fmt]
    response = HttpResponse(writer(columns, rows), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    return response


@require_GET
def open_events(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in opendata.FORMATS:
        raise Http404
    rows = opendata.event_rows(opendata.published_events())
    return _download(opendata.event_columns(), rows, fmt, "tadamon-events")


@require_GET
def open_exhibitors(request: HttpRequest, event_pk: int, fmt: str) -> HttpResponse:
    if fmt not in opendata.FORMATS:
        raise Http404
    event = get_object_or_404(opendata.published_events(), pk=event_pk)
    rows = opendata.exhibitor_rows(event)
    return _download(
        opendata.exhibitor_columns(), rows, fmt, f"tadamon-event-{event.pk}-exhibitors"
    )
