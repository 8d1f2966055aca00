"""Quotas of a call for exhibitors: their validation and their check on a set of applications.

A quotas dict has the shape the selection optimizer reads (tadamon/optimize/selection.py):

    {"min_share_women_led": 0.5, "min_share_youth_led": 0.2, "min_share_first_time": 0.3,
     "min_share_women_led_per_wave": 0.4,
     "min_per_region": {"01": 10}, "max_per_region": {"01": 120},
     "min_per_province": {"05.02": 5}, "max_per_province": {...},
     "min_per_sector": {...}, "max_per_sector": {"textile": 30}}

Shares are fractions between 0 and 1; counts are whole numbers keyed by reference codes.
:func:`validate_quotas` refuses anything else with a translated message naming the quota;
:func:`check_quotas` says, quota by quota, whether a set of applications meets it (the
waiting list uses it to pick a replacement that keeps the quotas, the dashboard to show them).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tadamon.calls.models import Application
from tadamon.optimize.selection_instance import (
    COUNT_QUOTAS,
    SHARE_QUOTAS,
    SHARE_SCALE,
    WAVE_SHARE_QUOTAS,
)
from tadamon.registry.models import Province, Region, Sector

# The optimizer's own definitions, so that the dashboard and the replacement never disagree
# with a selection about which quotas exist or about a share at the limit.
# No event has a million places; larger counts would only strain the optimizer's integers.
MAX_COUNT = 1_000_000

QUOTA_NAMES = (*SHARE_QUOTAS, *WAVE_SHARE_QUOTAS, *COUNT_QUOTAS)

LABELS = {
    "min_share_women_led": gettext_lazy("minimum share of women-led organizations"),
    "min_share_youth_led": gettext_lazy("minimum share of youth-led organizations"),
    "min_share_first_time": gettext_lazy("minimum share of first-time participants"),
    "min_share_women_led_per_wave": gettext_lazy(
        "minimum share of women-led organizations in each wave"
    ),
    "min_per_region": gettext_lazy("minimum per region"),
    "max_per_region": gettext_lazy("maximum per region"),
    "min_per_province": gettext_lazy("minimum per province"),
    "max_per_province": gettext_lazy("maximum per province"),
    "min_per_sector": gettext_lazy("minimum per sector"),
    "max_per_sector": gettext_lazy("maximum per sector"),
    "fill": gettext_lazy("number of places to fill"),
}
_REFERENCES = {"region": Region, "province": Province, "sector": Sector}


def is_share(name: str) -> bool:
    return name in SHARE_QUOTAS or name in WAVE_SHARE_QUOTAS


def _place_name(attribute: str, code: str) -> str:
    model = _REFERENCES.get(attribute)
    row = model.objects.filter(code=code).first() if model else None
    return f"{row.name} ({code})" if row else code


def quota_label(name: str, key: str | None = None) -> str:
    """The quota in words, in the active language: “maximum per sector: Textile (textile)”."""
    label = str(LABELS.get(name, name))
    if key is None:
        return label
    if name in WAVE_SHARE_QUOTAS:
        return _("%(quota)s: wave %(wave)s") % {"quota": label, "wave": key}
    attribute = COUNT_QUOTAS[name][1] if name in COUNT_QUOTAS else ""
    return _("%(quota)s: %(place)s") % {"quota": label, "place": _place_name(attribute, key)}


def format_required(name: str, value: Any) -> str:
    """A quota's value as people read it: shares in percent, counts as they are."""
    if value is None:
        return "—"
    if is_share(name):
        return f"{float(value) * 100:g}%"
    return str(value)


# Validation


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _share(name: str, value: Any, errors: dict[str, list[str]]) -> float | None:
    if _is_number(value) and 0 <= value <= 1:
        return float(value)
    message = _("“%(quota)s” must be a share between 0 and 1 (for example 0.3 for 30%%).")
    errors.setdefault(name, []).append(message % {"quota": LABELS[name]})
    return None


def _counts(name: str, value: Any, errors: dict[str, list[str]]) -> dict[str, int] | None:
    attribute = COUNT_QUOTAS[name][1]
    if not isinstance(value, Mapping):
        message = _("“%(quota)s” must map %(what)s codes to whole numbers.")
        errors.setdefault(name, []).append(message % {"quota": LABELS[name], "what": attribute})
        return None
    counts: dict[str, int] = {}
    for code, count in value.items():
        if count is None or count == "":
            continue
        if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_COUNT:
            message = _("“%(quota)s” for %(code)s must be a whole number from 0 to %(max)s.")
            errors.setdefault(name, []).append(
                message % {"quota": LABELS[name], "code": code, "max": MAX_COUNT}
            )
            continue
        counts[str(code)] = count
    known = set(
        _REFERENCES[attribute].objects.filter(code__in=counts).values_list("code", flat=True)
    )
    for code in sorted(set(counts) - known):
        message = _("“%(quota)s”: %(code)s is not a known %(what)s code.")
        errors.setdefault(name, []).append(
            message % {"quota": LABELS[name], "code": code, "what": attribute}
        )
    return counts or None


def _check_min_below_max(quotas: dict[str, Any], errors: dict[str, list[str]]) -> None:
    for attribute in ("region", "province", "sector"):
        lower, upper = f"min_per_{attribute}", f"max_per_{attribute}"
        for code, minimum in (quotas.get(lower) or {}).items():
            maximum = (quotas.get(upper) or {}).get(code)
            if maximum is not None and minimum > maximum:
                message = _("“%(low)s” (%(min)s) is above “%(high)s” (%(max)s).")
                errors.setdefault(lower, []).append(
                    message
                    % {
                        "low": quota_label(lower, code),
                        "min": minimum,
                        "high": quota_label(upper, code),
                        "max": maximum,
                    }
                )


def validate_quotas(raw: Any, *, waves: Sequence[str] | None = None) -> dict[str, Any]:
    """The quotas in `raw`, cleaned (unset ones dropped), or a ValidationError whose keys are
    the quota names and whose messages name the quota in the active language.

    `waves` are the event's wave labels (None without waves: per-wave quotas are refused).
    """
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValidationError({"quotas": _("The quotas must be a JSON object.")})
    errors: dict[str, list[str]] = {}
    quotas: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in QUOTA_NAMES:
            message = _("“%(name)s” is not a known quota. Known quotas: %(known)s.")
            errors.setdefault(str(name), []).append(
                message % {"name": name, "known": ", ".join(QUOTA_NAMES)}
            )
            continue
        if value is None or value == {}:
            continue
        if name in WAVE_SHARE_QUOTAS and not waves:
            message = _("“%(quota)s” needs waves, and this event has none.")
            errors.setdefault(name, []).append(message % {"quota": LABELS[name]})
            continue
        cleaned = _share(name, value, errors) if is_share(name) else _counts(name, value, errors)
        if cleaned is not None:
            quotas[name] = cleaned
    _check_min_below_max(quotas, errors)
    if errors:
        raise ValidationError(errors)
    return quotas


# Checking a set of applications


@dataclass(frozen=True)
class Member:
    """One application as the quotas see it (the same facts the optimizer is given)."""

    id: int
    women_led: bool
    youth_led: bool
    first_time: bool
    region: str | None
    province: str | None
    sector: str | None
    wave: str | None = None


def member(application: Application, *, wave: str | None = None) -> Member:
    """`application` as a Member; `wave` overrides its assigned wave (a replacement's)."""
    organization = application.organization
    return Member(
        id=application.pk,
        women_led=organization.women_led,
        youth_led=organization.youth_led,
        first_time=application.first_participation,
        region=organization.region.code if organization.region_id else None,
        province=organization.province.code if organization.province_id else None,
        sector=organization.primary_sector.code if organization.primary_sector_id else None,
        wave=wave
        if wave is not None
        else (application.wave.label if application.wave_id else None),
    )


def _wave_label(application: Application) -> str | None:
    return application.wave.label if application.wave_id else None


@dataclass(frozen=True)
class QuotaCheck:
    name: str
    key: str | None
    required: float | int
    achieved: float | int | None  # a share (None when nobody is counted) or a count
    count: int
    pool: int
    met: bool

    @property
    def label(self) -> str:
        return quota_label(self.name, self.key)

    @property
    def required_display(self) -> str:
        return format_required(self.name, self.required)

    @property
    def achieved_display(self) -> str:
        return format_required(self.name, self.achieved)


def _share_check(name: str, key: str | None, share: float, pool: list[Member]) -> QuotaCheck:
    count = sum(1 for m in pool if getattr(m, WAVE_SHARE_QUOTAS.get(name) or SHARE_QUOTAS[name]))
    met = SHARE_SCALE * count >= round(share * SHARE_SCALE) * len(pool)
    achieved = round(count / len(pool), 4) if pool else None
    return QuotaCheck(name, key, share, achieved, count, len(pool), met)


def check_quotas(quotas: Mapping[str, Any], members: Iterable[Member]) -> list[QuotaCheck]:
    """Every quota of `quotas` checked on `members`, in the optimizer's report order.

    A share of nobody is met (0 of 0), as in the optimizer; a minimum count of nobody is not.
    """
    members = list(members)
    checks: list[QuotaCheck] = []
    for name in SHARE_QUOTAS:
        if quotas.get(name) is not None:
            checks.append(_share_check(name, None, float(quotas[name]), members))
    for name in WAVE_SHARE_QUOTAS:
        if quotas.get(name) is None:
            continue
        waves = sorted({m.wave for m in members if m.wave is not None})
        for wave in waves:
            pool = [m for m in members if m.wave == wave]
            checks.append(_share_check(name, wave, float(quotas[name]), pool))
    for name, (bound, attribute) in COUNT_QUOTAS.items():
        for code, limit in (quotas.get(name) or {}).items():
            count = sum(1 for m in members if getattr(m, attribute) == code)
            met = count >= limit if bound == "min" else count <= limit
            checks.append(QuotaCheck(name, code, limit, count, count, len(members), met))
    return checks


def broken(checks: Iterable[QuotaCheck]) -> list[QuotaCheck]:
    return [check for check in checks if not check.met]


def check_applications(
    quotas: Mapping[str, Any], applications: Iterable[Application]
) -> list[QuotaCheck]:
    """`check_quotas` on applications (load them with `with_quota_facts`)."""
    return check_quotas(quotas, (member(application) for application in applications))


def with_quota_facts(applications):
    """The queryset with what :func:`member` reads, in one query."""
    return applications.select_related(
        "organization__region",
        "organization__province",
        "organization__primary_sector",
        "wave",
    )


# What the optimizer says, in words


def explanation(code: str) -> str:
    """An optimizer's reason code (``displaced_by_quota:max_per_sector:textile``) in words."""
    reason, _sep, quota = code.partition(":")
    name, _sep, key = quota.partition(":")
    if reason == "selected":
        return _("selected on its score")
    if reason == "selected_for_quota":
        return _("selected to meet the quota “%(quota)s”") % {
            "quota": quota_label(name, key or None)
        }
    if reason == "displaced_by_quota":
        return _("left out because of the quota “%(quota)s”") % {
            "quota": quota_label(name, key or None)
        }
    if reason == "below_cutoff":
        return _("score below the selection's cut-off")
    if reason == "wave_unavailable":
        return _("no place left in the waves it can attend")
    if reason == "excluded":
        return _("left out by hand")
    if reason == "included":
        return _("taken in by hand")
    return code


def conflict_message(conflict: Mapping[str, Any], *, alone: bool) -> str:
    """One conflict of an infeasible selection (name, key, required) in words."""
    name, key = conflict.get("name", ""), conflict.get("key")
    values = {
        "quota": quota_label(name, key),
        "required": format_required(name, conflict.get("required")),
    }
    if name == "fill":
        return _("The waves the applicants can attend cannot hold %(required)s exhibitors.") % (
            values
        )
    if conflict.get("reason") == "no_members":
        return (
            _(
                "No applicant who can be placed counts towards “%(quota)s” (%(required)s): "
                "only selecting nobody would meet it."
            )
            % values
        )
    if alone:
        return _("“%(quota)s” (%(required)s) cannot be met by any selection.") % values
    return _("“%(quota)s” (%(required)s) cannot be met together with the other quotas listed.") % (
        values
    )


def relaxed_label(label: str) -> str:
    """A relaxed quota as the optimizer names it (``name`` or ``name:key``) in words."""
    name, _sep, key = label.partition(":")
    return quota_label(name, key or None)


def conflict_messages(conflicts: Iterable[Mapping[str, Any]]) -> list[str]:
    conflicts = list(conflicts)
    return [conflict_message(c, alone=len(conflicts) == 1) for c in conflicts]
