"""Forms every app shares (the base of service-backed forms, the field a model derives) and
the filters of the audit trail page."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.core.selectors import AUDIT_KINDS


def model_field(model: type[Model], name: str, **kwargs: Any) -> forms.Field:
    """The form field Django derives from a model field: same label, length and choices."""
    return model._meta.get_field(name).formfield(**kwargs)


class ServiceForm(forms.Form):
    """Bootstrap classes on the widgets, and service errors attached to fields."""

    #: Where a service's error on a model field is shown when the form names it otherwise.
    error_fields: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # Radio and checkbox lists give their attributes to every option they render.
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names (else on top)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            target = self.error_fields.get(name, name)
            self.add_error(target if target in self.fields else None, ValidationError(errors))

    def _current(self, name: str) -> Any:
        """The value a field has now: as submitted when bound, else its initial value."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        value = self.initial.get(name)
        return value.pk if isinstance(value, Model) else value


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
