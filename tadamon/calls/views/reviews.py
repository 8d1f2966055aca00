"""Review pages: the organizer assigns reviewers and follows their progress; a reviewer
sees the reviews assigned to them and scores each on the call's grid."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.calls.forms.applications import ScoreForm
from tadamon.calls.forms.calls import RoundRobinForm
from tadamon.calls.models import ReviewAssignment
from tadamon.calls.selectors import applications as selectors
from tadamon.calls.selectors import reviews as review_selectors
from tadamon.calls.services import reviews as review_services
from tadamon.calls.views.calls import managed_call


@login_required
@require_http_methods(["GET", "POST"])
def review_assign(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Give every submitted application N reviewers in turn; lists who reviews what."""
    event, call = managed_call(request.user, event_pk)
    candidates = review_selectors.reviewer_candidates(call)
    form = RoundRobinForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if form.is_bound and form.is_valid():
        try:
            result = review_services.assign_round_robin(
                actor=request.user,
                call=call,
                reviewers=form.cleaned_data["reviewers"],
                per_application=form.cleaned_data["per_application"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s review assigned.", "%(count)s reviews assigned.", len(result.created)
                )
                % {"count": len(result.created)},
            )
            if result.short:
                messages.warning(
                    request,
                    _("Too few reviewers could take these applications: %(names)s.")
                    % {"names": ", ".join(str(a.organization) for a in result.short)},
                )
            return redirect("calls:review_assign", event_pk=event.pk)
    applications = (
        selectors.application_list(user=request.user, call=call, ordering="submitted")
        .filter(status__in=review_services.REVIEWABLE)
        .annotate(reviewers=Count("assignments", distinct=True))
        .prefetch_related("assignments__reviewer")
    )
    context = {"event": event, "call": call, "form": form, "applications": applications}
    return render(request, "calls/review_assign.html", context)


@login_required
@require_GET
def review_progress(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Who has finished their reviews and who has not."""
    event, call = managed_call(request.user, event_pk)
    progress = review_selectors.review_progress(user=request.user, call=call)
    context = {
        "event": event,
        "call": call,
        "progress": progress,
        "unfinished": sum(1 for p in progress if not p.finished),
    }
    return render(request, "calls/review_progress.html", context)


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """The reviews assigned to me: those to do first."""
    assignments = review_selectors.assignments_of(user=request.user)
    context = {
        "pending": [a for a in assignments if a.completed_at is None],
        "done": [a for a in assignments if a.completed_at is not None],
    }
    return render(request, "calls/review_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_score(request: HttpRequest, pk: int) -> HttpResponse:
    """My scores for one application, one number per criterion."""
    try:
        assignment = review_selectors.assignment_for_reviewer(user=request.user, pk=pk)
    except ReviewAssignment.DoesNotExist:
        raise Http404 from None
    application = assignment.application
    criteria = list(application.call.criteria.all())
    given = {score.criterion_id: score.points for score in assignment.scores.all()}
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        given=given,
        initial={"comment": assignment.comment},
    )
    can_score = application.status in review_services.REVIEWABLE and bool(criteria)
    if form.is_bound and form.is_valid():
        try:
            review_services.score(
                actor=request.user,
                assignment=assignment,
                points=form.points(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Your scores for %(name)s were saved.") % {"name": application.organization},
            )
            return redirect("calls:review_list")
    context = {
        "assignment": assignment,
        "application": application,
        "organization": application.organization,
        "form": form,
        "can_score": can_score,
    }
    return render(request, "calls/review_form.html", context)
