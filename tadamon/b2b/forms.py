"""Forms of the B2B pages: they read what was typed; the services apply the rules and name
the field they refuse (ServiceForm.add_service_error puts it back on the field)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.b2b.models import BUYER_KIND, MeetingRequest, Outcome, Participant
from tadamon.core.forms import ServiceForm
from tadamon.registry.models import Organization, Region, Sector
from tadamon.registry.validators import normalize_phone


def _time() -> forms.Widget:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SetupForm(ServiceForm):
    tables = forms.IntegerField(label=_("Tables in the meeting room"), min_value=1, max_value=1000)
    requests_close_at = forms.DateTimeField(
        label=_("Requests close at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to accept requests until the schedule is computed."),
    )


class SessionForm(ServiceForm):
    label = forms.CharField(label=_("Name"), max_length=120)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("From"), widget=_time())
    ends_at = forms.TimeField(label=_("To"), widget=_time())
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240)
    breaks = forms.CharField(
        label=_("Breaks"),
        max_length=200,
        required=False,
        help_text=_('e.g. "12:30-14:00, 16:00-16:15"'),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


class ProfileForm(ServiceForm):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), required=False
    )
    offers = forms.CharField(
        label=_("What you offer"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seeks = forms.CharField(
        label=_("What you seek"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    volumes = forms.CharField(label=_("Volumes"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of your agenda"), choices=Participant.Language.choices
    )

    def profile(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in ("offers", "seeks", "volumes", "language")}


class BuyerForm(ProfileForm):
    organization = forms.ModelChoiceField(
        label=_("Buyer"),
        queryset=Organization.objects.filter(kind__code=BUYER_KIND).order_by("name_fr", "name_ar"),
        help_text=_("Companies and marketing platforms of the registry."),
    )
    field_order = ["organization"]


class AvailabilityForm(ServiceForm):
    unavailable = forms.ModelMultipleChoiceField(
        label=_("Slots you cannot attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, slots: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].queryset = slots
        self.fields["unavailable"].label_from_instance = lambda slot: (
            f"{slot.session.label} · {slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}"
        )


class RequestForm(ServiceForm):
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )
    message = forms.CharField(label=_("Message"), max_length=500, required=False)


class AnswerForm(ServiceForm):
    priority = forms.TypedChoiceField(
        label=_("Your interest"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )


class OutcomeForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Outcome"), choices=Outcome.Kind.choices)
    amount_mad = forms.DecimalField(
        label=_("Amount (MAD)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CollectiveForm(ServiceForm):
    host = forms.ModelChoiceField(label=_("Host"), queryset=None)
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=2, max_value=500, initial=10)

    def __init__(self, *args: Any, participants: QuerySet, slots: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = participants
        self.fields["slot"].queryset = slots


class MoveForm(ServiceForm):
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=None)
    table = forms.IntegerField(label=_("Table"), min_value=1, max_value=1000)

    def __init__(self, *args: Any, slots: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class BuyerApplicationForm(ServiceForm):
    """The public form of companies and platforms asking to meet the exhibitors."""

    name_ar = forms.CharField(
        label=_("Company name in Arabic"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    name_fr = forms.CharField(
        label=_("Company name in French"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr"}),
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.order_by("code"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr"}),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors you buy in"), queryset=Sector.objects.all(), required=False
    )
    seeks = forms.CharField(
        label=_("What you seek"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    volumes = forms.CharField(label=_("Volumes"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of your agenda"), choices=Participant.Language.choices
    )
    # Left empty by people; robots filling every field are refused.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("name_ar") or data.get("name_fr")):
            self.add_error("name_fr", _("Give the company's name in Arabic or in French."))
        return data
