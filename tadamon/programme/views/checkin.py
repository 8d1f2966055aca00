"""The phone page where trainers and gate agents check people in at a session.

The page works without script (a search form, a "present" form per person); with
static/programme/checkin.js it queues check-ins on the phone and sends them to the API's
``POST /sessions/{id}/attendance`` (session cookie and CSRF token) whenever the connection
allows.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tadamon.accounts.device import keep_offline
from tadamon.core.params import parse_id
from tadamon.programme import access as programme_access
from tadamon.programme.models import Session
from tadamon.programme.selectors import attendance as selectors
from tadamon.programme.services import attendance as services


def checkin_session(user, pk: int) -> Session:
    """The session if `user` may check in there; 403 if they only see it, 404 otherwise."""
    try:
        return selectors.session_for_checkin(user=user, pk=pk)
    except Session.DoesNotExist:
        if not selectors.visible_sessions(user=user).filter(pk=pk).exists():
            raise Http404 from None
        raise PermissionDenied from None


def _query(request: HttpRequest) -> str:
    return (request.GET.get("q") or "").strip()[:200]


def _present_context(session: Session, user) -> dict[str, Any]:
    present = list(selectors.present_list(session))
    return {
        "session": session,
        "present": present,
        "present_count": len(present),
        "can_undo": programme_access.can_undo_check_in(user, session),
    }


@keep_offline
@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    """The sessions where the user checks people in (a trainer's own sessions)."""
    upcoming, past = selectors.checkin_session_list(user=request.user)
    return render(request, "programme/checkin_sessions.html", {"upcoming": upcoming, "past": past})


@keep_offline
@login_required
@require_GET
def checkin_page(request: HttpRequest, pk: int) -> HttpResponse:
    session = checkin_session(request.user, pk)
    query = _query(request)
    context = {
        **_present_context(session, request.user),
        "query": query,
        "candidates": selectors.checkin_candidates(user=request.user, session=session, q=query),
        "registered_count": selectors.session_counts(session)["registered"],
        "offline_people": selectors.offline_people(session),
    }
    return render(request, "programme/checkin.html", context)


@login_required
@require_GET
def checkin_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The people matching `q`, each with a "present" button (a fragment of the page)."""
    session = checkin_session(request.user, pk)
    query = _query(request)
    context = {
        "session": session,
        "query": query,
        "candidates": selectors.checkin_candidates(user=request.user, session=session, q=query),
    }
    return render(request, "programme/checkin_candidates.html", context)


@login_required
@require_GET
def checkin_present(request: HttpRequest, pk: int) -> HttpResponse:
    """The list of people present (a fragment the page reloads after each check-in)."""
    session = checkin_session(request.user, pk)
    return render(
        request, "programme/checkin_present.html", _present_context(session, request.user)
    )


@login_required
@require_POST
def checkin_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Check a person in from the page's form (without script)."""
    session = checkin_session(request.user, pk)
    try:
        person = services.resolve_person(
            actor=request.user,
            session=session,
            person_id=parse_id(request.POST.get("person")),
        )
        created = services.check_in(session=session, person=person, actor=request.user)[1]
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if created:
            messages.success(request, _("%(person)s is present.") % {"person": person})
        else:
            messages.info(request, _("%(person)s was already present.") % {"person": person})
    return redirect(reverse("programme:checkin", args=[session.pk]))
