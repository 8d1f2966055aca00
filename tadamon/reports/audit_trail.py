"""The audit trail page: who changed what, when, and the values before and after. Here, beside
the reports, because it reads across the events and the registry (core knows no app)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tadamon.accounts import roles
from tadamon.core import selectors
from tadamon.core.forms import AuditFilterForm
from tadamon.events import access as event_access
from tadamon.registry import access as registry_access
from tadamon.reports import access as report_access

PAGE_SIZE = 50


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    if not roles.can_read_audit(request.user):
        raise PermissionDenied
    events = event_access.managed_events_for(request.user).order_by("-start_date")
    form = AuditFilterForm(request.GET or None, events=events)
    entries = report_access.audit_entries_for(request.user)
    organization = None
    if form.is_valid():
        data = form.cleaned_data
        entries = selectors.filter_audit(
            entries,
            event=data["event"],
            organization_id=data["organization"],
            kind=data["kind"],
            text=data["q"].strip(),
        )
        if data["organization"]:
            organization = (
                registry_access.organizations_for(request.user)
                .filter(pk=data["organization"])
                .first()
            )
    else:
        entries = entries.none() if form.is_bound else entries.select_related("actor")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.describe(page.object_list),
        "organization": organization,
        "query": query.urlencode(),
    }
    return render(request, "reports/audit_trail.html", context)
