"""An event's dashboard for its managers: applications by status, quotas met or not, free
places, the waiting list and the offers waiting for an answer."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tadamon.calls.selectors.dashboard import event_dashboard
from tadamon.events.access import require_event_manager


@login_required
@require_GET
def dashboard(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    return render(request, "calls/dashboard.html", {"board": event_dashboard(event)})
