"""Attendance lists (a session's, an event's), their XLSX and PDF exports, taking back a
check-in made by mistake, and the beneficiary figures of an event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.accounts.device import keep_offline
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager, require_event_viewer
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme import exports
from tadamon.programme.models import Attendance, Session, SessionKind
from tadamon.programme.selectors import attendance as selectors
from tadamon.programme.selectors import beneficiaries as figures
from tadamon.programme.services import attendance as services
from tadamon.programme.views.checkin import checkin_session

FORMATS = {"xlsx": exports.XLSX_TYPE, "pdf": exports.PDF_TYPE}


def _file(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _session_subtitle(session: Session) -> str:
    when = date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
    parts = [str(session.event), when, session.commune_label, session.room]
    return " · ".join(part for part in parts if part)


@keep_offline
@login_required
@require_GET
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = checkin_session(request.user, pk)
    counts = selectors.session_counts(session)
    context = {
        "session": session,
        "present": list(selectors.present_list(session)),
        "present_count": counts["present"],
        "registered_count": counts["registered"],
        "can_undo": programme_access.can_undo_check_in(request.user, session),
    }
    return render(request, "programme/attendance_session.html", context)


@login_required
@require_GET
def session_attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    session = checkin_session(request.user, pk)
    rows = selectors.attendance_for_export(session=session)
    if fmt == "xlsx":
        content = exports.attendance_xlsx(title=session.title, attendances=rows, with_session=False)
    else:
        content = exports.attendance_pdf(
            title=session.title,
            subtitle=_session_subtitle(session),
            attendances=rows,
            with_session=False,
        )
    return _file(content, fmt, f"attendance-session-{session.pk}")


@login_required
@require_GET
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    sessions = list(selectors.event_sessions_with_counts(event))
    context = {
        "event": event,
        "sessions": sessions,
        "present_total": sum(session.present for session in sessions),
        "people_total": Attendance.objects.filter(session__event=event)
        .values("person_id")
        .distinct()
        .count(),
    }
    return render(request, "programme/attendance_event.html", context)


@login_required
@require_GET
def event_attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    event = require_event_manager(request.user, pk)
    rows = selectors.attendance_for_export(event=event)
    if fmt == "xlsx":
        content = exports.attendance_xlsx(title=event.title, attendances=rows, with_session=True)
    else:
        period = f"{date_format(event.start_date)} – {date_format(event.end_date)}"
        content = exports.attendance_pdf(
            title=event.title, subtitle=period, attendances=rows, with_session=True
        )
    return _file(content, fmt, f"attendance-event-{event.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def attendance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back a check-in, after a confirmation page."""
    try:
        attendance = Attendance.objects.select_related("session__event", "person").get(pk=pk)
    except Attendance.DoesNotExist:
        raise Http404 from None
    session = checkin_session(request.user, attendance.session_id)
    if not programme_access.can_undo_check_in(request.user, session):
        raise PermissionDenied
    back = request.GET.get("next") == "checkin"
    target = "programme:checkin" if back else "programme:session_attendance"
    if request.method == "POST":
        services.undo_check_in(attendance=attendance, actor=request.user)
        messages.success(
            request,
            _("%(person)s is no longer marked present.") % {"person": attendance.person},
        )
        return redirect(target, pk=session.pk)
    context = {"attendance": attendance, "session": session, "back": back, "target": target}
    return render(request, "programme/attendance_confirm_delete.html", context)


@login_required
@require_GET
def event_beneficiaries(request: HttpRequest, pk: int) -> HttpResponse:
    event: Event = require_event_viewer(request.user, pk)
    if not event_access.can_read_beneficiaries(request.user, event):
        raise PermissionDenied
    numbers = figures.event_beneficiaries(event)
    context = {
        "event": event,
        "figures": numbers,
        "sessions_by_kind": [
            (label, numbers["sessions"][kind]) for kind, label in SessionKind.choices
        ],
        "can_manage": event_access.can_manage_event(request.user, event),
    }
    return render(request, "programme/beneficiaries.html", context)
