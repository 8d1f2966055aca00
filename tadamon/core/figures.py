"""Dates and figures written as each language reads them, in pages and PDFs alike.

Moroccan readers take 06/07/2024 as 6 July, so dates carry the month in words (the formats of
config/formats); figures are grouped by thousands with one decimal convention per language.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format, number_format


def as_date(value: object) -> datetime.date | None:
    """A date from a date, a datetime or an ISO string (as stored in reports); else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def day_text(value: object) -> str:
    """One date with the month in words, or "" when there is none."""
    when = as_date(value)
    return date_format(when, "DATE_FORMAT") if when else ""


def date_range_text(start: object, end: object) -> str:
    """ "7 – 9 June 2024", "28 June – 2 July 2024": the shared month or year written once."""
    first, last = as_date(start), as_date(end)
    if first is None or last is None:
        return day_text(first or last)
    if first == last:
        return date_format(first, "DATE_FORMAT")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} – {date_format(last, 'DATE_FORMAT')}"
    if first.year == last.year:
        return f"{date_format(first, 'MONTH_DAY_FORMAT')} – {date_format(last, 'DATE_FORMAT')}"
    return f"{date_format(first, 'DATE_FORMAT')} – {date_format(last, 'DATE_FORMAT')}"


def figure_text(value: object, places: int | None = None) -> str | None:
    """A number grouped by thousands in the active language (6 000 000,00 or 6,000,000.00).

    Decimals are kept as given (a report's "6000000.00" keeps two) unless `places` is set.
    None when `value` is not a number, so that callers show it as it is.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    if places is None:
        exponent = number.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(number, int(places), force_grouping=True)


def isolated(text: str) -> str:
    """`text` between first-strong isolate marks (U+2068 … U+2069), so that a Latin name in an
    Arabic line (or the reverse) keeps its place and takes no punctuation with it."""
    return f"\u2068{text}\u2069" if text else text


def list_text(items: Iterable[str], language: str) -> str:
    """Items joined by the language's comma, each isolated from its neighbours."""
    separator = "، " if language == "ar" else ", "
    return separator.join(isolated(item) for item in items if item)
