"""Award pages: the organizers' page of an event, the jurors' scoring page, certificates.

Every action goes through tadamon.awards.services, which checks the actor's rights again;
the views only choose between 403 (the event is visible but not managed) and 404.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tadamon.awards import pdf, selectors, services
from tadamon.awards.models import AwardCategory, AwardResult, Candidate
from tadamon.core.origin import public_base_url
from tadamon.events.access import require_event_manager
from tadamon.events.models import EventPartner
from tadamon.programme.certificates import services as certificate_services
from tadamon.programme.models import Certificate


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _managed_category(request: HttpRequest, pk: int) -> AwardCategory:
    category = get_object_or_404(AwardCategory.objects.select_related("event"), pk=pk)
    require_event_manager(request.user, category.event_id)
    return category


@login_required
@require_GET
def event_awards(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    results: dict[int, list[AwardResult]] = {}
    for result in selectors.results_of(event, published_only=False):
        results.setdefault(result.category_id, []).append(result)
    categories = []
    for category in selectors.categories_of(event).prefetch_related("criteria"):
        if category.published_at:
            status = "published"
        elif category.is_jury and category.jury_closed_at:
            status = "closed"
        else:
            status = "open"
        categories.append(
            {
                "category": category,
                "status": status,
                "results": results.get(category.pk, []),
                "progress": selectors.jury_progress(category) if category.is_jury else None,
            }
        )
    context = {
        "event": event,
        "categories": categories,
        "has_computed": any(not item["category"].is_jury for item in categories),
        "partners": selectors.partner_appreciations(event),
    }
    return render(request, "awards/event_awards.html", context)


def _back_to_event(event_pk: int) -> HttpResponse:
    return redirect("awards:event_awards", event_pk=event_pk)


@login_required
@require_POST
def create_template(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    services.create_from_template(event=event, actor=request.user)
    messages.success(request, _("The award categories of the template are ready."))
    return _back_to_event(event.pk)


@login_required
@require_POST
def compute_event(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    try:
        results = services.compute_event(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Computed categories ranked: %(count)s results.") % {"count": len(results)}
        )
    return _back_to_event(event.pk)


@login_required
@require_POST
def close_jury(request: HttpRequest, pk: int) -> HttpResponse:
    category = _managed_category(request, pk)
    try:
        services.close_jury(
            category=category,
            actor=request.user,
            confirm_without_scores=request.POST.get("confirm_without_scores") == "on",
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The jury is closed and its candidates are ranked."))
    return _back_to_event(category.event_id)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    category = _managed_category(request, pk)
    try:
        services.publish(category=category, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The category's results are published."))
    return _back_to_event(category.event_id)


def _juries_context(request: HttpRequest, errors=None, submitted=None) -> dict:
    """The categories the user judges, each candidate with the user's own scores."""
    errors = errors or {}
    submitted = submitted or {}
    categories = (
        AwardCategory.objects.filter(jurors__user=request.user, kind=AwardCategory.Kind.JURY)
        .select_related("event")
        .prefetch_related("criteria", "candidates__organization", "candidates__person")
        .order_by("event__start_date", "event_id", "position", "id")
    )
    juries = []
    for category in categories:
        own = {
            (entry.candidate_id, entry.criterion_id): entry.points
            for entry in selectors.visible_scores(user=request.user, category=category).filter(
                juror__user=request.user
            )
        }
        candidates = []
        for candidate in category.candidates.all():
            rows = []
            for criterion in category.criteria.all():
                value = submitted.get(
                    (candidate.pk, criterion.pk), own.get((candidate.pk, criterion.pk))
                )
                rows.append(
                    {
                        "criterion": criterion,
                        "name": f"criterion_{criterion.pk}",
                        "value": "" if value is None else value,
                        "error": errors.get((candidate.pk, criterion.pk), ""),
                    }
                )
            candidates.append(
                {
                    "candidate": candidate,
                    "rows": rows,
                    "error": errors.get((candidate.pk, None), ""),
                }
            )
        juries.append({"category": category, "candidates": candidates})
    return {"juries": juries}


@login_required
@require_GET
def my_juries(request: HttpRequest) -> HttpResponse:
    return render(request, "awards/my_juries.html", _juries_context(request))


@login_required
@require_POST
def score_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Scores one candidate on every criterion of its category; nothing is kept on error."""
    candidate = get_object_or_404(
        Candidate.objects.select_related("category"), pk=pk, category__jurors__user=request.user
    )
    criteria = list(candidate.category.criteria.all())
    errors: dict[tuple[int, int | None], str] = {}
    submitted: dict[tuple[int, int], str] = {}
    values: list[tuple] = []
    for criterion in criteria:
        raw = request.POST.get(f"criterion_{criterion.pk}", "").strip().replace(",", ".")
        submitted[(candidate.pk, criterion.pk)] = raw
        try:
            points = Decimal(raw)
            if not points.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors[(candidate.pk, criterion.pk)] = _("Give a number.")
            continue
        if points < 0 or points > criterion.max_points:
            errors[(candidate.pk, criterion.pk)] = _("Give between 0 and %(max)s points.") % {
                "max": criterion.max_points
            }
            continue
        values.append((criterion, points))
    if not errors:
        try:
            with transaction.atomic():
                for criterion, points in values:
                    services.score(
                        juror_user=request.user,
                        candidate=candidate,
                        criterion=criterion,
                        points=points,
                    )
        except (ValidationError, PermissionDenied) as error:
            text = _error_text(error) if isinstance(error, ValidationError) else str(error)
            errors[(candidate.pk, None)] = text
    if errors:
        context = _juries_context(request, errors=errors, submitted=submitted)
        return render(request, "awards/my_juries.html", context, status=400)
    messages.success(
        request, _("Your scores for %(candidate)s are saved.") % {"candidate": candidate}
    )
    return redirect("awards:my_juries")


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(
        AwardResult.objects.select_related("category__event", "organization", "person"), pk=pk
    )
    require_event_manager(request.user, result.category.event_id)
    response = HttpResponse(pdf.render_result(result), content_type="application/pdf")
    filename = f"award-{result.category.code}-{result.rank}-{result.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def partner_appreciation(request: HttpRequest, event_pk: int, organization_pk: int) -> HttpResponse:
    """Issue a partner's certificate of appreciation (numbered and verifiable, through the
    programme's certificates) from the awards page, where the shields are prepared."""
    event = require_event_manager(request.user, event_pk)
    partner = (
        EventPartner.objects.select_related("organization")
        .filter(event=event, organization_id=organization_pk)
        .first()
    )
    if partner is None:
        raise Http404
    try:
        certificate = certificate_services.issue(
            actor=request.user,
            event=event,
            kind=Certificate.Kind.APPRECIATION,
            holder=partner.organization,
            base_url=public_base_url(request),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Certificate of appreciation %(number)s was issued to %(name)s.")
            % {"number": certificate.number, "name": partner.organization},
        )
    return redirect(f"{reverse('awards:event_awards', args=[event.pk])}#partners")
