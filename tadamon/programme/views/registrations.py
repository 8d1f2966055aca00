"""Registering people to a session: find and register, add a new person, cancel (with a
confirmation page); and the printable badges with their QR codes.

The QR code holds the registration's code (a UUID) and nothing else: short, so the code
stays coarse enough for cheap phone cameras, and it names no one when read by a stranger.
The check-in page looks the registration up by that code.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.accounts.device import keep_offline
from tadamon.programme import access as programme_access
from tadamon.programme.forms.sessions import QuickPersonForm, RegistrationForm
from tadamon.programme.models import Registration, Session
from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.services import registrations as services
from tadamon.programme.views.sessions import may_register_here, visible_session
from tadamon.registry.selectors import organization_list


def qr_svg(registration: Registration, scale: int = 4) -> SafeString:
    """The registration's code as an inline SVG QR code (segno writes only its own markup)."""
    code = segno.make(str(registration.code), error="m", micro=False)
    return mark_safe(code.svg_inline(scale=scale, border=2))


def short_code(registration: Registration) -> str:
    """The first characters of the code, printed under the QR code for typing by hand."""
    return str(registration.code)[:8].upper()


def registrations_of(session: Session) -> str:
    return reverse("programme:session_detail", args=[session.pk]) + "#registrations"


def _visible_registration(user, pk: int) -> Registration:
    try:
        return selectors.registration_for_view(user=user, pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None


def _registered_message(request: HttpRequest, registration: Registration) -> None:
    names = {"person": registration.person}
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(
            request, _("The session is full: %(person)s is on the waiting list.") % names
        )
    else:
        messages.success(request, _("%(person)s is registered.") % names)


@login_required
@require_GET
def person_options(request: HttpRequest, pk: int) -> HttpResponse:
    """The people matching `q`, each with a Register button (htmx, for the search box)."""
    session = visible_session(request.user, pk)
    query = (request.GET.get("q") or "").strip()[:200]
    context = {
        "session": session,
        "query": query,
        "matches": selectors.people_to_register(user=request.user, session=session, q=query),
        "taken": selectors.registered_person_ids(session),
    }
    return render(request, "programme/registration_search_results.html", context)


@login_required
@require_POST
def registration_create(request: HttpRequest, pk: int) -> HttpResponse:
    session = visible_session(request.user, pk)
    if not may_register_here(request.user, session):
        raise PermissionDenied  # the 403 page, not a redirect with "choose a person" (issue 16)
    form = RegistrationForm(request.POST, user=request.user, session=session)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the search results."))
        return redirect(registrations_of(session))
    try:
        registration = services.register(
            actor=request.user, session=session, person=form.cleaned_data["person"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        _registered_message(request, registration)
    return redirect(registrations_of(session))


@login_required
@require_POST
def person_quick_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person who is not in the registry yet, and register them."""
    session = visible_session(request.user, pk)
    if not programme_access.can_manage_session(request.user, session):
        raise PermissionDenied
    query = (request.POST.get("q") or "").strip()[:200]
    form = QuickPersonForm(
        request.POST,
        user=request.user,
        query=query,
        queryset=organization_list(user=request.user, q=query),
    )
    if form.is_valid():
        try:
            registration = services.register_new_person(
                actor=request.user, session=session, fields=form.person_fields()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            _registered_message(request, registration)
            return redirect(registrations_of(session))
    context = {
        "event": session.event,
        "session": session,
        "quick_form": form,
        "commune_options": selectors.commune_options(session.event),
    }
    return render(request, "programme/registration_person_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _visible_registration(request.user, pk)
    session = registration.session
    if not programme_access.can_register(request.user, session, registration.person):
        raise PermissionDenied
    if request.method == "POST":
        try:
            cancellation = services.cancel(actor=request.user, registration=registration)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The registration of %(person)s is cancelled.") % {"person": registration.person},
            )
            for promoted in cancellation.promoted:
                messages.info(
                    request,
                    _("%(person)s moves from the waiting list to the session.")
                    % {"person": promoted.person},
                )
        return redirect(registrations_of(session))
    context = {"event": session.event, "session": session, "registration": registration}
    return render(request, "programme/registration_confirm_cancel.html", context)


@keep_offline
@login_required
@require_GET
def registration_badge(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's badge, or confirmation of registration, with its QR code."""
    registration = _visible_registration(request.user, pk)
    registration.qr = qr_svg(registration, scale=5)
    registration.short_code = short_code(registration)
    context = {
        "event": registration.session.event,
        "session": registration.session,
        "registration": registration,
        "position": selectors.waitlist_position(registration),
    }
    return render(request, "programme/badge.html", context)


@login_required
@require_GET
def session_badges(request: HttpRequest, pk: int) -> HttpResponse:
    """The badges of everyone registered to the session, on A4 sheets."""
    session = visible_session(request.user, pk)
    registrations = list(
        selectors.registration_list(
            user=request.user, session=session, status=Registration.Status.REGISTERED
        )
    )
    for registration in registrations:
        registration.qr = qr_svg(registration)
        registration.short_code = short_code(registration)
    context = {"event": session.event, "session": session, "registrations": registrations}
    return render(request, "programme/badge_sheet.html", context)
