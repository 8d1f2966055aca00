"""Every CSV and XLSX file the product writes goes through here, so that no text typed by
someone (an exhibitor's name, an event's title, a wave's label) opens as a formula in a
spreadsheet program (formula or CSV injection, issue 15).

- CSV carries no types: a text starting with = + - @, a tab or a carriage return gets a
  leading apostrophe, as OWASP recommends, which spreadsheet programs read as "this is text".
  A plain number written as text ("-12.50") is no formula and is kept as it is.
- XLSX has types: every text is stored as a text cell, never as a formula, so the text is kept
  exactly; numbers stay numbers.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

# Spreadsheet programs run a cell starting with one of these as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralised(value: Any) -> Any:
    """The value to write in a CSV cell: a formula-like text behind an apostrophe; anything
    else (numbers, None, ordinary text) unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV document of the rows (None as an empty cell), in UTF-8 with a byte-order mark so
    that spreadsheet programs read the Arabic as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if value is None else neutralised(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def append_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """Append a row to an XLSX sheet, every text as a text cell: openpyxl would otherwise store
    a text starting with "=" as a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
