"""The one place where an invitation creates an account.

It creates an exhibitor of the organization with the phone (E.164) and e-mail the person gave,
a user name made from them, and the password they chose, checked by Django's password
validators. The phone the invitation's SMS went to is proven by following its link: it is
marked verified, so the person logs in with it (tadamon/accounts/adapter.py logs in by verified
phones only). An account vetted by an organizer's invitation asks no code at log-in."""

import re

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tadamon.accounts.models import Role, User
from tadamon.registry.models import Organization
from tadamon.registry.validators import normalize_phone

USERNAME_LENGTH = 150


def check_password(password: str, *, user: User) -> None:
    """Django's password validators, with our own words for a short password (Django 5.2's
    Arabic catalogue lacks its new message, which would show in English)."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        errors = []
        for error in exc.error_list:
            if error.code == "password_too_short":
                length = error.params["min_length"]
                text = ngettext(
                    "This password is too short: it must have at least %(count)d character.",
                    "This password is too short: it must have at least %(count)d characters.",
                    length,
                ) % {"count": length}
                error = ValidationError(text, code=error.code)
            errors.append(error)
        raise ValidationError(errors) from exc


def username_for(*, email: str, phone: str) -> str:
    """A free user name: the e-mail's local part, else the phone's digits; a number is added
    while the name is taken (the person logs in with the phone or e-mail in any case)."""
    if email:
        base = re.sub(r"[^\w.@+-]", "", email.split("@", 1)[0].lower()) or "member"
    else:
        base = "tel" + re.sub(r"\D", "", phone)
    base = base[: USERNAME_LENGTH - 6]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def check_contact_free(*, email: str, phone: str) -> None:
    """Refuse a phone or e-mail that already opens another account (one person, one log-in)."""
    errors = {}
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("An account with this e-mail already exists: log in with it.")
    if phone and User.objects.filter(phone=phone, phone_verified=True).exists():
        errors["phone"] = _("An account with this phone number already exists: log in with it.")
    if errors:
        raise ValidationError(errors)


def create_exhibitor_account(
    *,
    organization: Organization,
    first_name: str,
    last_name: str,
    phone: str,
    email: str,
    password: str,
    proven_phone: str = "",
) -> User:
    """A new active exhibitor account of `organization`; ValidationError (by field) when the
    phone is not a number, neither phone nor e-mail is given, either is taken, or the
    password is refused by the validators."""
    try:
        phone = normalize_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc
    email = (email or "").strip()
    if not phone and not email:
        raise ValidationError(_("Give a phone number or an e-mail address."))
    check_contact_free(email=email, phone=phone)
    user = User(
        username=username_for(email=email, phone=phone),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone,
        phone_verified=bool(phone) and phone == proven_phone,
        role=Role.EXHIBITOR,
        organization=organization,
        is_active=True,
    )
    try:
        check_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"password1": exc.messages}) from exc
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user
