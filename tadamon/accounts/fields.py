"""The phone number field of the sign-up, log-in and reset forms: typed the Moroccan way
(06 12 34 56 78) or internationally (+212 6 12 34 56 78), cleaned to E.164."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField


class PhoneField(PhoneNumberField):
    """Cleans to the E.164 string (what allauth keeps in the session and passes around)."""

    default_error_messages = {
        "invalid": _("Enter a phone number such as 06 12 34 56 78 or +212 6 12 34 56 78."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("region", "MA")
        kwargs.setdefault("label", _("Phone number"))
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update(
            {"class": "form-control", "dir": "ltr", "autocomplete": "tel", "inputmode": "tel"}
        )

    def to_python(self, value: Any) -> str:  # type: ignore[override]
        number = super().to_python(value)
        return number.as_e164 if number else ""
