"""The exhibitor portal: the calls one can apply to, the application form, and "my
applications" with their status, wave, offer deadline and the buttons to confirm or
withdraw. Made for a phone and a weak connection: plain pages, no script needed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.calls import eligibility
from tadamon.calls.forms.applications import ApplicationForm
from tadamon.calls.models import Application, Call
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors import applications as selectors
from tadamon.calls.services import applications as services


def _organization(request: HttpRequest):
    """The organization the signed-in exhibitor represents; others may not use the portal."""
    user = request.user
    if not services.represents(user, user.organization_id):
        raise PermissionDenied(_("The portal is for the representatives of exhibitors."))
    return user.organization


@login_required
@require_GET
def portal_home(request: HttpRequest) -> HttpResponse:
    """My organization's applications."""
    organization = _organization(request)
    applications = []
    for application in selectors.own_applications(user=request.user):
        application.can_confirm = application.status == S.ACCEPTED or (
            application.status == S.OFFERED
        )
        application.can_withdraw = services.can_withdraw(application)
        application.can_edit = application.status == S.DRAFT or (
            application.status == S.SUBMITTED and services.is_open(application.call)
        )
        applications.append(application)
    context = {
        "organization": organization,
        "applications": applications,
        "open_calls": selectors.open_calls(user=request.user).count(),
    }
    return render(request, "calls/portal_home.html", context)


@login_required
@require_GET
def portal_calls(request: HttpRequest) -> HttpResponse:
    """Open calls, each with whether my organization may apply and why not."""
    organization = _organization(request)
    applied = selectors.applied_call_ids(user=request.user)
    calls = []
    for call in selectors.open_calls(user=request.user):
        call.failures = eligibility.failures(call, organization)
        call.application_pk = applied.get(call.pk)
        calls.append(call)
    return render(request, "calls/portal_calls.html", {"calls": calls})


def _render_form(request: HttpRequest, form: ApplicationForm, call: Call, application=None):
    context = {
        "form": form,
        "call": call,
        "event": call.event,
        "application": application,
        "failures": eligibility.failures(call, _organization(request)),
    }
    return render(request, "calls/portal_apply.html", context)


def _saved(request: HttpRequest, application: Application) -> HttpResponse:
    if application.status == S.SUBMITTED:
        messages.success(
            request,
            _("Your application was sent. You will be told of the decision."),
        )
    else:
        messages.success(request, _("Your draft was saved; send it before the call closes."))
    return redirect("calls:portal_home")


@login_required
@require_http_methods(["GET", "POST"])
def portal_apply(request: HttpRequest, call_pk: int) -> HttpResponse:
    _organization(request)
    try:
        call = selectors.open_call_for(user=request.user, pk=call_pk)
    except Call.DoesNotExist:
        raise Http404 from None
    existing = selectors.applied_call_ids(user=request.user).get(call.pk)
    if existing:
        return redirect("calls:portal_edit", pk=existing)
    form = ApplicationForm(request.POST if request.method == "POST" else None, call=call)
    if form.is_bound and form.is_valid():
        try:
            application = services.apply(
                actor=request.user,
                call=call,
                fields=form.answers(),
                wave_preferences=form.waves() or [],
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, application)
    return _render_form(request, form, call)


@login_required
@require_http_methods(["GET", "POST"])
def portal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft (or a submitted application while the call is open), and send it."""
    _organization(request)
    try:
        application = selectors.own_applications(user=request.user).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if application.status not in services.EDITABLE:
        return redirect("calls:application_detail", pk=application.pk)
    call = application.call
    form = ApplicationForm(
        request.POST if request.method == "POST" else None, call=call, instance=application
    )
    if form.is_bound and form.is_valid():
        try:
            services.save_application(
                actor=request.user,
                call=call,
                application=application,
                fields=form.answers(),
                wave_preferences=form.waves(),
            )
            if "submit" in request.POST and application.status == S.DRAFT:
                services.submit_application(actor=request.user, application=application)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, application)
    return _render_form(request, form, call, application)
