"""Forms of the organizer's call pages: the call's settings, its scoring grid and the
assignment of reviewers. They check what was typed; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tadamon.calls.models import Call, ScoringCriterion
from tadamon.core.forms import ServiceForm, model_field
from tadamon.registry.models import OrganizationKind, Region, Sector

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _checkboxes(queryset, label) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all may apply."),
    )


class CallForm(ServiceForm):
    # Call.EDITABLE_FIELDS and the eligibility lists (tests/core/test_editable_fields).
    FIELDS = Call.EDITABLE_FIELDS
    error_fields = {"kinds": "eligible_kinds", "regions": "eligible_regions"}

    opens_on = model_field(Call, "opens_on", widget=DATE)
    closes_on = model_field(Call, "closes_on", widget=DATE)
    capacity = forms.IntegerField(
        label=_("places"),
        min_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    eligible_kinds = _checkboxes(OrganizationKind.objects.all(), _("eligible kinds"))
    eligible_regions = _checkboxes(Region.objects.all(), _("eligible regions"))
    eligible_sectors = _checkboxes(Sector.objects.all(), _("eligible sectors"))
    microcredit_only = model_field(Call, "microcredit_only")
    founded_before = model_field(
        Call, "founded_before", widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    offer_days = model_field(
        Call, "offer_days", widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    instructions_ar = model_field(
        Call, "instructions_ar", widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl"})
    )
    instructions_fr = model_field(
        Call, "instructions_fr", widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    )

    def __init__(
        self, *args: Any, instance: Call | None = None, default_capacity: int = 0, **kwargs: Any
    ) -> None:
        self.instance = instance
        if instance is not None:
            initial = {name: getattr(instance, name) for name in self.FIELDS}
            initial["eligible_kinds"] = list(instance.eligible_kinds.all())
            initial["eligible_regions"] = list(instance.eligible_regions.all())
            initial["eligible_sectors"] = list(instance.eligible_sectors.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["capacity"].help_text = _("Empty: booths × waves (%(places)s places now).") % {
            "places": default_capacity
        }

    def call_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def eligibility(self) -> dict[str, Any]:
        return {
            "kinds": self.cleaned_data["eligible_kinds"],
            "regions": self.cleaned_data["eligible_regions"],
            "sectors": self.cleaned_data["eligible_sectors"],
        }


class CriterionForm(ServiceForm):
    """One row of the grid. Rows left empty are ignored; a named row needs a weight."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name_ar = model_field(ScoringCriterion, "name_ar", widget=forms.TextInput(attrs={"dir": "rtl"}))
    name_fr = model_field(ScoringCriterion, "name_fr", widget=forms.TextInput(attrs={"dir": "ltr"}))
    # Not required here: an untouched extra row must stay valid (see clean()).
    weight = model_field(
        ScoringCriterion,
        "weight",
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": "0"}),
    )
    max_points = model_field(
        ScoringCriterion,
        "max_points",
        required=False,
        initial=None,
        help_text=_("Empty: 10."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "1"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        named = (data.get("name_ar") or "").strip() or (data.get("name_fr") or "").strip()
        if named and data.get("weight") is None:
            self.add_error("weight", _("Give the weight of this criterion."))
        if data.get("max_points") is None:
            data["max_points"] = 10
        return data

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any((data.get("name_ar"), data.get("name_fr"), data.get("weight")))


class BaseCriterionFormSet(forms.BaseFormSet):
    def criteria(self) -> list[dict[str, Any]]:
        """The grid for services.calls.set_criteria: filled rows not ticked for removal."""
        items = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or (form.is_blank() and not data.get("id")):
                continue
            item = {k: data[k] for k in ("name_ar", "name_fr", "weight", "max_points")}
            if data.get("id"):
                item["id"] = data["id"]
            items.append(item)
        return items


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=2, can_delete=True, max_num=30
)


def criterion_initial(call: Call | None) -> list[dict[str, Any]]:
    if call is None:
        return []
    return [
        {
            "id": c.pk,
            "name_ar": c.name_ar,
            "name_fr": c.name_fr,
            "weight": c.weight,
            "max_points": c.max_points,
        }
        for c in call.criteria.all()
    ]


def _reviewer_label(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.organization})" if user.organization_id else name


class ReviewersForm(ServiceForm):
    """Reviewers for one application."""

    reviewers = forms.ModelMultipleChoiceField(
        label=_("reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, candidates, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = candidates
        self.fields["reviewers"].label_from_instance = _reviewer_label


class RoundRobinForm(ReviewersForm):
    """Give every submitted application N reviewers, in turn."""

    per_application = forms.IntegerField(
        label=_("reviewers per application"),
        min_value=1,
        max_value=20,
        initial=2,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
