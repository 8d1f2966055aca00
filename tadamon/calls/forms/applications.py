"""Forms of the applications: the applicant's answers, the organizer's filters and
decisions, the reviewer's scores and a withdrawal's reason."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.calls.models import Application, ApplicationStatus, Call, ScoringCriterion
from tadamon.core.forms import ServiceForm, model_field
from tadamon.registry.models import Organization, Region

TEXT = {"rows": 4, "dir": "auto"}


def plain_number(value) -> str:
    """2.00 → "2", 1.50 → "1.5": weights as people write them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ApplicationForm(ServiceForm):
    """The applicant's answers; `organizations` adds the choice of the applicant (an
    organizer applying on behalf of an organization)."""

    FIELDS = ("motivation", "products_text", "needs_accessible_booth")

    organization = forms.ModelChoiceField(
        label=_("organization"), queryset=Organization.objects.none()
    )
    motivation = model_field(Application, "motivation", widget=forms.Textarea(attrs=TEXT))
    products_text = model_field(Application, "products_text", widget=forms.Textarea(attrs=TEXT))
    wave_preferences = forms.ModelMultipleChoiceField(
        label=_("waves you can attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any wave."),
    )
    needs_accessible_booth = model_field(Application, "needs_accessible_booth")

    def __init__(
        self,
        *args: Any,
        call: Call,
        instance: Application | None = None,
        organizations=None,
        **kwargs: Any,
    ) -> None:
        self.call = call
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.FIELDS}
            initial["wave_preferences"] = list(instance.wave_preferences.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        waves = call.event.waves.all()
        self.fields["wave_preferences"].queryset = waves
        if not waves.exists():
            del self.fields["wave_preferences"]
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def waves(self) -> list | None:
        if "wave_preferences" not in self.fields:
            return None
        return list(self.cleaned_data["wave_preferences"])


class ApplicationFilterForm(forms.Form):
    """Filters of the organizer's list of applications (a GET form)."""

    ORDERINGS = [
        ("score", _("Highest score first")),
        ("submitted", _("First submitted first")),
        ("name", _("Name")),
        ("status", _("Status")),
    ]
    WOMEN_LED = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]

    status = forms.ChoiceField(
        label=_("status"),
        choices=[("", _("All statuses")), *ApplicationStatus.choices],
        required=False,
    )
    wave = forms.ModelChoiceField(
        label=_("wave"), queryset=None, required=False, empty_label=_("All waves")
    )
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    women_led = forms.ChoiceField(label=_("led by women"), choices=WOMEN_LED, required=False)
    ordering = forms.ChoiceField(label=_("order"), choices=ORDERINGS, required=False)

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = call.event.waves.all()
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def criteria(self) -> dict[str, Any]:
        """Keyword arguments for selectors.application_list; invalid filters are ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or "",
            "wave": data["wave"].pk if data.get("wave") else None,
            "region": data["region"].code if data.get("region") else "",
            "women_led": {"yes": True, "no": False}.get(data.get("women_led") or ""),
            "ordering": data.get("ordering") or "score",
        }


class DecisionForm(forms.Form):
    """What the decision buttons post: the status wanted and, to accept, a wave."""

    # The buttons say what they do.
    CHOICES = [
        (ApplicationStatus.UNDER_REVIEW, _("Start the review")),
        (ApplicationStatus.ACCEPTED, _("Accept")),
        (ApplicationStatus.WAITLISTED, _("Put on the waiting list")),
        (ApplicationStatus.REJECTED, _("Reject")),
    ]

    decision = forms.ChoiceField(choices=CHOICES)
    wave = forms.ModelChoiceField(
        label=_("wave"), queryset=None, required=False, empty_label=_("No wave yet")
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = call.event.waves.all()
        self.fields["wave"].widget.attrs["class"] = "form-select"


class ScoreForm(ServiceForm):
    """One number per criterion of the call, from 0 to its maximum."""

    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )

    def __init__(
        self, *args: Any, criteria: list[ScoringCriterion], given: dict[int, int], **kwargs: Any
    ) -> None:
        self.criteria = criteria
        super().__init__(*args, **kwargs)
        fields = {}
        for criterion in criteria:
            fields[self.field_name(criterion)] = forms.IntegerField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion, "weight": plain_number(criterion.weight)},
                min_value=0,
                max_value=criterion.max_points,
                initial=given.get(criterion.pk),
                help_text=_("From 0 to %(max)s.") % {"max": criterion.max_points},
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "class": "form-control", "min": 0}
                ),
            )
        # The criteria come first, the comment last.
        self.fields = {**fields, "comment": self.fields["comment"]}

    @staticmethod
    def field_name(criterion: ScoringCriterion) -> str:
        return f"criterion_{criterion.pk}"

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[self.field_name(c)] for c in self.criteria}

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[self.field_name(c)] for c in self.criteria]


class WithdrawForm(ServiceForm):
    reason = forms.CharField(
        label=_("reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
