"""The organizer's invitation pages of an event (who has joined, invite one organization or
all the accepted ones, send again, cancel) and the join page that the invitation's link
opens, for people without an account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.accounts.throttling import client_ip
from tadamon.core import ratelimit
from tadamon.core.origin import public_base_url
from tadamon.invitations import access, notifications, selectors, services
from tadamon.invitations.forms import InvitationFilterForm, InviteForm, JoinForm
from tadamon.invitations.models import Invitation, InvitationStatus
from tadamon.invitations.services import InviteResult, LinkState, Outcome

PAGE_SIZE = 50
# The account is made for the invitation's organization: log in with the model backend (the
# django-axes backend needs the request's credentials, which an invitation has none of).
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _result_message(request: HttpRequest, result: InviteResult) -> None:
    name = result.organization.display_name
    texts = {
        Outcome.INVITED: (messages.success, _("%(name)s is invited.")),
        Outcome.RESENT: (
            messages.success,
            _("%(name)s's invitation had expired: it was sent again with a new link."),
        ),
        Outcome.ALREADY_INVITED: (
            messages.info,
            _("%(name)s is already invited; its link still works. Send it again from the list."),
        ),
        Outcome.HAS_ACCOUNT: (
            messages.info,
            _("%(name)s already has an account on Tadamon: it was not invited."),
        ),
        Outcome.UNREACHABLE: (
            messages.error,
            _("%(name)s has neither a phone nor an e-mail: add one to its record first."),
        ),
    }
    show, text = texts[result.outcome]
    show(request, text % {"name": name})


@login_required
@require_GET
def event_invitations(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Who has joined: every invitation of the event with its status, and the invite forms."""
    event = access.require_manager(request.user, event_pk)
    filters = InvitationFilterForm(request.GET)
    invitations = selectors.invitation_list(user=request.user, event=event, **filters.criteria())
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.status_counts(user=request.user, event=event)
    accepted = selectors.accepted_organizations(event)
    context = {
        "event": event,
        "filters": filters,
        "page": page,
        "counts": [(value, label, counts[value]) for value, label in InvitationStatus.choices],
        "total": sum(counts.values()),
        "invite_form": InviteForm(organizations=selectors.invitable_organizations(event)),
        "accepted_count": accepted.count(),
        "sms_cost": notifications.sms_cost(public_base_url(request), "ar"),
        "days": settings.TADAMON_INVITATION_DAYS,
    }
    return render(request, "invitations/event_invitations.html", context)


@login_required
@require_POST
def invite(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Invite one organization of the event's call."""
    event = access.require_manager(request.user, event_pk)
    form = InviteForm(request.POST, organizations=selectors.invitable_organizations(event))
    if not form.is_valid():
        messages.error(request, _("Choose an organization of this event's call."))
        return redirect("invitations:event_invitations", event_pk=event.pk)
    result = services.invite(
        actor=request.user,
        event=event,
        organization=form.cleaned_data["organization"],
        base_url=public_base_url(request),
    )
    _result_message(request, result)
    return redirect("invitations:event_invitations", event_pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invite_accepted(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Invite every accepted exhibitor at once, after a page that says how many."""
    event = access.require_manager(request.user, event_pk)
    if request.method == "POST":
        results = services.invite_accepted(
            actor=request.user, event=event, base_url=public_base_url(request)
        )
        tally = dict.fromkeys(Outcome, 0)
        for result in results:
            tally[result.outcome] += 1
        sent = tally[Outcome.INVITED] + tally[Outcome.RESENT]
        messages.success(
            request,
            ngettext("%(count)d organization invited.", "%(count)d organizations invited.", sent)
            % {"count": sent},
        )
        for result in results:
            if result.outcome == Outcome.UNREACHABLE:
                _result_message(request, result)
        skipped = tally[Outcome.ALREADY_INVITED] + tally[Outcome.HAS_ACCOUNT]
        if skipped:
            messages.info(
                request,
                ngettext(
                    "%(count)d organization was already invited or has an account: "
                    "nothing was sent to it.",
                    "%(count)d organizations were already invited or have an account: "
                    "nothing was sent to them.",
                    skipped,
                )
                % {"count": skipped},
            )
        return redirect("invitations:event_invitations", event_pk=event.pk)
    accepted = selectors.accepted_organizations(event)
    context = {
        "event": event,
        "accepted_count": accepted.count(),
        "with_account": selectors.with_account(accepted).count(),
        "already_invited": selectors.with_pending_invitation(accepted, event).count(),
        "sms_cost": notifications.sms_cost(public_base_url(request), "ar"),
    }
    return render(request, "invitations/invite_accepted.html", context)


def _managed(request: HttpRequest, pk: int) -> Invitation:
    invitation = selectors.invitation_by_pk(pk)
    if invitation is None:
        raise Http404
    access.require_manager(request.user, invitation.event_id)
    return invitation


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    """A new link and a new expiry; the old link stops working."""
    invitation = _managed(request, pk)
    try:
        services.resend(
            actor=request.user, invitation=invitation, base_url=public_base_url(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation of %(name)s was sent again; the previous link no longer works.")
            % {"name": invitation.organization.display_name},
        )
    return redirect("invitations:event_invitations", event_pk=invitation.event_id)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed(request, pk)
    if request.method == "POST":
        try:
            services.cancel(actor=request.user, invitation=invitation)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The invitation of %(name)s was cancelled: its link no longer works.")
                % {"name": invitation.organization.display_name},
            )
        return redirect("invitations:event_invitations", event_pk=invitation.event_id)
    return render(request, "invitations/cancel.html", {"invitation": invitation})


def _private(response: HttpResponse) -> HttpResponse:
    """The link's token is a key: no cache keeps the page, no search engine, and no other
    site reads it as a referrer ("same-origin": with "no-referrer" the browser would post the
    form with a null Origin, which the CSRF check refuses)."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "same-origin"
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    minutes = settings.TADAMON_JOIN_WINDOW_MINUTES
    context = {"title": _("Too many invitation links opened"), "minutes": minutes}
    response = render(request, "too_many_requests.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return _private(response)


# The page's answer to a link that does not open the form.
STATUS_OF = {
    LinkState.UNKNOWN: 404,
    LinkState.USED: 410,
    LinkState.EXPIRED: 410,
    LinkState.CANCELLED: 410,
}


def _unusable(request: HttpRequest, state: LinkState) -> HttpResponse:
    response = render(
        request, "invitations/join_unusable.html", {"state": state}, status=STATUS_OF[state]
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The page of the invitation's link: the form that opens the account, for whoever holds
    a working link; nothing about the invitation otherwise."""
    allowed = ratelimit.hit(
        "join",
        client_ip(request),
        limit=settings.TADAMON_JOIN_LIMIT,
        window_seconds=settings.TADAMON_JOIN_WINDOW_MINUTES * 60,
    )
    if not allowed:
        return _too_many(request)
    invitation = selectors.invitation_by_token(token)
    state = services.link_state(invitation)
    if state is not None:
        return _unusable(request, state)
    context = {"invitation": invitation, "organization": invitation.organization}
    if request.user.is_authenticated:
        # Signed in already: the account would be someone else's. Log out first.
        return _private(render(request, "invitations/join_signed_in.html", context))
    form = JoinForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.accept(
                token=token,
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                email=data["email"],
                password=data["password1"],
            )
        except services.InvitationUnusable as exc:
            return _unusable(request, exc.state)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            messages.success(
                request,
                _("Welcome to Tadamon: your account of %(name)s is ready.")
                % {"name": invitation.organization.display_name},
            )
            return redirect("registry:my_organization")
    context["form"] = form
    return _private(render(request, "invitations/join.html", context))
