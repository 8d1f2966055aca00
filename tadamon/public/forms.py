"""Forms of the public pages (no account needed)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.core.forms import ServiceForm
from tadamon.events.models import Event, EventKind, Wave
from tadamon.public.selectors import CatalogueFilters, DirectoryFilters, EventFilters
from tadamon.registry.models import OrganizationKind, Province, Region, Sector
from tadamon.registry.validators import normalize_phone
from tadamon.visitors.models import VisitorRegistration


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


def _select(field: forms.Field) -> forms.Field:
    field.widget.attrs["class"] = "form-select form-select-sm"
    return field


def _text_query() -> forms.CharField:
    return forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "type": "search", "autocomplete": "off"}
        ),
    )


class DirectoryFilterForm(forms.Form):
    """Filters of the exhibitor directory (GET); invalid values are ignored."""

    q = _text_query()

    region = _select(
        forms.ModelChoiceField(
            label=_("region"),
            queryset=Region.objects.order_by("code"),
            to_field_name="code",
            required=False,
            empty_label=_("All regions"),
        )
    )
    province = _select(
        forms.ModelChoiceField(
            label=_("province"),
            queryset=Province.objects.order_by("code"),
            to_field_name="code",
            required=False,
            empty_label=_("All provinces"),
        )
    )
    sector = _select(
        forms.ModelChoiceField(
            label=_("sector"),
            queryset=Sector.objects.order_by("position", "code"),
            to_field_name="code",
            required=False,
            empty_label=_("All sectors"),
        )
    )
    kind = _select(
        forms.ModelChoiceField(
            label=_("kind"),
            queryset=OrganizationKind.objects.order_by("position"),
            to_field_name="code",
            required=False,
            empty_label=_("All kinds"),
        )
    )
    women_led = forms.BooleanField(label=_("Led by women"), required=False)

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return DirectoryFilters(
            q=data.get("q", ""),
            region=data["region"].code if data.get("region") else "",
            province=data["province"].code if data.get("province") else "",
            sector=data["sector"].code if data.get("sector") else "",
            kind=data["kind"].code if data.get("kind") else "",
            women_led=bool(data.get("women_led")),
        )


class CatalogueFilterForm(forms.Form):
    q = _text_query()
    sector = DirectoryFilterForm.base_fields["sector"]
    region = DirectoryFilterForm.base_fields["region"]
    price_min = forms.DecimalField(
        label=_("Price from (MAD)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    price_max = forms.DecimalField(
        label=_("to (MAD)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("price_min", "price_max"):
            self.fields[name].widget.attrs.update(
                {"class": "form-control form-control-sm", "inputmode": "decimal"}
            )

    def filters(self) -> CatalogueFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CatalogueFilters(
            q=data.get("q", ""),
            sector=data["sector"].code if data.get("sector") else "",
            region=data["region"].code if data.get("region") else "",
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
        )


class EventFilterForm(forms.Form):
    """Filters of the public list of fairs (GET); invalid values are ignored."""

    q = _text_query()
    when = _select(
        forms.ChoiceField(
            label=_("When"),
            choices=[
                ("", _("All dates")),
                ("current", _("On now")),
                ("upcoming", _("Coming up")),
                ("past", _("Past")),
            ],
            required=False,
        )
    )
    region = DirectoryFilterForm.base_fields["region"]
    kind = _select(
        forms.ChoiceField(
            label=_("kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
        )
    )

    def filters(self) -> EventFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            q=data.get("q", ""),
            when=data.get("when", ""),
            region=data["region"].code if data.get("region") else "",
            kind=data.get("kind", ""),
        )


class ExhibitorFilterForm(forms.Form):
    """Filters of an event's exhibitors on its public page (GET); the wave filter only for
    an event held in waves."""

    q = _text_query()
    sector = DirectoryFilterForm.base_fields["sector"]
    wave = _select(
        forms.ModelChoiceField(
            label=_("wave"),
            queryset=Wave.objects.none(),
            required=False,
            empty_label=_("All waves"),
        )
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        waves = event.waves.order_by("start_date", "pk")
        if waves.exists():
            self.fields["wave"].queryset = waves
        else:
            del self.fields["wave"]

    def filters(self) -> tuple[str, str, Wave | None]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        sector = data["sector"].code if data.get("sector") else ""
        return data.get("q", ""), sector, data.get("wave")
