"""One application: its page for the managers, the assigned reviewers and the applicant,
and the actions on it. Every action calls a service; a refused change of status comes
back as a message and the status stays as it was."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.calls import workflow
from tadamon.calls.forms.applications import DecisionForm, WithdrawForm
from tadamon.calls.forms.calls import ReviewersForm
from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors import applications as selectors
from tadamon.calls.selectors import reviews as review_selectors
from tadamon.calls.services import applications as services
from tadamon.calls.services import reviews as review_services
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager


def visible_application(user, pk: int) -> Application:
    """The application if `user` may see it; 404 otherwise."""
    try:
        return selectors.application_for_view(user=user, pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back(request: HttpRequest, application: Application) -> HttpResponse:
    """To the page the action came from (the portal or the application's page)."""
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(candidate)
    return redirect("calls:application_detail", pk=application.pk)


def decisions_for(application: Application) -> list[tuple[str, str]]:
    """The decision buttons that the state machine allows now (the others are hidden)."""
    return [
        (status, label)
        for status, label in DecisionForm.CHOICES
        if workflow.can_transition(application, status) and application.status != S.OFFERED
    ]


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request.user, pk)
    user = request.user
    call = application.call
    manages = event_access.can_manage_event(user, call.event)
    represents = services.represents(user, application.organization_id)
    context = {
        "application": application,
        "call": call,
        "event": call.event,
        "organization": application.organization,
        "manages": manages,
        "represents": represents,
        "my_assignment": review_selectors.assignments_of(user=user)
        .filter(application=application)
        .first(),
        # Accepted, or offered (the offer is accepted and confirmed in one step).
        "can_confirm": represents and application.status in {S.ACCEPTED, S.OFFERED},
        "can_withdraw": (manages or represents) and services.can_withdraw(application),
    }
    if manages:
        context["summary"] = review_selectors.review_summary(application)
        context["criteria"] = list(call.criteria.all())
        context["decisions"] = decisions_for(application)
        context["decision_form"] = DecisionForm(call=call, initial={"wave": application.wave_id})
        context["reviewers_form"] = ReviewersForm(
            candidates=review_selectors.reviewer_candidates(call).exclude(
                organization_id=application.organization_id
            )
        )
        context["reviewable"] = application.status in review_services.REVIEWABLE
    return render(request, "calls/application_detail.html", context)


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The managers' buttons: start the review, accept (in a wave), waitlist, reject."""
    application = visible_application(request.user, pk)
    require_event_manager(request.user, application.call.event)  # 403 before the form
    form = DecisionForm(request.POST, call=application.call)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return _back(request, application)
    decision, wave = form.cleaned_data["decision"], form.cleaned_data["wave"]
    try:
        if decision == S.UNDER_REVIEW:
            services.start_review(actor=request.user, application=application)
        else:
            services.decide(
                actor=request.user,
                application=application,
                decision=decision,
                wave=wave if decision == S.ACCEPTED else None,
            )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The application of %(name)s is now “%(status)s”.")
            % {"name": application.organization, "status": application.get_status_display()},
        )
    return _back(request, application)


@login_required
@require_POST
def application_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant confirms its place (accepting an open offer at the same time)."""
    application = visible_application(request.user, pk)
    try:
        services.confirm(actor=request.user, application=application)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your participation is confirmed. See you at the event!"))
    return _back(request, application)


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw after a confirmation page: the place goes to the waiting list."""
    application = visible_application(request.user, pk)
    services.check_applicant_side(request.user, application)  # 403, not the form
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.withdraw(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The application of %(name)s was withdrawn.")
                % {"name": application.organization},
            )
        return _back(request, application)
    context = {
        "application": application,
        "form": form,
        "holds_a_place": application.status in workflow.HOLDS_A_PLACE,
        "next": request.GET.get("next", ""),
    }
    return render(request, "calls/application_confirm_withdraw.html", context)


@login_required
@require_POST
def application_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign reviewers to this application."""
    application = visible_application(request.user, pk)
    require_event_manager(request.user, application.call.event)  # 403 before the form
    form = ReviewersForm(
        request.POST, candidates=review_selectors.reviewer_candidates(application.call)
    )
    if not form.is_valid():
        messages.error(request, _("Choose at least one reviewer."))
        return _back(request, application)
    try:
        created = review_services.assign_reviewers(
            actor=request.user,
            applications=[application],
            reviewers=form.cleaned_data["reviewers"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("%(count)s reviewers assigned.") % {"count": len(created)})
    return _back(request, application)
