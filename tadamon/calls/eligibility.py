"""Who may apply to a call (SPEC 3C): each rule looks at the organization's profile and
returns a translated reason when it fails, or None when it holds.

Decisions documented here:
- sectors: an organization is eligible when ANY of its sectors (the main one or another)
  is among the call's sectors — a cooperative weaving and selling couscous may exhibit
  its terroir products at a terroir fair;
- founded before: the founding year must be strictly before the call's year; an
  organization without a recorded founding year does not meet the rule (its profile says
  what to fill in);
- an empty list of kinds, regions or sectors means "all".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tadamon.calls.models import Call
from tadamon.registry.models import Organization


@dataclass(frozen=True)
class Failure:
    rule: str
    reason: str


def _names(rows) -> str:
    return ", ".join(str(row) for row in rows)


def check_kind(call: Call, organization: Organization) -> str | None:
    kinds = list(call.eligible_kinds.all())
    if not kinds or organization.kind_id in {kind.pk for kind in kinds}:
        return None
    return _("Only these kinds of organization may apply: %(allowed)s (yours: %(actual)s).") % {
        "allowed": _names(kinds),
        "actual": organization.kind,
    }


def check_region(call: Call, organization: Organization) -> str | None:
    regions = list(call.eligible_regions.all())
    if not regions or organization.region_id in {region.pk for region in regions}:
        return None
    return _(
        "Only organizations from these regions may apply: %(allowed)s (yours: %(actual)s)."
    ) % {
        "allowed": _names(regions),
        "actual": organization.region,
    }


def check_sector(call: Call, organization: Organization) -> str | None:
    sectors = list(call.eligible_sectors.all())
    if not sectors:
        return None
    own = set(organization.sectors.values_list("pk", flat=True))
    if organization.primary_sector_id:
        own.add(organization.primary_sector_id)
    if own & {sector.pk for sector in sectors}:
        return None
    return _("Only organizations working in these sectors may apply: %(allowed)s.") % {
        "allowed": _names(sectors)
    }


def check_microcredit(call: Call, organization: Organization) -> str | None:
    if not call.microcredit_only or organization.microcredit_beneficiary:
        return None
    return _("This call is reserved to microcredit beneficiaries.")


def check_founded_before(call: Call, organization: Organization) -> str | None:
    year = call.founded_before
    if year is None:
        return None
    if organization.founded_year is None:
        return _(
            "This call is for organizations founded before %(year)s; the founding year is "
            "missing from your organization's profile."
        ) % {"year": year}
    if organization.founded_year < year:
        return None
    return _("This call is for organizations founded before %(year)s (yours: %(actual)s).") % {
        "year": year,
        "actual": organization.founded_year,
    }


#: The rules in the order they are reported; the key is the rule's name in errors.
RULES: dict[str, Callable[[Call, Organization], str | None]] = {
    "kinds": check_kind,
    "regions": check_region,
    "sectors": check_sector,
    "microcredit_only": check_microcredit,
    "founded_before": check_founded_before,
}


def failures(call: Call, organization: Organization) -> list[Failure]:
    """Every rule of `call` that `organization` does not meet (empty: eligible)."""
    found = []
    for rule, check in RULES.items():
        reason = check(call, organization)
        if reason:
            found.append(Failure(rule=rule, reason=reason))
    return found


def is_eligible(call: Call, organization: Organization) -> bool:
    return not failures(call, organization)


def ensure_eligible(call: Call, organization: Organization) -> None:
    """Raise a ValidationError on the field "eligibility", one message per failed rule;
    each message's code is the rule's name."""
    found = failures(call, organization)
    if found:
        raise ValidationError(
            {"eligibility": [ValidationError(f.reason, code=f.rule) for f in found]},
            code="ineligible",
        )
