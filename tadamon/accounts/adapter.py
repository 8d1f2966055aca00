"""Tadamon's allauth adapter: where people land, how a phone number is kept on the user
(E.164, verified or not, tadamon.accounts.models.User), and how codes are sent
(tadamon/accounts/delivery.py)."""

import logging
from typing import Any

import phonenumbers
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tadamon.accounts import delivery
from tadamon.accounts.fields import PhoneField
from tadamon.accounts.models import Role, User
from tadamon.core import audit
from tadamon.core.sms import SmsError

logger = logging.getLogger("tadamon.accounts")


def landing_url(user: Any) -> str:
    """After logging in, an exhibitor lands on their organization, others on the registry."""
    if user.role == Role.EXHIBITOR and user.organization_id:
        return reverse("registry:my_organization")
    return reverse("registry:organization_list")


def e164(phone: Any) -> str:
    """`phone` (typed or stored) in E.164, or "" when it is not a phone number."""
    try:
        number = phonenumbers.parse(str(phone), settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


SMS_NOT_SENT = _("The SMS could not be sent. Wait a moment, then ask for a new code.")
CODE_NO_LONGER_VALID = _(
    "This code is no longer valid (it expired, or was typed wrong too many times). To get a "
    "new one, log in with your e-mail, or sign up again with your phone number."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        "too_many_login_attempts": CODE_NO_LONGER_VALID,
        **DefaultAccountAdapter.error_messages,
        "phone_taken": _("An account already uses this phone number. Log in with it instead."),
        "email_taken": _("An account already uses this e-mail. Log in with it instead."),
        "incorrect_code": _("This code is wrong or has expired. Check the last one you got."),
    }

    # Where people land ---------------------------------------------------------------

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return landing_url(request.user)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """After signing up and verifying: the likely matches in the registry."""
        return reverse("registry:signup_match")

    def get_login_stages(self) -> list[str]:
        # By name: importing allauth's stages module first (before allauth's own flows) runs
        # into allauth's import cycle, so it is never imported here.
        ours = {
            "allauth.account.stages.PhoneVerificationStage": (
                "tadamon.accounts.stages.PhoneVerificationStage"
            ),
            "allauth.account.stages.EmailVerificationStage": (
                "tadamon.accounts.stages.EmailVerificationStage"
            ),
        }
        return [ours.get(path, path) for path in super().get_login_stages()]

    # New accounts --------------------------------------------------------------------

    def new_user(self, request: HttpRequest) -> User:
        """People who sign up represent a cooperative, an association or an artisan."""
        user = super().new_user(request)
        user.role = Role.EXHIBITOR
        user.signed_up = True
        return user

    def save_user(
        self, request: HttpRequest, user: User, form: BaseForm, commit: bool = True
    ) -> User:
        """The sign-up form (tadamon.registry.forms.SignupForm) has already made the
        organization the person represents; the account is saved attached to it."""
        organization = form.cleaned_data.get("organization")
        if organization is not None:
            user.organization = organization
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                audit.record(actor=user, action="accounts.user.created", obj=user, created=True)
        return user

    # Phone numbers -------------------------------------------------------------------

    def phone_form_field(self, **kwargs: Any) -> PhoneField:
        return PhoneField(**kwargs)

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: User) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return str(user.phone), user.phone_verified

    def set_phone_verified(self, user: User, phone: str) -> None:
        with transaction.atomic():
            user.phone = phone
            user.phone_verified = True
            user.save(update_fields=["phone", "phone_verified"])
            audit.record(
                actor=user,
                action="accounts.phone.verified",
                obj=user,
                changes={"phone_verified": [False, True]},
            )

    def get_user_by_phone(self, phone: str) -> User | None:
        """Only a verified number logs in: it belongs to the one account that verified it."""
        number = e164(phone)
        if not number:
            return None
        return User.objects.filter(phone=number, phone_verified=True, is_active=True).first()

    def send_verification_code_sms(self, user: User, phone: str, code: str, **kwargs: Any) -> None:
        self._send_code_sms(phone=phone, code=code, kind=delivery.VERIFY_PHONE, user=user)

    def _send_code_sms(self, *, phone: str, code: str, kind: str, user: Any) -> None:
        """A provider that refuses or does not answer is said so on the next page, which
        offers a new code; the account or the reset in progress is kept."""
        try:
            delivery.send_code_sms(phone=phone, code=code, kind=kind, user=user)
        except SmsError:
            logger.exception("The code (%s) could not be sent by SMS", kind)
            if self.request is not None:
                messages.error(self.request, SMS_NOT_SENT)

    # E-mail (and the password reset code, which may go by SMS) ------------------------

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """A password reset asked with a phone number carries that number where allauth
        keeps an e-mail address (tadamon.accounts.forms.ResetPasswordForm): its code goes
        by SMS."""
        user = context.get("user")
        if "@" not in email and e164(email):
            self._send_code_sms(
                phone=e164(email), code=context["code"], kind=delivery.RESET_PASSWORD, user=user
            )
            return
        request = context.get("request") or self.request
        full = {"request": request, "email": email, "current_site": get_current_site(request)}
        full.update(context)
        message = self.render_mail(template_prefix, email, full)
        delivery.send_email(message=message, kind=template_prefix.rsplit("/", 1)[-1], user=user)
