"""The broadcast form: who (statuses, waves, sectors, provinces of the event's exhibitors),
what (a subject, the text in Arabic and/or French) and how (the channels)."""

import uuid
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.broadcasts import selectors
from tadamon.broadcasts.selectors import Audience
from tadamon.calls.models import ApplicationStatus
from tadamon.core.forms import ServiceForm
from tadamon.events.models import Event, Participation
from tadamon.messaging.models import Channel
from tadamon.registry.models import Province, Sector

# An application in draft was never sent: nobody at the event knows of it.
APPLICATION_STATUSES = [
    (value, label) for value, label in ApplicationStatus.choices if value != "draft"
]


FILTERS = ("application_statuses", "participation_statuses", "waves", "sectors", "provinces")


def _ids(label: Any) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


class BroadcastForm(ServiceForm):
    application_statuses = forms.MultipleChoiceField(
        label=_("Application status"),
        choices=APPLICATION_STATUSES,
        initial=[ApplicationStatus.ACCEPTED, ApplicationStatus.CONFIRMED],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participation_statuses = forms.MultipleChoiceField(
        label=_("Participation status"),
        choices=Participation.Status.choices,
        initial=[Participation.Status.CONFIRMED],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    waves = _ids(_("Waves"))
    sectors = _ids(_("Sectors"))
    provinces = _ids(_("Provinces"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text_ar = forms.CharField(
        label=_("Text in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
    )
    text_fr = forms.CharField(
        label=_("Text in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr", "lang": "fr"}),
    )
    channels = forms.MultipleChoiceField(
        label=_("Send by"),
        choices=Channel.choices,
        initial=list(Channel.values),
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["application_statuses"].help_text = _(
            "Leave both statuses empty to write to every applicant and participant."
        )
        self.fields["text_fr"].help_text = _(
            "Each organization receives the text in its language; when only one text is "
            "written, everybody receives it."
        )
        candidates = selectors.candidates(event)
        self.fields["waves"].choices = [(w.pk, w.name) for w in event.waves.all()]
        sectors = Sector.objects.filter(
            Q(pk__in=candidates.values("primary_sector_id"))
            | Q(organizations__in=candidates.values("pk"))
        ).distinct()
        self.fields["sectors"].choices = [(s.pk, s.name) for s in sectors.order_by("position")]
        provinces = Province.objects.filter(pk__in=candidates.values("province_id"))
        self.fields["provinces"].choices = sorted(
            ((p.pk, p.name) for p in provinces), key=lambda choice: choice[1]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("text_ar") or "").strip() and not (data.get("text_fr") or "").strip():
            self.add_error("text_ar", _("Write the text in Arabic, in French or in both."))
        return data

    def _values(self) -> dict[str, Any]:
        """The valid values of a bound form, the initial ones of a new form."""
        if self.is_bound:
            return getattr(self, "cleaned_data", {})
        return {name: self.get_initial_for_field(f, name) for name, f in self.fields.items()}

    def audience(self) -> Audience:
        """The recipients chosen so far."""
        data = self._values()
        return Audience(**{name: tuple(data.get(name) or ()) for name in FILTERS})

    def chosen_channels(self) -> list[str]:
        return list(self._values().get("channels") or [])

    def texts(self) -> dict[str, str]:
        data = self._values()
        return {"ar": data.get("text_ar") or "", "fr": data.get("text_fr") or ""}
