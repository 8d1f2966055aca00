"""What an import tells the person who ran it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: the row as numbered in the sheet (the header is row 1) and
    the column header as written in the file ("" when the problem concerns the whole row)."""

    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    filename: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    row_errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.row_errors

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.row_errors})
