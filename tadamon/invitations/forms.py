"""The organizer's forms (invite one organization, filter the invitations) and the join form
of the person who opens the account."""

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.accounts.models import User
from tadamon.core.forms import ServiceForm
from tadamon.invitations.accounts import check_password
from tadamon.invitations.models import Invitation, InvitationStatus
from tadamon.registry.validators import normalize_phone


class InviteForm(ServiceForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)

    def __init__(self, *args: Any, organizations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class InvitationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(InvitationStatus.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label=_("Organization, phone or e-mail"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )

    def criteria(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {"status": self.cleaned_data["status"], "search": self.cleaned_data["q"].strip()}


class JoinForm(ServiceForm):
    """Who opens the account: a name, the phone or e-mail to log in with (filled in from the
    invitation), and a password typed twice."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "dir": "ltr"}),
        help_text=_("For example 0612345678."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"phone": invitation.phone, "email": invitation.email})
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean_phone(self) -> str:
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "phone" in data and "email" in data and not data["phone"] and not data["email"]:
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        if first:
            # Checked here too, so that every mistake shows at once; the service checks again.
            person = User(
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email") or "",
            )
            try:
                check_password(first, user=person)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data
