"""Forms of the programme pages: a session, registering a person, adding a new person.

They check what was typed and hand it to tadamon.programme.services; a service's
ValidationError comes back next to the field it names (ServiceForm.add_service_error).
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tadamon.core.forms import ServiceForm, model_field
from tadamon.events.forms.events import OrganizationPickerMixin
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme.models import Session
from tadamon.programme.selectors import sessions as selectors
from tadamon.registry.models import Organization, Person

_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget() -> forms.Widget:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT)


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class SessionForm(ServiceForm):
    # Its fields are Session.EDITABLE_FIELDS, topics and trainers.
    MODEL_FIELDS = Session.EDITABLE_FIELDS
    error_fields = {"commune": "commune_name"}

    kind = model_field(Session, "kind")
    title_ar = model_field(
        Session, "title_ar", widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})
    )
    title_fr = model_field(
        Session, "title_fr", widget=forms.TextInput(attrs={"dir": "ltr", "lang": "fr"})
    )
    starts_at = model_field(Session, "starts_at", widget=_datetime_widget())
    ends_at = model_field(Session, "ends_at", widget=_datetime_widget())
    commune_name = forms.CharField(
        label=_("commune"),
        max_length=120,
        required=False,
        help_text=_("Type the name; the communes known in the event's province are suggested."),
        widget=forms.TextInput(attrs={"list": "commune-options", "autocomplete": "off"}),
    )
    room = model_field(Session, "room")
    capacity = model_field(
        Session, "capacity", widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})
    )
    audience = model_field(Session, "audience")
    topics = forms.ModelMultipleChoiceField(
        label=_("topics"),
        queryset=selectors.topic_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trainers = TrainerChoiceField(
        label=_("trainers"),
        queryset=selectors.trainer_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Users with the trainer role; each sees and checks in their own sessions."),
    )

    def __init__(
        self, *args: Any, event: Event, instance: Session | None = None, **kwargs: Any
    ) -> None:
        self.event = event
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.MODEL_FIELDS}
            initial["commune_name"] = instance.commune_label
            initial["topics"] = list(instance.topics.all())
            initial["trainers"] = list(instance.trainers.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = selectors.topic_choices()
        self.fields["trainers"].queryset = selectors.trainer_choices()

    def commune_options(self) -> QuerySet:
        return selectors.commune_options(self.event)

    def session_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}


class RegistrationForm(forms.Form):
    """The person chosen among the search results (a hidden field of each result)."""

    person = forms.ModelChoiceField(label=_("person"), queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Any, session: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = programme_access.registrable_people_for(user, session)


class QuickPersonForm(OrganizationPickerMixin, ServiceForm):
    """A person not yet in the registry, added and registered in one step."""

    MODEL_FIELDS = ("first_name", "last_name", "gender", "age_band", "commune_name")
    error_fields = {"commune": "commune_name"}

    first_name = model_field(Person, "first_name", widget=forms.TextInput(attrs={"dir": "auto"}))
    last_name = model_field(Person, "last_name", widget=forms.TextInput(attrs={"dir": "auto"}))
    gender = model_field(Person, "gender", widget=forms.RadioSelect)
    age_band = model_field(Person, "age_band")
    organization = forms.ModelChoiceField(
        label=_("organization"), queryset=Organization.objects.none(), required=False
    )
    commune_name = forms.CharField(
        label=_("commune"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "commune-options", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, user: Any, query: str, queryset: QuerySet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # A radio list has no "---------" choice.
        self.fields["gender"].choices = Person.Gender.choices
        self.setup_picker(user=user, query=query, queryset=queryset)

    def person_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.MODEL_FIELDS}
        fields["organization"] = self.cleaned_data["organization"]
        return fields
