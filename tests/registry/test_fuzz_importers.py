"""Fuzzing the organizations importer (issue 10, point 5).

The importer reads whatever organizers upload: random bytes named .csv or .xlsx, damaged
workbooks, CSV text of any shape, and sheets whose headers are the known ones in any order with
cells of every type a spreadsheet holds. Whatever the input, `import_organizations` answers an
`ImportReport` — file errors or row errors, each with a message, and nothing written unless the
whole file is good — and the cell converters answer a value or a `ValidationError`. Any other
exception is a bug.

The runs are derandomized (the same examples on every run) and bounded to a few hundred
examples per target.
"""

import csv
import datetime
import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tadamon.registry.importing import FileError, ImportReport, cells, columns, import_organizations
from tadamon.registry.importing.reading import read_table
from tadamon.registry.models import Organization

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    # The database fixtures are set up once for all the examples of a test: imports that
    # succeed stay written, so later examples also exercise matching and updating.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Cells: values that fit their column (so that rows get past the first checks and whole files
# get written), mixed with every type and oddity a spreadsheet can hold.
GOOD: dict[str, list[Any]] = {
    "name_ar": ["تعاونية الأمل", "جمعية النور", "تعاونيه الامل"],
    "name_fr": ["Coopérative Al Amal", "Association Annour", "COOPERATIVE AL AMAL"],
    "kind": ["cooperative", "تعاونية", "association", "جمعية"],
    "registration_number": ["ODCO-0001", "ODCO-0002", ""],
    "founded_year": [2001, "2001", "15/03/2001", "2001-03-15", datetime.date(2001, 3, 15)],
    "region": ["01", "1", 1, 1.0, "طنجة تطوان الحسيمة"],
    "province": ["تطوان", "Tétouan", None],
    "commune": ["تطوان", "Tétouan", "M'diq", "دوار جديد"],
    "sectors": ["terroir_products", "Produits du terroir", "terroir_products، argan"],
    "members": [20, "20", "20.0", 20.0, "3 000"],
    "women_members": [0, 12, "12", "١٢"],
    "phone": ["0612345678", "+212612345678", "06 12 34 56 78", None],
    "email": ["coop@example.org", None],
}
BAD: dict[str, list[Any]] = {
    "kind": ["club"],
    "founded_year": [3000, "قديمة"],
    "region": ["Atlantide", "05"],
    "province": ["Azilal", "Nowhere"],
    "sectors": ["nope"],
    "members": [-3, 10**30, "many"],
    "women_members": [10**30, 25],
    "phone": ["12"],
    "email": ["not-an-email"],
}
for flag in columns.BOOLEAN_FIELDS:
    GOOD[flag] = ["نعم", "لا", "oui", "non", "x", "1", 0, True, False]
    BAD[flag] = ["peut-être"]
assert set(GOOD) == set(columns.ALIASES)

odd_cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(9999, 1, 1)),
)
cell_values = st.one_of(
    st.sampled_from([value for values in [*GOOD.values(), *BAD.values()] for value in values]),
    odd_cells,
)
# Headers: any spelling of the known ones, and some the importer ignores.
KNOWN_HEADERS = [alias for aliases in columns.ALIASES.values() for alias in aliases]
headers = st.one_of(
    st.sampled_from(KNOWN_HEADERS),
    st.sampled_from(KNOWN_HEADERS).map(str.upper),
    st.sampled_from(["ملاحظات", "Remarques", "", " ", "#"]),
    st.text(max_size=12),
)


@st.composite
def _cell(draw: st.DrawFn, field: str | None, row: int, clean: bool) -> Any:
    """A cell for `field`: a good value in a clean sheet, else now and then a bad or odd one."""
    pick = 0 if clean else draw(st.integers(0, 6))
    if field is None or pick == 1:
        return draw(odd_cells)
    value = draw(st.sampled_from(BAD.get(field) or GOOD[field] if pick == 2 else GOOD[field]))
    # Names and numbers made different per row now and then, else every row is the same
    # organization and the file stops at "already in row ...".
    renamed = field in ("name_ar", "name_fr", "registration_number") and value
    if renamed and (clean or draw(st.booleans())):
        value = f"{value} {row}"
    return value


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[Any], list[list[Any]]]:
    """A header row of distinct fields (usually with the required ones), sometimes with
    headers the importer ignores or repeats, and up to six rows of cells."""
    fields = draw(st.lists(st.sampled_from(sorted(columns.ALIASES)), unique=True, max_size=10))
    if draw(st.integers(0, 4)):
        # Most sheets have a name, the kind and the region, else every file stops at that.
        fields = list(dict.fromkeys(["name_ar", "kind", "region", *fields]))
    columns_ = [(field, draw(st.sampled_from(columns.ALIASES[field]))) for field in fields]
    if not draw(st.integers(0, 4)):
        columns_ += [(columns.field_for(h), h) for h in draw(st.lists(headers, max_size=3))]
    columns_ = draw(st.permutations(columns_))
    clean = draw(st.booleans())
    rows = []
    for row in range(2, 2 + draw(st.integers(int(clean), 6))):
        cells_ = [draw(_cell(field, row, clean)) for field, _header in columns_]
        if not clean and row % 5 == 0:
            cells_ = cells_[: draw(st.integers(0, len(cells_)))]  # a short row
        rows.append(cells_)
    return [header for _field, header in columns_], rows


def _text(value: Any) -> str:
    """A cell as a spreadsheet writes it to CSV (a whole number without ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header, rows = draw(sheets())
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=draw(st.sampled_from([",", ";", "\t"])),
        lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])),
    )
    for row in [header, *rows]:
        writer.writerow([_text(cell) for cell in row])
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(value: Any) -> Any:
    # openpyxl refuses to write control characters; a workbook cannot hold them anyway.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    header, rows = draw(sheets())
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for _ in range(draw(st.integers(0, 2))):
        sheet.append([])  # blank rows above the header, as some sheets have a title area
    for row in [header, *rows]:
        sheet.append([_xlsx_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def damaged(draw: st.DrawFn, files: st.SearchStrategy[bytes]) -> bytes:
    """A good file cut short or with a few bytes changed, as a broken upload."""
    data = bytearray(draw(files))
    # Positions are drawn as fractions of the length, not bounded by it: an xlsx file
    # carries its save time, so its compressed length can differ by a byte between
    # replays, and a length-bounded draw makes Hypothesis report a flaky strategy.
    if draw(st.booleans()):
        return bytes(data[: len(data) * draw(st.integers(0, 1000)) // 1000])
    for _ in range(draw(st.integers(1, 8))):
        if data:
            data[(len(data) - 1) * draw(st.integers(0, 1000)) // 1000] = draw(st.integers(0, 255))
    return bytes(data)


def _check(report: ImportReport, *, before: int, dry_run: bool) -> None:
    """What every report keeps to, good file or bad."""
    assert isinstance(report, ImportReport)
    assert all(isinstance(message, str) and message for message in report.file_errors)
    for error in report.row_errors:
        assert isinstance(error.row, int) and error.row >= 2, error
        assert isinstance(error.column, str), error
        assert isinstance(error.message, str) and error.message, error
    # Shown by --hypothesis-show-statistics: how far the files got.
    event("file error" if report.file_errors else "row errors" if report.row_errors else "good")
    if report.ok and not dry_run:
        assert report.written
        assert report.created + report.updated + report.unchanged == report.rows
    else:
        # Nothing is half-imported: a file with errors, or a dry run, writes nothing.
        assert not report.written
        assert Organization.objects.count() == before


def _import(actor, data: bytes, filename: str, dry_run: bool) -> None:
    before = Organization.objects.count()
    report = import_organizations(
        actor=actor, file=io.BytesIO(data), filename=filename, dry_run=dry_run
    )
    _check(report, before=before, dry_run=dry_run)


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(["sheet.csv", "sheet.xlsx", "x.CSV"]))
def test_random_bytes_are_read_or_refused_as_a_file_error(data, name):
    try:
        table = read_table(io.BytesIO(data), name)
    except FileError as error:
        assert str(error)
    else:
        assert table.headers is not None and table.header_row >= 1


@FUZZ
@given(data=st.one_of(csv_files(), csv_files(), damaged(csv_files())), dry_run=st.booleans())
def test_any_csv_gets_a_report(organizer, data, dry_run):
    _import(organizer, data, "organisations.csv", dry_run)


@FUZZ
@given(data=st.one_of(xlsx_files(), xlsx_files(), damaged(xlsx_files())), dry_run=st.booleans())
def test_any_xlsx_gets_a_report(organizer, data, dry_run):
    _import(organizer, data, "organisations.xlsx", dry_run)


@FUZZ
@given(
    text=st.text(
        alphabet=st.one_of(st.sampled_from(',;\t"\r\n \ufeffنعم01'), st.characters()), max_size=300
    )
)
def test_any_text_named_csv_gets_a_report(organizer, text):
    _import(organizer, text.encode("utf-8", "surrogatepass"), "organisations.csv", False)


@st.composite
def zip_archives(draw: st.DrawFn) -> bytes:
    """Zip archives with the names of a workbook's parts and random contents."""
    buffer = io.BytesIO()
    names = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels"]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in draw(st.lists(st.sampled_from(names), unique=True)):
            archive.writestr(name, draw(st.binary(max_size=200)))
    return buffer.getvalue()


@FUZZ
@given(data=zip_archives())
def test_a_zip_that_is_not_a_workbook_is_a_file_error(organizer, data):
    _import(organizer, data, "organisations.xlsx", False)


@FUZZ
@given(
    value=st.one_of(cell_values, odd_cells, st.floats(), st.text(alphabet="0123456789٠١٢٣-/.,: "))
)
def test_cell_converters_answer_a_value_or_a_validation_error(value):
    assert isinstance(cells.text(value), str)
    assert all(isinstance(item, str) and item for item in cells.items(value))
    for convert, kind in ((cells.whole_number, int), (cells.year, int), (cells.boolean, bool)):
        try:
            converted = convert(value)
        except ValidationError as error:
            assert error.messages and all(error.messages)
        else:
            assert converted is None or isinstance(converted, kind)


@FUZZ
@given(header=st.one_of(headers, st.text()))
def test_any_header_is_a_known_field_or_ignored(header):
    assert columns.field_for(header) in (None, *columns.ALIASES)
