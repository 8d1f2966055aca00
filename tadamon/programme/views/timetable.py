"""The printable timetable of an event's programme: its sessions by day.

It lists the sessions the reader may see (a trainer: their own), so the same page serves
the organizer pinning the programme on a wall and the trainer printing their schedule.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.views.sessions import visible_event


@login_required
@require_GET
def timetable(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = visible_event(request.user, event_pk)
    sessions = selectors.session_list(user=request.user, event=event)
    context = {
        "event": event,
        "days": selectors.sessions_by_day(sessions),
        "printed_at": timezone.localtime(),
    }
    return render(request, "programme/timetable.html", context)
