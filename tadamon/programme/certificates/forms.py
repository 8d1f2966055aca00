"""Forms of the certificate pages: they check what was typed; the services decide."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.core.forms import ServiceForm
from tadamon.programme.certificates.rules import MAX_SIGNATORIES, SIGNATORY_KEYS, UNCHANGED
from tadamon.programme.models import Certificate, CertificateRule

SIGNATORY_LABELS = {
    "name_ar": _("Name in Arabic"),
    "title_ar": _("Title in Arabic"),
    "name_fr": _("Name in French / Latin letters"),
    "title_fr": _("Title in French"),
}


def _text(language: str) -> forms.TextInput:
    direction = "rtl" if language == "ar" else "ltr"
    return forms.TextInput(attrs={"dir": direction, "lang": language})


class SettingsForm(ServiceForm):
    """The rule, the logo and up to three signatories, each in four small fields."""

    rule = forms.ChoiceField(
        label=_("Who receives a certificate of attendance"),
        choices=CertificateRule.Rule.choices,
        widget=forms.RadioSelect,
    )
    min_sessions = forms.IntegerField(
        label=_("At least N sessions"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Used with the rule “attended at least N sessions”."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    logo = forms.FileField(
        label=_("Organizer's logo"),
        required=False,
        help_text=_("A PNG or JPEG image, printed at the top of every certificate."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, MAX_SIGNATORIES + 1):
            for key in SIGNATORY_KEYS:
                field = forms.CharField(
                    label=SIGNATORY_LABELS[key],
                    max_length=120,
                    required=False,
                    widget=_text(key[-2:]),
                )
                field.widget.attrs["class"] = "form-control"
                self.fields[f"signatory_{index}_{key}"] = field
        self.error_fields = {"signatories": "signatory_1_name_ar"}

    @staticmethod
    def initial_for(rule: CertificateRule) -> dict[str, Any]:
        initial: dict[str, Any] = {"rule": rule.rule, "min_sessions": rule.min_sessions}
        initial["logo"] = rule.logo or None
        for index, signatory in enumerate(rule.signatories or [], start=1):
            for key in SIGNATORY_KEYS:
                initial[f"signatory_{index}_{key}"] = signatory.get(key, "")
        return initial

    def signatory_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"signatory_{index}_{key}"] for key in SIGNATORY_KEYS]
            for index in range(1, MAX_SIGNATORIES + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        signatories = []
        for index in range(1, MAX_SIGNATORIES + 1):
            row = {key: cleaned.get(f"signatory_{index}_{key}", "") for key in SIGNATORY_KEYS}
            if not any(row.values()):
                continue
            if not row["name_ar"] and not row["name_fr"]:
                self.add_error(
                    f"signatory_{index}_name_ar", _("Give the name in Arabic or in French.")
                )
            signatories.append(row)
        cleaned["signatories"] = signatories
        if cleaned.get("rule") == CertificateRule.Rule.MIN_SESSIONS and not cleaned.get(
            "min_sessions"
        ):
            self.add_error("min_sessions", _("Say how many sessions are needed."))
        return cleaned

    def logo_value(self) -> Any:
        """What the service's `logo` takes: a new file, "" to remove it, else unchanged."""
        logo = self.cleaned_data.get("logo")
        if logo is False:  # "clear" was ticked
            return ""
        if logo and "logo" in self.changed_data:
            return logo
        return UNCHANGED


class IssueForm(ServiceForm):
    """One holder among the candidates of the chosen kind; for a person, the printed names."""

    holder = forms.ModelChoiceField(queryset=None, label=_("Holder"))
    name_ar = forms.CharField(
        label=_("Name printed in Arabic"),
        max_length=200,
        required=False,
        widget=_text("ar"),
        help_text=_("Leave empty to print the name as recorded."),
    )
    name_fr = forms.CharField(
        label=_("Name printed in Latin letters"),
        max_length=200,
        required=False,
        widget=_text("fr"),
        help_text=_("Leave empty to print the name as recorded."),
    )
    error_fields = {"person": "holder", "organization": "holder", "kind": "holder"}

    def __init__(self, *args: Any, kind: str, candidates: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = candidates
        if kind == Certificate.Kind.ATTENDANCE:
            self.fields["holder"].label = _("Person")
        else:
            self.fields["holder"].label = _("Organization")


class BatchForm(ServiceForm):
    kind = forms.ChoiceField(
        label=_("Certificates"),
        choices=Certificate.Kind.choices,
        initial=Certificate.Kind.ATTENDANCE,
        widget=forms.RadioSelect,
    )


class RevokeForm(ServiceForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Kept for the event's managers; the public verification page only says that the "
            "certificate was revoked, and when."
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the certificate is revoked."))
        return reason
