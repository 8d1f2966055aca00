"""Bulk import of organizations from CSV/XLSX (SPEC 3A): validation, matching, limits."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from tadamon.core.models import AuditEntry
from tadamon.registry.importing import RowError, cells, columns, import_organizations
from tadamon.registry.models import Organization
from tests.factories import OrganizationFactory, UserFactory
from tests.registry.import_sheets import (
    ARABIC_HEADERS,
    arabic_row,
    hundred_rows,
    run,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

# -- validation first, writing after ------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("عدد النساء", 30), ("الجهة", "Atlantide"), ("سنة التأسيس", "قديمة"), ("نوع", "club")],
)
def test_one_bad_row_in_100_writes_nothing_and_reports_that_row(organizer, tmp_path, column, value):
    rows = hundred_rows()
    rows[41][ARABIC_HEADERS.index(column)] = value  # sheet row 43: the header is row 1
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, rows)
    before = Organization.objects.count()

    report = run(organizer, path)

    assert not report.ok
    assert not report.written
    assert [(e.row, e.column) for e in report.row_errors] == [(43, column)]
    assert report.row_errors[0].message
    assert report.file_errors == []
    assert Organization.objects.count() == before
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)


def test_corrected_file_creates_100_and_importing_again_creates_none(organizer, tmp_path):
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows())
    before = Organization.objects.count()

    report = run(organizer, path)

    assert report.ok and report.written
    assert (report.rows, report.created, report.updated, report.unchanged) == (100, 100, 0, 0)
    assert report.ignored_columns == ["ملاحظات"]
    assert Organization.objects.count() == before + 100
    assert AuditEntry.objects.filter(action="registry.organization.created").count() == 100

    coop = Organization.objects.get(registration_number="ODCO-0001")
    assert coop.name_ar == "تعاونية الأمل 1"
    assert coop.kind.code == "cooperative"
    assert coop.region.code == "01"
    assert coop.province.code == "01.03"
    assert coop.commune is not None and coop.commune.name_fr == "Tétouan"
    assert coop.primary_sector.code == "terroir_products"
    assert {s.code for s in coop.sectors.all()} == {"terroir_products", "argan"}
    assert (coop.members, coop.women_members, coop.founded_year) == (20, 12, 2001)
    assert coop.women_led is True
    assert coop.phone == "+212612345678"
    assert Organization.objects.get(registration_number="ODCO-0002").women_led is False

    again = run(organizer, path)

    assert again.ok and again.written
    assert (again.created, again.updated, again.unchanged) == (0, 0, 100)
    assert Organization.objects.count() == before + 100
    assert not AuditEntry.objects.filter(action="registry.organization.changed").exists()


def test_french_headers_csv_with_semicolons_and_bom(organizer, tmp_path):
    headers = [
        "Nom",
        "Forme juridique",
        "Région",
        "Préfecture",
        "Commune",
        "Secteurs",
        "Nombre d'adhérents",
        "Adhérentes",
        "Dirigée par des femmes",
        "N° d'enregistrement",
        "ANNEE_DE_CREATION",
        "Téléphone",
        "Colonne inconnue",
    ]
    rows = [
        [
            "Coopérative Nour",
            "Coopérative",
            "Fès-Meknès",
            "",
            "Sefrou",
            "Apiculture et miel; Argan",
            "15",
            "9",
            "oui",
            "FM-1",
            "2012",
            "0661234567",
            "?",
        ],
        [
            "Association Tilila",
            "association",
            "05",
            "Azilal",
            "Ait Amdis",
            "weaving",
            "30",
            "30",
            "x",
            "",
            "01/03/2015",
            "",
            "",
        ],
    ]
    path = write_csv(tmp_path / "exposants.csv", headers, rows, delimiter=";", bom=True)

    report = run(organizer, path)

    assert report.ok, report.row_errors or report.file_errors
    assert report.created == 2
    assert report.ignored_columns == ["Colonne inconnue"]
    nour = Organization.objects.get(registration_number="FM-1")
    assert nour.name_fr == "Coopérative Nour" and nour.name_ar == ""
    assert nour.region.code == "03"
    assert [nour.primary_sector.code, *sorted(s.code for s in nour.sectors.all())] == [
        "honey",
        "argan",
        "honey",
    ]
    assert nour.women_led is True
    tilila = Organization.objects.get(name_fr="Association Tilila")
    assert tilila.kind.code == "association"
    assert tilila.province.name_fr == "Azilal"
    assert tilila.commune_name == "Ait Amdis"
    assert tilila.founded_year == 2015


def test_comma_csv_without_bom_with_quoted_lists(organizer, tmp_path):
    headers = ["name_ar", "kind", "region", "sectors", "members", "women_members"]
    rows = [["تعاونية الزيتون", "cooperative", "03", "olive_oil, agri_food", "10", "4"]]
    path = write_csv(tmp_path / "coops.csv", headers, rows, delimiter=",")

    report = run(organizer, path)

    assert report.ok, report.row_errors
    coop = Organization.objects.get(name_ar="تعاونية الزيتون")
    assert coop.primary_sector.code == "olive_oil"
    assert coop.sectors.count() == 2


def test_arabic_comma_csv_and_region_taken_from_the_province(organizer, tmp_path):
    headers = ["اسم التعاونية", "الصفة القانونية", "الجهة", "العمالة", "القطاع", "رقم القيد"]
    rows = [["تعاونية الخير", "تعاونية", "", "أزيلال", "النسيج، الأركان", "AZ-9"]]
    path = write_csv(tmp_path / "ar.csv", headers, rows, delimiter=",", bom=True)

    report = run(organizer, path)

    assert report.ok, report.row_errors or report.file_errors
    coop = Organization.objects.get(registration_number="AZ-9")
    assert coop.region.code == "05" and coop.province.name_fr == "Azilal"


def test_headers_match_whatever_the_accents_hamza_and_case():
    assert columns.field_for("ANNEE DE CREATION") == "founded_year"
    assert columns.field_for("  Année de création ") == "founded_year"
    assert columns.field_for("الاقليم") == "province"
    assert columns.field_for("العمالة") == "province"
    assert columns.field_for("nom en arabe") == "name_ar"
    assert columns.field_for("Raison sociale") == "name_fr"
    assert columns.field_for("numéro d'immatriculation") == "registration_number"
    assert columns.field_for("women_members") == "women_members"
    assert columns.field_for("couleur préférée") is None


def test_cell_conversions():
    assert [cells.boolean(v) for v in ("نعم", "Oui", "YES", "x", 1, True, "لا", "non", 0)] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert cells.boolean("") is None and cells.boolean(None) is None
    assert cells.whole_number("١٢") == 12
    assert cells.whole_number("1 200") == 1200
    assert cells.whole_number(20.0) == 20
    assert cells.year(datetime.date(1955, 5, 1)) == 1955
    assert cells.year("1955-05-01") == 1955
    assert cells.items("a، b; c / d") == ["a", "b", "c", "d"]
    with translation.override("en"), pytest.raises(Exception, match="yes or no"):
        cells.boolean("peut-être")


# -- matching -----------------------------------------------------------------------------


def test_row_without_number_matching_name_and_commune_updates(organizer, tmp_path):
    existing = OrganizationFactory(
        name_ar="تعاونية الأمل",
        name_fr="",
        commune_name="Ait Amdis",
        members=12,
        women_members=7,
        phone="+212612345678",
    )
    headers = ["الاسم", "نوع", "الجهة", "الجماعة", "عدد الأعضاء", "الهاتف"]
    # Written without hamza and with ه for ة, commune in another case: the same organization.
    rows = [["تعاونيه الامل", "cooperative", existing.region.code, "AIT AMDIS", 40, ""]]
    path = write_xlsx(tmp_path / "update.xlsx", headers, rows)
    before = Organization.objects.count()

    report = run(organizer, path)

    assert report.ok, report.row_errors
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert Organization.objects.count() == before
    existing.refresh_from_db()
    assert existing.members == 40
    assert existing.name_ar == "تعاونية الأمل"  # the recorded spelling is kept
    assert existing.phone == "+212612345678"  # an empty cell erases nothing
    entry = AuditEntry.objects.get(action="registry.organization.changed")
    assert entry.object_id == str(existing.pk)
    assert entry.data["fields"] == ["members"]


def test_row_with_registration_number_updates_the_numbered_organization(organizer, tmp_path):
    existing = OrganizationFactory(registration_number="R-77", name_fr="Coop Ancienne")
    headers = ["nom", "type", "région", "matricule", "membres", "femmes"]
    rows = [["Coop Nouvelle", "cooperative", existing.region.code, "R-77", 12, 7]]
    path = write_xlsx(tmp_path / "r.xlsx", headers, rows)

    report = run(organizer, path)

    assert (report.created, report.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.name_fr == "Coop Nouvelle"


def test_duplicate_registration_number_in_file_is_an_error_on_the_second_row(organizer, tmp_path):
    rows = hundred_rows()[:5]
    rows[3][3] = rows[1][3]  # rows 3 and 5 of the sheet share a registration number
    path = write_xlsx(tmp_path / "dup.xlsx", ARABIC_HEADERS, rows)

    report = run(organizer, path)

    assert [(e.row, e.column) for e in report.row_errors] == [(5, "رقم التسجيل")]
    assert "3" in report.row_errors[0].message
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()


def test_two_rows_naming_the_same_organization_is_an_error_on_the_second(organizer, tmp_path):
    headers = ["nom", "forme juridique", "région", "commune"]
    rows = [
        ["Coopérative Tifawin", "cooperative", "05", "Tabant"],
        ["Cooperative TIFAWIN", "cooperative", "05", "tabant"],
    ]
    path = write_csv(tmp_path / "twice.csv", headers, rows)

    report = run(organizer, path)

    assert [(e.row, e.column) for e in report.row_errors] == [(3, "nom")]
    assert not Organization.objects.filter(name_fr__icontains="tifawin").exists()


def test_blank_rows_are_skipped_and_rows_keep_their_sheet_numbers(organizer, tmp_path):
    rows = [arabic_row(0), [None] * len(ARABIC_HEADERS), arabic_row(1), arabic_row(2)]
    rows[3][10] = 99  # sheet row 5 (row 3 is blank)
    path = write_xlsx(tmp_path / "blank.xlsx", ARABIC_HEADERS, rows)

    report = run(organizer, path)

    assert report.rows == 3
    assert [(e.row, e.column) for e in report.row_errors] == [(5, "عدد النساء")]


def test_numbers_typed_as_numbers_in_excel(organizer, tmp_path):
    headers = ["nom", "type", "région", "matricule", "membres"]
    path = write_xlsx(
        tmp_path / "n.xlsx", headers, [["Coop Chiffres", "cooperative", 1, 1234, 10.0]]
    )

    report = run(organizer, path)

    assert report.ok, report.row_errors
    coop = Organization.objects.get(registration_number="1234")
    assert coop.region.code == "01" and coop.members == 10


def test_another_organizer_body_cannot_be_changed_by_import(organizer, tmp_path):
    other_body = OrganizationFactory(name_fr="Direction provinciale", registration_number="DP-1")
    UserFactory(role="organizer", organization=other_body)
    headers = ["nom", "type", "région", "matricule"]
    path = write_xlsx(
        tmp_path / "o.xlsx", headers, [["Direction renommée", "cooperative", "01", "DP-1"]]
    )

    report = run(organizer, path)

    assert [e.row for e in report.row_errors] == [2]
    other_body.refresh_from_db()
    assert other_body.name_fr == "Direction provinciale"


# -- file-level errors and limits ---------------------------------------------------------


def test_missing_required_column_is_a_file_error(organizer, tmp_path):
    headers = ["الاسم", "نوع", "عدد الأعضاء"]  # no region
    path = write_xlsx(tmp_path / "noregion.xlsx", headers, [["تعاونية", "cooperative", 3]])
    before = Organization.objects.count()

    report = run(organizer, path)

    assert not report.ok
    assert len(report.file_errors) == 1
    assert "الجهة" in report.file_errors[0]
    assert report.row_errors == []
    assert Organization.objects.count() == before


def test_a_field_given_twice_is_a_file_error(organizer, tmp_path):
    headers = ["الاسم", "nom en arabe", "نوع", "الجهة"]
    path = write_xlsx(tmp_path / "twice.xlsx", headers, [["أ", "ب", "cooperative", "01"]])

    report = run(organizer, path)

    assert len(report.file_errors) == 1
    assert "nom en arabe" in report.file_errors[0]


def test_unknown_extension_is_rejected(organizer):
    report = import_organizations(
        actor=organizer, file=io.BytesIO(b"a,b\n1,2\n"), filename="coops.xls"
    )
    assert not report.ok and report.file_errors


def test_file_over_5_mb_is_rejected(organizer):
    big = io.BytesIO(b"nom;type;region\n" + b"x" * (5 * 1024 * 1024))
    report = import_organizations(actor=organizer, file=big, filename="big.csv")
    assert len(report.file_errors) == 1
    assert "5" in report.file_errors[0]


def test_too_many_rows_is_rejected(organizer, tmp_path, settings):
    settings.TADAMON_IMPORT_MAX_ROWS = 10
    path = write_xlsx(tmp_path / "many.xlsx", ARABIC_HEADERS, hundred_rows()[:11])

    report = run(organizer, path)

    assert len(report.file_errors) == 1
    assert "10" in report.file_errors[0]
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()


def test_damaged_workbook_and_non_utf8_csv_are_file_errors(organizer):
    damaged = import_organizations(
        actor=organizer, file=io.BytesIO(b"PK\x03\x04 not a workbook"), filename="x.xlsx"
    )
    latin1 = import_organizations(
        actor=organizer,
        file=io.BytesIO("nom;région\nCoopé;01\n".encode("latin-1")),
        filename="x.csv",
    )
    assert damaged.file_errors and latin1.file_errors


def test_only_organizers_may_import(exhibitor, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", ARABIC_HEADERS, hundred_rows()[:1])
    with pytest.raises(PermissionDenied):
        run(exhibitor, path)


def test_dry_run_writes_nothing_but_counts(organizer, tmp_path):
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:10])
    before = Organization.objects.count()

    report = run(organizer, path, dry_run=True)

    assert report.ok and not report.written
    assert report.created == 10
    assert Organization.objects.count() == before
    assert not AuditEntry.objects.exists()


# -- translations -------------------------------------------------------------------------


def test_errors_are_in_the_active_language(organizer, tmp_path):
    headers = ["nom", "type", "région", "email"]
    path = write_csv(
        tmp_path / "mail.csv", headers, [["Coop Mail", "cooperative", "01", "pas-un-mail"]]
    )

    with translation.override("fr"):
        report = run(organizer, path)

    assert report.row_errors == [RowError(2, "email", "Saisissez une adresse de courriel valide.")]
    assert all(isinstance(e.message, str) for e in report.row_errors)
