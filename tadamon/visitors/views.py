"""The phone page where gate agents keep a tally of visitors and send each gate's count.

The page works without script (a form with gate, date and count). With
static/visitors/tally.js it keeps a running total per gate and day on the phone, with +1/+10
buttons, so that a reload or a dropped connection loses nothing, and queues the counts to
send to the API's ``POST /events/{id}/visitor-counts`` (session cookie and CSRF token) when
the connection allows. A count replaces the earlier one for the same gate and day, so sending
it twice is harmless.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tadamon.accounts.device import keep_offline
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import MAX_DAILY_COUNT
from tadamon.visitors.selectors import visitor_badges as badge_selectors
from tadamon.visitors.selectors import visitors as selectors
from tadamon.visitors.services import visitors as services


class CountForm(forms.Form):
    gate = forms.CharField(label=gettext_lazy("Gate"), max_length=120)
    date = forms.DateField(label=gettext_lazy("Date"))
    count = forms.IntegerField(
        label=gettext_lazy("Visitors"), min_value=0, max_value=MAX_DAILY_COUNT
    )


class GateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("New gate"), max_length=120)


def counting_event(user, pk: int) -> Event:
    """The event if `user` counts visitors there; 403 if they only see it, 404 otherwise."""
    try:
        return selectors.counting_event(user=user, pk=pk)
    except Event.DoesNotExist:
        try:
            event_selectors.event_for_view(user=user, pk=pk)
        except Event.DoesNotExist:
            raise Http404 from None
        raise PermissionDenied from None


def _default_date(event: Event) -> datetime.date:
    """Today, brought within the event's dates."""
    return min(max(timezone.localdate(), event.start_date), event.end_date)


@login_required
@require_GET
def visitors_events(request: HttpRequest) -> HttpResponse:
    """The events where the user counts visitors, the current ones first."""
    today = timezone.localdate()
    events = visitor_access.counting_events_for(request.user).order_by("-end_date", "-id")
    current = [event for event in events if event.start_date <= today <= event.end_date]
    others = [event for event in events if event not in current]
    return render(request, "visitors/visitors_events.html", {"current": current, "others": others})


@keep_offline
@login_required
@require_GET
def visitors_tally(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = counting_event(request.user, event_pk)
    context = {
        "event": event,
        "gates": list(selectors.gates_of(event)),
        "default_date": _default_date(event),
        "figures": selectors.visitor_figures(event),
        "can_manage": event_access.can_manage_event(request.user, event),
        "max_count": MAX_DAILY_COUNT,
        "gate_form": GateForm(),
        "registrations": badge_selectors.registration_figures(event),
    }
    return render(request, "visitors/visitors_tally.html", context)


@login_required
@require_POST
def visitors_save(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Record a count from the page's form (without script)."""
    event = counting_event(request.user, event_pk)
    form = CountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_count(
                event=event,
                gate=data["gate"],
                date=data["date"],
                count=data["count"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The count was recorded."))
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect(reverse("visitors:visitors_tally", args=[event.pk]))


@login_required
@require_POST
def visitors_add_gate(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = counting_event(request.user, event_pk)
    form = GateForm(request.POST)
    if form.is_valid():
        try:
            services.add_gate(event=event, name=form.cleaned_data["name"], actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The gate was added."))
    return redirect(reverse("visitors:visitors_tally", args=[event.pk]))
