"""Forms of the selection pages: the quotas (in percent and counts, as organizers state
them), adjustments of a proposal by hand, and the confirmation of its publication.

The quota form turns what was typed into the quotas dict of
tadamon.calls.quotas (shares as fractions); the service has the last word.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from tadamon.calls.models import SelectionRun
from tadamon.core.forms import ServiceForm
from tadamon.registry.models import Region, Sector

SHARE_FIELDS = {
    "min_share_women_led": _("Women-led organizations, at least (%)"),
    "min_share_youth_led": _("Youth-led organizations, at least (%)"),
    "min_share_first_time": _("First-time participants, at least (%)"),
}
WAVE_SHARE_FIELD = "min_share_women_led_per_wave"
WAVE_SHARE_LABEL = _("Women-led organizations in each wave, at least (%)")


def _percent(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "dir": "ltr"}),
    )


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )


class QuotaForm(ServiceForm):
    """Shares in percent, minimum and maximum per region, maximum per sector, and the share
    of women-led organizations in each wave when the event has waves."""

    def __init__(self, *args: Any, has_waves: bool = False, **kwargs: Any) -> None:
        self.regions = list(Region.objects.order_by("code"))
        self.sectors = list(Sector.objects.all())
        fields: dict[str, forms.Field] = {
            name: _percent(label) for name, label in SHARE_FIELDS.items()
        }
        if has_waves:
            fields[WAVE_SHARE_FIELD] = _percent(
                _("Women-led organizations in each wave, at least (%)")
            )
        for region in self.regions:
            fields[f"region_min_{region.code}"] = _count(
                _("At least, from %(region)s") % {"region": region.name}
            )
            fields[f"region_max_{region.code}"] = _count(
                _("At most, from %(region)s") % {"region": region.name}
            )
        for sector in self.sectors:
            fields[f"sector_max_{sector.code}"] = _count(
                _("At most, in %(sector)s") % {"sector": sector.name}
            )
        self.base_fields = fields
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from(cls, quotas: dict[str, Any]) -> dict[str, Any]:
        """Form values from a quotas dict (a previous run's or the call's)."""
        initial: dict[str, Any] = {}
        for name in (*SHARE_FIELDS, WAVE_SHARE_FIELD):
            if quotas.get(name) is not None:
                # "%g" writes 0.5 as 50 and 1/3 as 33.3333, never as 5E+1.
                initial[name] = f"{float(quotas[name]) * 100:g}"
        for bound, prefix in (("min", "region_min_"), ("max", "region_max_")):
            for code, count in (quotas.get(f"{bound}_per_region") or {}).items():
                initial[prefix + code] = count
        for code, count in (quotas.get("max_per_sector") or {}).items():
            initial[f"sector_max_{code}"] = count
        return initial

    def region_rows(self) -> list[tuple[Region, BoundField, BoundField]]:
        return [
            (region, self[f"region_min_{region.code}"], self[f"region_max_{region.code}"])
            for region in self.regions
        ]

    def sector_rows(self) -> list[tuple[Sector, BoundField]]:
        return [(sector, self[f"sector_max_{sector.code}"]) for sector in self.sectors]

    def wave_share(self) -> BoundField | None:
        return self[WAVE_SHARE_FIELD] if WAVE_SHARE_FIELD in self.fields else None

    def quotas(self) -> dict[str, Any]:
        """The quotas dict for tadamon.calls.services.selection.run_selection."""
        data = self.cleaned_data
        quotas: dict[str, Any] = {}
        for name in (*SHARE_FIELDS, WAVE_SHARE_FIELD):
            if data.get(name) is not None:
                quotas[name] = float(data[name] / 100)
        for bound, prefix in (("min", "region_min_"), ("max", "region_max_")):
            counts = {
                region.code: data[prefix + region.code]
                for region in self.regions
                if data.get(prefix + region.code) is not None
            }
            if counts:
                quotas[f"{bound}_per_region"] = counts
        sector_max = {
            sector.code: data[f"sector_max_{sector.code}"]
            for sector in self.sectors
            if data.get(f"sector_max_{sector.code}") is not None
        }
        if sector_max:
            quotas["max_per_sector"] = sector_max
        return quotas


class AdjustForm(forms.Form):
    """Applications taken into the proposal or left out of it, ticked in its tables."""

    include = forms.TypedMultipleChoiceField(coerce=int, required=False)
    exclude = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, run: SelectionRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(pk, pk) for pk in run.result.get("considered", [])]
        self.fields["include"].choices = choices
        self.fields["exclude"].choices = choices


class PublishForm(ServiceForm):
    confirm_broken_quotas = forms.BooleanField(
        label=_("I know that this selection breaks the quotas listed above; publish it anyway."),
        required=False,
    )
    error_fields = {"confirm": "confirm_broken_quotas"}
