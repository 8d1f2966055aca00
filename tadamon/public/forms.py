"""Forms of the public pages (no account needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.events.models import VisitorRegistration
from tadamon.registry.forms import ServiceForm
from tadamon.registry.validators import normalize_phone


class VisitorForm(ServiceForm):
    """Free visitor registration. The services check the values again and name the field."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("Registering again with the same number gives back the same badge."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}),
    )
    commune_name = forms.CharField(
        label=_("Your commune (optional)"), max_length=120, required=False
    )
    gender = forms.ChoiceField(
        label=_("You are (optional)"),
        choices=[("", "—"), *VisitorRegistration.Gender.choices],
        required=False,
    )
    # Left empty by people; robots filling every field are refused.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""
