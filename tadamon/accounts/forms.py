"""The log-in, password, code and token forms, styled for Bootstrap and for phones. Log-in,
codes and password reset are django-allauth's forms (settings.ACCOUNT_FORMS) with our
labels and markup."""

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from tadamon.accounts.fields import PhoneField


class LoginForm(allauth_forms.LoginForm):
    """One field for the user name, the e-mail or the verified phone number. A POST that
    names it `username` (the form before issue 19) is read the same."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        data = kwargs.get("data")
        if data is not None and "login" not in data and "username" in data:
            data = data.copy()
            data["login"] = data["username"]
            kwargs["data"] = data
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("User name, phone number or e-mail")
        login.widget.attrs.update(
            {"class": "form-control", "autocapitalize": "none", "dir": "ltr", "placeholder": ""}
        )
        login.widget.attrs["autocomplete"] = "username"
        password = self.fields["password"]
        password.label = _("Password")
        password.help_text = ""
        password.widget.attrs.update({"class": "form-control", "dir": "ltr", "placeholder": ""})


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """A code to the e-mail or by SMS to the verified phone number of the account. For a
    phone number, allauth's reset (which knows e-mail only) carries the number where it
    keeps the address; the adapter then sends the code by SMS."""

    email = forms.CharField(
        label=_("Phone number or e-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "dir": "ltr",
                "autocapitalize": "none",
                "autocomplete": "username",
            }
        ),
    )

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        if "@" in value:
            forms.EmailField().clean(value)
            self.cleaned_data["email"] = value
            return super().clean_email()
        try:
            phone = PhoneField().clean(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("Enter the e-mail or the phone number of your account."), code="invalid"
            ) from error
        user = get_adapter().get_user_by_phone(phone)
        if user is None:
            raise forms.ValidationError(
                _("No account has this verified phone number."), code="unknown_phone"
            )
        self.users = [user]
        return phone


class SetPasswordForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password (again)")
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-control", "dir": "ltr", "placeholder": ""})
            field.help_text = ""


class _CodeMixin:
    """The six digits of a code: a numeric keyboard on phones, and a clear error."""

    def _style_code(self) -> None:
        code = self.fields["code"]
        code.label = _("Code")
        code.widget.attrs.update(
            {
                "class": "form-control form-control-lg",
                "dir": "ltr",
                "inputmode": "numeric",
                "placeholder": "",
                "autocomplete": "one-time-code",
            }
        )


class ConfirmCodeForm(_CodeMixin, allauth_forms.ConfirmPasswordResetCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_code()


class ConfirmEmailCodeForm(_CodeMixin, allauth_forms.ConfirmEmailVerificationCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_code()


class ConfirmPhoneCodeForm(_CodeMixin, allauth_forms.VerifyPhoneForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_code()


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-control", "dir": "ltr"})


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What will use it, e.g. “sales spreadsheet”."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
