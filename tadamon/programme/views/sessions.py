"""Programme pages: an event's sessions by day, a session's form, detail and deletion, and a
trainer's own sessions.

What a user sees comes from tadamon.programme.access: managers see every session of their
events, a trainer only theirs, an exhibitor those of published events.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.accounts.device import keep_offline
from tadamon.accounts.models import Role
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager, require_event_viewer
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme.forms.sessions import QuickPersonForm, SessionForm
from tadamon.programme.models import Session
from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.services import sessions as services
from tadamon.registry.selectors import organization_list

# The programme shows an event to whoever sees it or some of its sessions (a trainer at an
# unpublished event); the access rule is otherwise the one of every event page.


def visible_event(user, pk: int) -> Event:
    """The event if `user` sees it or some of its sessions; 404 otherwise."""
    return require_event_viewer(user, pk, visible=selectors.programme_events_for(user))


def managed_event(user, pk: int) -> Event:
    """The event if `user` manages it; 403 if they see its programme, 404 otherwise."""
    return require_event_manager(user, pk, visible=selectors.programme_events_for(user))


def visible_session(user, pk: int) -> Session:
    try:
        return selectors.session_for_view(user=user, pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def managed_session(user, pk: int) -> Session:
    """The session if `user` manages its event; 403 if they only see it, 404 otherwise."""
    try:
        return selectors.session_for_manage(user=user, pk=pk)
    except Session.DoesNotExist:
        visible_session(user, pk)
        raise PermissionDenied from None


def checkin_url(session: Session) -> str | None:
    """The phone check-in page of the session, once that page exists."""
    try:
        return reverse("programme:checkin", args=[session.pk])
    except NoReverseMatch:
        return None


def sessions_of(event: Event) -> str:
    return reverse("programme:session_list", args=[event.pk])


@login_required
@require_GET
def session_list(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = visible_event(request.user, event_pk)
    sessions = selectors.session_list(user=request.user, event=event)
    context = {
        "event": event,
        "days": selectors.sessions_by_day(sessions),
        "can_manage": event_access.can_manage_event(request.user, event),
    }
    return render(request, "programme/session_list.html", context)


def _edit(request: HttpRequest, event: Event, session: Session | None) -> HttpResponse:
    form = SessionForm(
        request.POST if request.method == "POST" else None, event=event, instance=session
    )
    if form.is_bound and form.is_valid():
        arguments = {
            "actor": request.user,
            "fields": form.session_fields(),
            "topics": form.cleaned_data["topics"],
            "trainers": form.cleaned_data["trainers"],
        }
        try:
            if session is None:
                saved = services.create_session(event=event, **arguments)
            else:
                saved = services.update_session(session=session, **arguments)
        except ValidationError as error:
            form.add_service_error(error)
            if session is not None:
                session.refresh_from_db()
        else:
            messages.success(request, _("The session “%(title)s” was saved.") % {"title": saved})
            if "add_another" in request.POST:
                return redirect("programme:session_create", event_pk=event.pk)
            return redirect("programme:session_detail", pk=saved.pk)
    context = {"form": form, "event": event, "session": session}
    return render(request, "programme/session_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, event_pk: int) -> HttpResponse:
    return _edit(request, managed_event(request.user, event_pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = managed_session(request.user, pk)
    return _edit(request, session.event, session)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = managed_session(request.user, pk)
    event = session.event
    if request.method == "POST":
        try:
            services.delete_session(actor=request.user, session=session)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("programme:session_detail", pk=session.pk)
        messages.success(request, _("The session “%(title)s” was deleted.") % {"title": session})
        return redirect(sessions_of(event))
    active = session.registered + session.waitlisted
    context = {"event": event, "session": session, "active_registrations": active}
    return render(request, "programme/session_confirm_delete.html", context)


def may_register_here(user, session: Session) -> bool:
    """Whether to offer the person search (the service decides for each person)."""
    if programme_access.can_manage_session(user, session) or programme_access.is_trainer_of(
        user, session
    ):
        return True
    return getattr(user, "role", None) == Role.EXHIBITOR and bool(user.organization_id)


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = visible_session(request.user, pk)
    can_manage = programme_access.can_manage_session(request.user, session)
    query = (request.GET.get("q") or "").strip()[:200]
    registrations = selectors.registration_list(user=request.user, session=session)
    context = {
        "event": session.event,
        "session": session,
        "can_manage": can_manage,
        "may_register": may_register_here(request.user, session),
        "is_trainer": programme_access.is_trainer_of(request.user, session),
        "registrations": selectors.ordered_registrations(registrations),
        "query": query,
        "matches": selectors.people_to_register(user=request.user, session=session, q=query),
        "taken": selectors.registered_person_ids(session),
        "checkin_url": checkin_url(session),
    }
    if can_manage:
        context["quick_form"] = QuickPersonForm(
            user=request.user, query="", queryset=organization_list(user=request.user)
        )
        context["commune_options"] = selectors.commune_options(session.event)
    return render(request, "programme/session_detail.html", context)


@keep_offline
@login_required
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    """A trainer's sessions by day, each with its check-in page."""
    if request.user.role != Role.TRAINER:
        raise PermissionDenied
    sessions = list(selectors.my_sessions(user=request.user))
    for session in sessions:
        session.checkin_url = checkin_url(session)
    return render(
        request, "programme/session_my_list.html", {"days": selectors.sessions_by_day(sessions)}
    )
