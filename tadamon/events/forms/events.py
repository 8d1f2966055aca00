"""Forms of the event pages. They check what a person typed and hand it to the services in
tadamon.events.services; a service's ValidationError comes back onto the field it names."""

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.accounts import roles
from tadamon.core.forms import ServiceForm, model_field
from tadamon.core.params import MAX_ID, parse_id, parse_int
from tadamon.events.models import Event, EventKind, EventPartner, EventSeries, Participation, Wave
from tadamon.events.selectors import events as selectors
from tadamon.registry import access as registry_access
from tadamon.registry.forms import province_choices
from tadamon.registry.models import Organization, Region

_LIST_SEPARATORS = re.compile(r"[,،;\n]+")


def _date_widget() -> forms.Widget:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rtl(rows: int | None = None) -> forms.Widget:
    attrs = {"dir": "rtl", "lang": "ar"}
    return forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs)


def _ltr(rows: int | None = None) -> forms.Widget:
    attrs = {"dir": "ltr", "lang": "fr"}
    return forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs=attrs)


def _number(**attrs: Any) -> forms.Widget:
    return forms.NumberInput(attrs={"inputmode": "numeric", **attrs})


def split_list(text: str) -> list[str]:
    """ "A, B، C" or one per line → ["A", "B", "C"] (Arabic commas too)."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text or "") if part.strip()]


class EventForm(ServiceForm):
    """The event itself (SPEC 3B). Administrators also choose the organizing body."""

    # Its fields are Event.EDITABLE_FIELDS (tests/core/test_editable_fields), and new_series.
    MODEL_FIELDS = Event.EDITABLE_FIELDS
    error_fields = {"organizer": "organizer"}

    kind = model_field(Event, "kind")
    title_ar = model_field(Event, "title_ar", widget=_rtl())
    title_fr = model_field(Event, "title_fr", widget=_ltr())
    theme_ar = model_field(Event, "theme_ar", widget=_rtl())
    theme_fr = model_field(Event, "theme_fr", widget=_ltr())
    organizer = forms.ModelChoiceField(label=_("organizer"), queryset=Organization.objects.none())
    series = forms.ModelChoiceField(
        label=_("series"),
        queryset=EventSeries.objects.none(),
        required=False,
        help_text=_("Editions of one series are compared in the closing report."),
    )
    new_series = forms.CharField(
        label=_("or a new series"),
        max_length=255,
        required=False,
        help_text=_("Type its name to create it; leave empty to keep the choice above."),
    )
    edition = model_field(Event, "edition", widget=_number(min=1))
    region = model_field(Event, "region")
    province = model_field(Event, "province")
    city = model_field(Event, "city")
    venue = model_field(Event, "venue")
    start_date = model_field(Event, "start_date", widget=_date_widget())
    end_date = model_field(Event, "end_date", widget=_date_widget())
    opening_hours = model_field(
        Event,
        "opening_hours",
        widget=forms.TextInput(attrs={"placeholder": "10:00–20:00", "dir": "ltr"}),
    )
    area_m2 = model_field(Event, "area_m2", widget=_number(min=0))
    description_ar = model_field(Event, "description_ar", widget=_rtl(rows=3))
    description_fr = model_field(Event, "description_fr", widget=_ltr(rows=3))
    is_published = model_field(
        Event,
        "is_published",
        help_text=_("Published events are shown to every signed-in user."),
    )
    visitor_registration = model_field(Event, "visitor_registration")

    def __init__(self, *args: Any, user: Any, instance: Event | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            initial = {
                name: instance._meta.get_field(name).value_from_object(instance)
                for name in self.MODEL_FIELDS
            }
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = selectors.series_choices(user=user, event=instance)
        if roles.is_platform_admin(user) and instance is None:
            self.fields["organizer"].queryset = registry_access.organizer_bodies()
        else:
            # Organizer staff create events of their own body; the organizer of an
            # existing event is changed only through the API, by an administrator.
            del self.fields["organizer"]
        region = parse_id(self._current("region"))
        region_row = Region.objects.filter(pk=region).first() if region is not None else None
        self.fields["province"].widget.choices = province_choices(region_row)

    def event_fields(self) -> dict[str, Any]:
        # The organizer is a field only when an administrator creates the event.
        fields = {
            name: self.cleaned_data[name] for name in self.MODEL_FIELDS if name in self.fields
        }
        if self.cleaned_data.get("new_series"):
            fields.pop("series")
        return fields

    def series_name(self) -> str:
        return self.cleaned_data.get("new_series") or ""


class EventFilterForm(forms.Form):
    """The search box and filters of the event list (a GET form)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        for name in ("kind", "region", "year"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def criteria(self) -> dict[str, Any]:
        """Keyword arguments for selectors.event_list; invalid filters are ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "kind": data.get("kind") or "",
            "region": data["region"].code if data.get("region") else "",
            "year": data.get("year"),
        }


class WaveForm(ServiceForm):
    MODEL_FIELDS = Wave.EDITABLE_FIELDS

    label = model_field(
        Wave, "label", help_text=_("For example “July” or “Month 1”."), widget=forms.TextInput()
    )
    label_ar = model_field(Wave, "label_ar", widget=forms.TextInput(attrs={"dir": "rtl"}))
    start_date = model_field(Wave, "start_date", widget=_date_widget())
    end_date = model_field(Wave, "end_date", widget=_date_widget())
    capacity = model_field(Wave, "capacity", widget=_number(min=1))

    def __init__(self, *args: Any, instance: Wave | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial", {name: getattr(instance, name) for name in self.MODEL_FIELDS}
            )
        super().__init__(*args, **kwargs)

    def wave_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}


class BoothGridForm(ServiceForm):
    """Rows × columns booths, coded A-01, A-02, ... (rows are letters)."""

    rows = forms.IntegerField(label=_("rows"), min_value=1, max_value=100, widget=_number(min=1))
    columns = forms.IntegerField(
        label=_("booths per row"), min_value=1, max_value=200, widget=_number(min=1)
    )
    zones = forms.CharField(
        label=_("zones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One zone name per row, in order (one per line or separated by commas), "
            "or a single name for every row."
        ),
    )
    prefix = forms.CharField(
        label=_("code prefix"),
        required=False,
        max_length=8,
        help_text=_("Put before every code, e.g. “H1-” gives H1-A-01."),
    )
    accessible_rows = forms.CharField(
        label=_("accessible rows"),
        required=False,
        help_text=_("Row numbers whose booths are accessible, e.g. “1, 2”."),
    )
    size_m2 = forms.DecimalField(
        label=_("size of each booth (m²)"),
        required=False,
        min_value=0.01,
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
    )

    def clean_accessible_rows(self) -> list[int]:
        values = split_list(self.cleaned_data.get("accessible_rows", "").replace(" ", ","))
        rows = [parse_int(value, min_value=0, max_value=MAX_ID) for value in values]
        if None in rows:
            raise forms.ValidationError(_("Give row numbers, separated by commas."))
        return rows

    def grid_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rows": data["rows"],
            "columns": data["columns"],
            "zones": split_list(data.get("zones", "")),
            "prefix": data.get("prefix", ""),
            "accessible_rows": data["accessible_rows"],
            "size_m2": data.get("size_m2"),
        }


def option_label(organization: Organization) -> str:
    """Its name and region: two cooperatives often share a name."""
    return f"{organization.display_name} · {organization.region}"


class OrganizationPickerMixin:
    """An organization chosen from a short list of search results.

    The field accepts any organization the user may see; the list offered holds the
    matches of the search typed in `q` (reloaded by htmx, or by the Search button).
    """

    OPTIONS_SHOWN = 50

    def setup_picker(self, *, user: Any, query: str, queryset: QuerySet) -> None:
        field = self.fields["organization"]
        field.queryset = registry_access.organizations_for(user)
        matches = list(queryset[: self.OPTIONS_SHOWN])
        chosen = parse_id(self._current("organization"))
        if chosen is not None and all(o.pk != chosen for o in matches):
            matches = [*field.queryset.filter(pk=chosen), *matches]
        field.widget.choices = [("", "---------"), *((o.pk, option_label(o)) for o in matches)]
        self.query = query


class PartnerForm(OrganizationPickerMixin, ServiceForm):
    organization = forms.ModelChoiceField(
        label=_("organization"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(label=_("role"), choices=EventPartner.Role.choices)

    def __init__(self, *args: Any, user: Any, query: str, queryset: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setup_picker(user=user, query=query, queryset=queryset)


class ParticipationForm(OrganizationPickerMixin, ServiceForm):
    """Direct registration of an organization by an organizer."""

    organization = forms.ModelChoiceField(
        label=_("organization"), queryset=Organization.objects.none()
    )
    wave = forms.ModelChoiceField(label=_("wave"), queryset=Wave.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (Participation.Status.CONFIRMED, Participation.Status.CONFIRMED.label),
            (Participation.Status.PENDING, Participation.Status.PENDING.label),
        ],
        initial=Participation.Status.CONFIRMED,
        widget=forms.RadioSelect,
        help_text=_("A confirmed participation counts as an exhibitor."),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        event: Event,
        query: str,
        queryset: QuerySet,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = event.waves.order_by("start_date", "id")
        self.setup_picker(user=user, query=query, queryset=queryset)


class ParticipationChangeForm(ServiceForm):
    status = forms.ChoiceField(label=_("status"), choices=Participation.Status.choices)
    wave = forms.ModelChoiceField(label=_("wave"), queryset=Wave.objects.none(), required=False)

    def __init__(self, *args: Any, participation: Participation, **kwargs: Any):
        kwargs.setdefault(
            "initial", {"status": participation.status, "wave": participation.wave_id}
        )
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = participation.event.waves.order_by("start_date", "id")
