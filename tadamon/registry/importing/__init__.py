"""Bulk import into the registry from CSV and XLSX files."""

from .organizations import import_organizations
from .reading import FileError
from .report import ImportReport, RowError

__all__ = ["FileError", "ImportReport", "RowError", "import_organizations"]
