"""The log-in form, styled for Bootstrap and for phones."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "form-control", "autocapitalize": "none", "dir": "ltr"}
        )
        self.fields["password"].widget.attrs.update({"class": "form-control", "dir": "ltr"})
