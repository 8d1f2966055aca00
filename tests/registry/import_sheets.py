"""Sheets built for the import tests, written with openpyxl and csv into tmp_path."""

import csv
from pathlib import Path

import openpyxl

from tadamon.registry.importing import import_organizations

ARABIC_HEADERS = [
    "الاسم بالعربية",
    "الاسم بالفرنسية",
    "نوع",
    "رقم التسجيل",
    "سنة التأسيس",
    "الجهة",
    "الإقليم",
    "الجماعة",
    "القطاعات",
    "عدد الأعضاء",
    "عدد النساء",
    "نسائية",
    "الهاتف",
    "ملاحظات",
]


def arabic_row(i: int) -> list:
    return [
        f"تعاونية الأمل {i}",
        f"Coopérative Al Amal {i}",
        "تعاونية" if i % 2 else "cooperative",
        f"ODCO-{i:04d}",
        2000 + i % 20,
        "طنجة تطوان الحسيمة" if i % 3 else "01",
        "تطوان",
        "تطوان",
        "terroir_products، argan" if i % 2 else "Produits du terroir",
        20,
        12,
        "نعم" if i % 2 else "لا",
        "0612345678",
        "ملاحظة",
    ]


def write_xlsx(path: Path, headers: list, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, headers: list, rows: list[list], *, delimiter=";", bom=False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def run(actor, path: Path, *, dry_run: bool = False):
    with path.open("rb") as handle:
        return import_organizations(actor=actor, file=handle, filename=path.name, dry_run=dry_run)


def hundred_rows() -> list[list]:
    return [arabic_row(i) for i in range(100)]
