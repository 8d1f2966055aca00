"""The observatory's filters (a GET form); invalid values are ignored, not fatal."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.events.models import EventKind
from tadamon.registry import access as registry_access
from tadamon.registry.models import Province, Region, Sector
from tadamon.reports.observatory import Filters


class ObservatoryFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    province = forms.ModelChoiceField(
        label=_("province"),
        queryset=Province.objects.order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    sector = forms.ModelChoiceField(
        label=_("sector"),
        queryset=Sector.objects.order_by("position", "code"),
        to_field_name="code",
        required=False,
        empty_label=_("All sectors"),
    )
    organizer = forms.ModelChoiceField(
        label=_("organizer"), queryset=None, required=False, empty_label=_("All organizers")
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["organizer"].queryset = registry_access.organizer_bodies().order_by("name_fr")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> Filters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            region=data["region"].code if data.get("region") else "",
            province=data["province"].code if data.get("province") else "",
            year=data.get("year"),
            kind=data.get("kind") or "",
            sector=data["sector"].code if data.get("sector") else "",
            organizer=data["organizer"].pk if data.get("organizer") else None,
        )
