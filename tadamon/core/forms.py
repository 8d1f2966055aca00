"""Filters of the audit trail page."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.core.selectors import AUDIT_KINDS


class AuditFilterForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=None,
        required=False,
        empty_label=_("All my events"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        choices=[("", _("All kinds"))] + [(key, label) for key, (label, _t) in AUDIT_KINDS.items()],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label=_("Name or user"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    organization = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, events: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
