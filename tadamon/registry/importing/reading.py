"""Read the rows of an uploaded CSV or XLSX file, with the limits that keep a server safe."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from django.conf import settings
from django.utils.translation import gettext as _

EXTENSIONS = (".csv", ".xlsx")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_DELIMITERS = ",;\t"
_SNIFF_CHARS = 64 * 1024


class FileError(Exception):
    """The whole file cannot be imported; the message is for the person who sent it."""


@dataclass
class Table:
    """The header (its row number and cells as written) and the non-blank rows after it."""

    header_row: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def max_bytes() -> int:
    return int(getattr(settings, "TADAMON_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(settings.TADAMON_IMPORT_MAX_ROWS)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(file: IO, filename: str) -> Table:
    """The table in `file` (CSV or the first sheet of an XLSX workbook), or FileError."""
    extension = Path(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise FileError(
            _("“%(name)s” cannot be imported: only .csv and .xlsx files are accepted.")
            % {"name": filename}
        )
    data = _read_bytes(file)
    rows = _csv_rows(data) if extension == ".csv" else _xlsx_rows(data)
    return _table(rows)


def _read_bytes(file: IO) -> bytes:
    limit = max_bytes()
    too_big = FileError(
        _("The file is larger than %(limit)s MB; split it into smaller files.")
        % {"limit": f"{limit / 1_048_576:g}"}
    )
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > limit:
        raise too_big
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise too_big
    if not data.strip():
        raise FileError(_("The file is empty."))
    return data


def _delimiter(text: str) -> str:
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    first_line = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter and delimiter in first_line:
        return delimiter
    # The sniffer could not decide: the header line has the most delimiters.
    return max(_DELIMITERS, key=first_line.count)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(
            _("The CSV file is not in UTF-8. Save it again as “CSV UTF-8” and retry.")
        ) from exc
    # NUL bytes are valid UTF-8 but never in a text file: a binary file renamed .csv, or a
    # UTF-16 export without its byte order mark, which would otherwise be read as nonsense.
    if "\x00" in text:
        raise FileError(
            _("The file is not a CSV text file. Save it again as “CSV UTF-8” and retry.")
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        # Rows are numbered as a spreadsheet shows them, one per record.
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise FileError(_("The file could not be read as CSV.")) from exc


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for a damaged file
        raise FileError(_("The file could not be read as an Excel (.xlsx) workbook.")) from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; read the rows as they are.
        sheet.reset_dimensions()
        yield from enumerate((list(values) for values in sheet.iter_rows(values_only=True)), 1)
    except FileError:
        raise
    except Exception as exc:  # damaged sheet XML
        raise FileError(_("The file could not be read as an Excel (.xlsx) workbook.")) from exc
    finally:
        workbook.close()


def _table(rows: Iterator[tuple[int, list[Any]]]) -> Table:
    table = Table()
    limit = max_rows()
    found_header = False
    for number, cells in rows:
        if all(is_blank(cell) for cell in cells):
            continue
        if not found_header:
            found_header = True
            table.header_row = number
            table.headers = ["" if is_blank(cell) else str(cell).strip() for cell in cells]
            continue
        if len(table.rows) >= limit:
            raise FileError(
                _("The file has more than %(limit)s rows; split it into smaller files.")
                % {"limit": limit}
            )
        table.rows.append((number, cells))
    if not found_header:
        raise FileError(_("The file is empty."))
    return table
