"""Turn spreadsheet cells (text, numbers, dates, booleans) into field values."""

import datetime
import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tadamon.core.text import normalize

from .reading import is_blank

_TRUE = frozenset({"نعم", "اجل", "oui", "o", "yes", "y", "1", "x", "vrai", "true", "ok", "✓", "✔"})
_FALSE = frozenset({"لا", "non", "no", "n", "0", "faux", "false"})
_LIST_SEPARATORS = re.compile(r"[,;/|،؛\n]+")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u066c]+")
_INTEGER = re.compile(r"[-+]?\d+(?:[.,\u066b]0+)?")
_DAY_FIRST = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-]\d{1,2}[/.\-]\d{1,2}(?:[ T].*)?")


def text(value: Any) -> str:
    """A cell as text; whole numbers lose the ".0" that spreadsheets add."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _ascii_digits(value: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in value)


def whole_number(value: Any) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = _SPACES.sub("", _ascii_digits(str(value)))
    if _INTEGER.fullmatch(raw):
        return int(re.split(r"[.,\u066b]", raw)[0])
    raise ValidationError(
        _("“%(value)s” is not a whole number.") % {"value": value}, code="not_a_number"
    )


def year(value: Any) -> int | None:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year
    if is_blank(value):
        return None
    raw = _ascii_digits(str(value).strip())
    for pattern in (_DAY_FIRST, _YEAR_FIRST):
        match = pattern.fullmatch(raw)
        if match:
            return int(match.group(1))
    try:
        return whole_number(value)
    except ValidationError:
        raise ValidationError(
            _("“%(value)s” is not a year.") % {"value": value}, code="not_a_year"
        ) from None


def boolean(value: Any) -> bool | None:
    """Yes or no, as organizers write it (نعم/لا, oui/non, yes/no, 1/0, x); None when empty."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = "" if is_blank(value) else normalize(str(value))
    if not word:
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValidationError(
        _("“%(value)s” is not yes or no (write نعم/لا, oui/non, yes/no, 1/0 or x).")
        % {"value": value},
        code="not_a_boolean",
    )


def items(value: Any) -> list[str]:
    """The values of a cell that lists several (separated by , ; / or ،)."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text(value)) if part.strip()]
