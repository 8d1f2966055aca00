"""The import_organizations command and the upload page."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tadamon.core.models import AuditEntry
from tadamon.registry.models import Organization
from tests.factories import UserFactory
from tests.registry.import_sheets import (
    ARABIC_HEADERS,
    hundred_rows,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

# -- the command --------------------------------------------------------------------------


def test_command_imports_with_the_given_user(organizer, tmp_path):
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:3])
    out = io.StringIO()

    call_command("import_organizations", str(path), user="organizer", language="en", stdout=out)

    assert "3 created" in out.getvalue()
    assert Organization.objects.filter(registration_number__startswith="ODCO").count() == 3


def test_command_dry_run_writes_nothing(organizer, tmp_path):
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:3])
    out = io.StringIO()

    call_command(
        "import_organizations",
        str(path),
        "--dry-run",
        "--user",
        "organizer",
        "--language",
        "en",
        stdout=out,
    )

    assert "3 to create" in out.getvalue()
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()


def test_command_fails_on_a_bad_file_and_lists_the_rows(organizer, tmp_path):
    rows = hundred_rows()[:5]
    rows[2][10] = 50
    path = write_xlsx(tmp_path / "bad.xlsx", ARABIC_HEADERS, rows)
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 row"):
        call_command("import_organizations", str(path), user="organizer", language="en", stderr=err)

    assert "Row 4" in err.getvalue() and "عدد النساء" in err.getvalue()
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()


def test_command_acts_as_the_first_superuser_or_asks_for_a_user(db, tmp_path):
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:1])
    with pytest.raises(CommandError, match="--user"):
        call_command("import_organizations", str(path), language="en", stdout=io.StringIO())

    admin = UserFactory(username="root", is_superuser=True, role="admin")
    call_command("import_organizations", str(path), language="en", stdout=io.StringIO())

    entry = AuditEntry.objects.get(action="registry.organization.created")
    assert entry.actor == admin


def test_command_rejects_a_missing_file(organizer):
    with pytest.raises(CommandError):
        call_command("import_organizations", "/nonexistent/coops.xlsx", user="organizer")


# -- the upload page ----------------------------------------------------------------------


def _upload(client, path: Path, **data):
    with path.open("rb") as handle:
        return client.post(reverse("registry:import"), {"file": handle, **data})


def test_upload_page_for_an_organizer(client, organizer, tmp_path):
    client.force_login(organizer)

    page = client.get(reverse("registry:import"))

    assert page.status_code == 200
    assert 'accept=".csv,.xlsx"' in page.content.decode()
    assert 'name="dry_run"' in page.content.decode()


def test_upload_dry_run_then_real(client, organizer, tmp_path):
    client.force_login(organizer)
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:4])

    checked = _upload(client, path, dry_run="on")

    assert checked.status_code == 200
    assert checked.context["report"].ok and checked.context["report"].created == 4
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()

    imported = _upload(client, path)

    assert imported.status_code == 200
    assert imported.context["report"].written
    assert Organization.objects.filter(registration_number__startswith="ODCO").count() == 4
    assert len(list(imported.context["messages"])) == 1
    assert 'id="import-counts"' in imported.content.decode()


def test_upload_of_a_bad_file_shows_the_rows(client, organizer, tmp_path):
    client.force_login(organizer)
    rows = hundred_rows()[:4]
    rows[1][5] = "Atlantide"
    path = write_xlsx(tmp_path / "bad.xlsx", ARABIC_HEADERS, rows)

    response = _upload(client, path)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="import-errors"' in html and "Atlantide" in html
    assert [(e.row, e.column) for e in response.context["report"].row_errors] == [(3, "الجهة")]


def test_upload_is_forbidden_to_an_exhibitor(client, exhibitor, tmp_path):
    client.force_login(exhibitor)
    path = write_xlsx(tmp_path / "coops.xlsx", ARABIC_HEADERS, hundred_rows()[:1])

    assert client.get(reverse("registry:import")).status_code == 403
    assert _upload(client, path).status_code == 403
    assert not Organization.objects.filter(registration_number__startswith="ODCO").exists()


def test_upload_needs_a_login(client):
    response = client.get(reverse("registry:import"))
    assert response.status_code == 302
