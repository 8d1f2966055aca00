"""The one guard against formula injection (issue 15): a text a spreadsheet program would run
as a formula is written as text, in CSV and in XLSX; numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from tadamon.core import spreadsheets

DANGEROUS = [
    '=HYPERLINK("http://evil.example/","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_formula_like_text_gets_a_leading_apostrophe(text):
    assert spreadsheets.neutralised(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Coopérative Argan", "تعاونية", "", "-5", "+212.50", "-12.00", -5, 3.5, None]
)
def test_other_values_and_plain_numbers_are_kept(value):
    assert spreadsheets.neutralised(value) == value


def test_the_csv_holds_every_value_and_no_formula():
    content = spreadsheets.csv_bytes([["name", "amount"], [DANGEROUS[0], -5], ["x", None]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["name", "amount"], ["'" + DANGEROUS[0], "-5"], ["x", ""]]


def test_xlsx_rows_keep_the_text_as_text_cells_and_numbers_as_numbers():
    book = Workbook()
    for text in DANGEROUS:
        spreadsheets.append_row(book.active, [text, -5, Decimal("12.50"), None])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = load_workbook(buffer).active
    for row, text in zip(sheet.iter_rows(), DANGEROUS, strict=True):
        # XML reads a carriage return back as a line feed; the text is otherwise exact.
        assert (row[0].value, row[0].data_type) == (text.replace("\r", "\n"), "s")
        assert (row[1].value, row[1].data_type) == (-5, "n")
        assert row[2].data_type == "n"
