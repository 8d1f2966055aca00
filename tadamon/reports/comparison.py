"""Each headline figure of a closing report next to the previous edition's, with the change.

Unknown figures (None) stay unknown: no change is computed from or to an unknown figure.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _


def headline_labels() -> dict[str, str]:
    return {
        "exhibitors": _("Exhibitors"),
        "women_led_exhibitors": _("Exhibitors led by women"),
        "visitors": _("Visitors"),
        "turnover_mad": _("Turnover (MAD)"),
        "beneficiaries": _("Beneficiaries"),
        "beneficiaries_women": _("Women beneficiaries"),
        "beneficiary_organizations": _("Organizations of the beneficiaries"),
        "communes": _("Communes reached"),
        "b2b_meetings": _("B2B meetings held"),
        "area_m2": _("Area (m²)"),
        "days": _("Days"),
    }


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def headline(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of {key, label, value, previous, change, percent}; previous and change are None
    without a previous edition or when either side is unknown."""
    previous = report.get("previous_edition") or {}
    rows = []
    for key, label in headline_labels().items():
        value, before = report.get(key), previous.get(key) if previous else None
        now, then = _number(value), _number(before)
        change = None if now is None or then is None else now - then
        percent = None
        if change is not None and then:
            percent = round(float(change) / float(then) * 100, 1)
        rows.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "previous": before,
                "change": change,
                "percent": percent,
            }
        )
    return rows
