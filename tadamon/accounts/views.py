"""Log in with django-allauth (user name, e-mail or phone) and out with Django's view, in our
templates; the user's own account page."""

from collections.abc import Callable
from functools import wraps

from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tadamon.accounts import tokens
from tadamon.accounts.adapter import CODE_NO_LONGER_VALID
from tadamon.accounts.forms import PasswordChangeForm, TokenForm


class LoginView(allauth_views.LoginView):
    """allauth's log-in in our page. Where people land is the adapter's
    (tadamon.accounts.adapter.landing_url); django-axes counts the failures (settings)."""

    template_name = "accounts/login.html"


def _during_sign_up(view: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """allauth's code pages of a sign-up in progress. Signed in, allauth would send people
    to the pages that change a phone or an e-mail, which Tadamon does not have: 404."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            raise Http404
        response = view(request)
        sent_back = response.status_code == 302 and response["Location"] == _login_path()
        # allauth ends a code that expired without a word; too many wrong codes it reports.
        if request.method == "POST" and sent_back and not _has_queued_messages(request):
            messages.error(request, CODE_NO_LONGER_VALID)
        return response

    return wrapped


def _login_path() -> str:
    return reverse("account_login")


def _has_queued_messages(request: HttpRequest) -> bool:
    return bool(getattr(getattr(request, "_messages", None), "_queued_messages", None))


verify_phone = _during_sign_up(allauth_views.verify_phone)
verify_email = _during_sign_up(allauth_views.email_verification_sent)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule); then back to the public home page."""


class PasswordChangeView(auth_views.PasswordChangeView):
    """The new password goes through AUTH_PASSWORD_VALIDATORS; the session stays open."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's API tokens: a new one is shown once, after which only its start is kept."""
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_token = tokens.issue_token(
            user=request.user, name=form.cleaned_data["name"], actor=request.user
        )
        form = TokenForm()
    context = {"form": form, "new_token": new_token, "tokens": tokens.tokens_of(request.user)}
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    tokens.revoke_token(actor=request.user, token=token)
    messages.success(request, _("The token %(hint)s… no longer works.") % {"hint": token.hint})
    return redirect("accounts:account")
