"""Who represents an organization (issue 19): after signing up, the person names the likely
match that is theirs, or keeps the record they typed in; an organizer confirms or refuses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.registry import access as registry_access
from tadamon.registry import selectors, services
from tadamon.registry.forms import ClaimMatchForm, ClaimRefuseForm


@login_required
@require_http_methods(["GET", "POST"])
def signup_match(request: HttpRequest) -> HttpResponse:
    """The records of the registry that look like the one typed in at sign-up, with why;
    the person says which is theirs ("this is us") or that theirs is new."""
    claim = selectors.pending_claim_of(request.user)
    if claim is None:
        raise Http404
    candidates = selectors.claim_matches(claim)
    form = ClaimMatchForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_match(actor=request.user, claim=claim, match=form.chosen)
        except ValidationError as error:
            form.add_error("choice", error.messages)
        else:
            messages.success(
                request,
                _(
                    "Thank you. An organizer will confirm your organization; meanwhile you can "
                    "complete its profile and apply to open calls."
                ),
            )
            return redirect("registry:my_organization")
    context = {
        "claim": claim,
        "candidates": candidates,
        "form": form,
        "new_label": form.fields["choice"].choices[-1][1],
    }
    return render(request, "registry/signup_match.html", context)


@login_required
@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    """The sign-ups waiting for an organizer, each with the record typed in and its matches."""
    if not registry_access.can_decide_claims(request.user):
        raise PermissionDenied
    claims = [
        (claim, selectors.claim_matches(claim))
        for claim in selectors.claims_to_decide(user=request.user)
    ]
    return render(request, "registry/claim_list.html", {"claims": claims})


@login_required
@require_GET
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One sign-up and the confirm and refuse forms (each a POST to its own address)."""
    claim = selectors.claim_for_decision(user=request.user, pk=pk)
    context = {
        "claim": claim,
        "candidates": selectors.claim_matches(claim),
        "refuse_form": ClaimRefuseForm(),
    }
    return render(request, "registry/claim_detail.html", context)


@login_required
@require_POST
def claim_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_for_decision(user=request.user, pk=pk)
    try:
        claim = services.confirm_claim(actor=request.user, claim=claim)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registry:claim_detail", pk=pk)
    messages.success(
        request,
        _("%(user)s now represents “%(organization)s”.")
        % {
            "user": claim.user.get_full_name() or claim.user.username,
            "organization": claim.organization,
        },
    )
    return redirect("registry:claim_list")


@login_required
@require_POST
def claim_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.claim_for_decision(user=request.user, pk=pk)
    form = ClaimRefuseForm(request.POST)
    if form.is_valid():
        try:
            services.refuse_claim(
                actor=request.user, claim=claim, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The sign-up was refused; the person is told why."))
            return redirect("registry:claim_list")
    context = {"claim": claim, "candidates": selectors.claim_matches(claim), "refuse_form": form}
    return render(request, "registry/claim_detail.html", context, status=400)
