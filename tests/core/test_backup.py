"""Backups (issue 10): a rich database and its media survive a backup, an emptied database
and a restore unchanged; damaged archives and non-empty databases are refused and leave
everything as it was. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import threading
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import translation
from PIL import Image

from tadamon.accounts.models import User
from tadamon.accounts.tokens import issue_token
from tadamon.core import backup
from tadamon.core.backup import writing
from tadamon.core.models import SearchEntry
from tadamon.core.search import engine
from tadamon.events.models import Event
from tadamon.programme.certificates import rules
from tadamon.registry.models import Organization, Product
from tadamon.registry.thumbnails import thumbnail_url
from tests.factories import OrganizationFactory, ProductFactory, sector

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The assertions read the operator's messages in English (the default language is
    Arabic, and the catalogues translate them)."""
    with translation.override("en"):
        yield


NATURAL = (ContentType, Permission)


def png(name: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# What the database holds, computed here from the ORM, independently of tadamon.core.backup ---


def _natural(model, pk):
    if pk is None:
        return None
    row = model.objects.get(pk=pk)
    return row.natural_key()


def _rows(model) -> list[str]:
    fields = list(model._meta.concrete_fields)
    through = model._meta.auto_created  # a many-to-many table: its own ids mean nothing
    keyless = through or model in NATURAL or model is SearchEntry  # ids differ by database
    rows = []
    for values in model._base_manager.order_by("pk").values_list(*[f.attname for f in fields]):
        row = []
        for f, value in zip(fields, values, strict=True):
            if f.primary_key and keyless:
                continue
            if f.is_relation and f.related_model in NATURAL:
                value = _natural(f.related_model, value)
            row.append(value)
        if model in NATURAL:
            row.append(model.objects.get(pk=values[0]).natural_key())
        # JSON objects have no order (PostgreSQL's jsonb does not keep it): sorted keys.
        rows.append(json.dumps(row, sort_keys=True, default=repr, ensure_ascii=False))
    return sorted(rows) if keyless else rows


def database_state() -> dict[str, tuple[int, str]]:
    """{model: (rows, sha256 of the rows)} for every table, many-to-many ones included, but
    the installation's own bookkeeping (`backed_up = False`: the public pages' version)."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy or not getattr(model, "backed_up", True):
            continue
        rows = _rows(model)
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        state[model._meta.label_lower] = (len(rows), digest)
    return state


def media_state() -> dict[str, bytes]:
    root = Path(default_storage.location)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# A rich database ----------------------------------------------------------------------------


def build_rich_database(client) -> None:
    """The demonstration data (every app) plus what the demo does not make: uploaded files,
    generated thumbnails, groups and permissions, admin log, tokens, sessions."""
    call_command("load_demo", organizations=40, stdout=io.StringIO())
    exhibitor = User.objects.get(username="exhibitor")
    client.force_login(exhibitor)  # a session row
    response = client.post(
        reverse("registry:product_create", args=[exhibitor.organization_id]),
        {
            "name_ar": "زيت الأركان المصور",
            "name_fr": "Huile d'argan en photo",
            "price_mad": "150.50",
            "sector": sector("argan").pk,
            "description_ar": "",
            "description_fr": "",
            "photo": png("argan.png", (200, 120, 40)),
        },
    )
    assert response.status_code == 302
    product = Product.objects.get(name_fr="Huile d'argan en photo")
    assert thumbnail_url(product.photo)  # a generated file under thumbs/
    admin = User.objects.get(username="admin")
    event = Event.objects.filter(title_fr__isnull=False).order_by("pk").first()
    rules.save_settings(
        actor=admin, event=event, rule="all_sessions", logo=png("logo.png", (10, 90, 160))
    )
    group = Group.objects.create(name="Relecteurs")
    group.permissions.set(Permission.objects.filter(codename__startswith="view_")[:5])
    admin.groups.add(group)
    exhibitor.user_permissions.add(Permission.objects.get(codename="change_product"))
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=str(exhibitor.organization_id),
        object_repr="x",
        action_flag=ADDITION,
    )
    issue_token(user=exhibitor, name="phone")


def empty_everything() -> None:
    """Empty every table (content types and permissions come back with new ids, as on a new
    server) and the media storage."""
    connection.check_constraints()  # PostgreSQL's TRUNCATE wants no pending checks
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(default_storage.location, ignore_errors=True)


# The round trip ----------------------------------------------------------------------------


def test_round_trip_restores_an_equal_database_media_and_search(client, tmp_path):
    build_rich_database(client)
    before, media_before = database_state(), media_state()
    assert len(media_before) >= 3  # photo, thumbnail, logo
    assert sum(rows for rows, _sha in before.values()) > 3000
    archive = tmp_path / "backup.tar.gz"

    started = time.perf_counter()
    made = backup.create_backup(archive)
    backup_seconds = time.perf_counter() - started
    empty_everything()
    assert backup.database_is_empty() and not media_state()
    assert not Organization.objects.exists()
    started = time.perf_counter()
    restored = backup.restore_backup(archive)
    restore_seconds = time.perf_counter() - started

    after = database_state()
    assert after.keys() == before.keys()
    assert {label: after[label] for label in before if after[label] != before[label]} == {}
    assert media_state() == media_before
    assert restored.rows == made.rows and restored.media_files == made.media_files == len(
        media_before
    )
    organization = Organization.objects.filter(public_profile=True).order_by("pk").first()
    assert organization.pk in engine.ranked_ids(
        organization.name_ar, "organization", published_only=True
    )
    print(
        f"\n{connection.vendor}: {made.rows} rows in {len(made.models)} models, "
        f"{made.media_files} media files ({made.media_bytes} B); archive {made.archive_bytes} B; "
        f"backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s"
    )


def test_a_restored_database_goes_on_from_the_restored_ids(tmp_path):
    ProductFactory.create_batch(3)
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    last = Product.objects.order_by("pk").last().pk
    empty_everything()
    backup.restore_backup(archive)
    assert ProductFactory().pk > last  # PostgreSQL's sequences were reset


def test_a_freshly_migrated_database_counts_as_empty_and_is_restored_into(tmp_path):
    # The test database is freshly migrated: only the reference rows of data migrations.
    assert backup.database_is_empty()
    OrganizationFactory(name_fr="Coopérative Atlas")
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    before = database_state()
    Organization.objects.all().delete()
    SearchEntry.objects.all().delete()
    from tadamon.core.models import AuditEntry

    AuditEntry.objects.all().delete()
    assert backup.database_is_empty()
    backup.restore_backup(archive)  # replaces the reference rows with the backup's own
    assert database_state() == before


# Refusals ----------------------------------------------------------------------------------


def test_a_database_with_data_is_refused_unless_forced(tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)  # the freshly migrated database
    fresh = database_state()
    OrganizationFactory(name_fr="Coopérative existante")
    with_data = database_state()
    with pytest.raises(backup.BackupError, match="already has data"):
        backup.restore_backup(archive)
    assert database_state() == with_data
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(archive), force=True, interactive=False, stdout=out)
    assert database_state() == fresh
    assert "registry.organization" in out.getvalue()  # progress per model


def test_force_asks_for_confirmation_on_a_terminal(tmp_path, monkeypatch):
    archive = tmp_path / "b.tar.gz"
    backup.create_backup(archive)
    OrganizationFactory()
    before = database_state()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert database_state() == before


def _rewrite(archive: Path, target: Path, change) -> None:
    """Copy the archive, passing each member's (name, bytes) through `change`."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        members = [(m, source.extractfile(m).read()) for m in source.getmembers()]
        manifest = json.loads(next(data for m, data in members if m.name == "manifest.json"))
        for member, data in members:
            data = change(member.name, data, manifest)
            if member.name == "manifest.json":
                data = json.dumps(manifest).encode()
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def _alter_row(name, data, manifest):
    if name == "data/registry.organization.jsonl":
        return data.replace("Coopérative".encode(), b"Cooperative", 1)
    return data


def _alter_checksum(name, data, manifest):
    entry = next(e for e in manifest["models"] if e["label"] == "registry.product")
    entry["sha256"] = "0" * 64
    return data


def _alter_media(name, data, manifest):
    return data[:-1] + b"\x00" if name.startswith("media/") else data


def _alter_instant_consistently(name, data, manifest):
    # A valid row, with the manifest's checksum updated to match: only the comparison of
    # the loaded database with the manifest can see that the instant changed (+01:00 is
    # stored as another UTC time than the one written).
    if name != "data/registry.organization.jsonl":
        return data
    data = data.replace(b'+00:00","description', b'+01:00","description', 1)
    entry = next(e for e in manifest["models"] if e["label"] == "registry.organization")
    entry["sha256"] = hashlib.sha256(data).hexdigest()
    return data


@pytest.mark.parametrize(
    "damage",
    [_alter_row, _alter_checksum, _alter_media, _alter_instant_consistently, "truncated"],
)
def test_a_damaged_archive_is_refused_and_changes_nothing(tmp_path, damage):
    product = ProductFactory(organization=OrganizationFactory(name_fr="Coopérative Rif"))
    product.photo.save("p.png", png("p.png", (1, 2, 3)))
    archive = tmp_path / "good.tar.gz"
    backup.create_backup(archive)
    OrganizationFactory(name_fr="Coopérative ajoutée après")  # so that --force has work to do
    before, media_before = database_state(), media_state()
    damaged = tmp_path / "damaged.tar.gz"
    if damage == "truncated":
        data = archive.read_bytes()
        damaged.write_bytes(data[: len(data) // 2])
    else:
        _rewrite(archive, damaged, damage)
    with pytest.raises(backup.BackupError) as refused:
        backup.restore_backup(damaged, force=True)
    assert "nothing was restored" in str(refused.value) or "altered or damaged" in str(
        refused.value
    )
    assert database_state() == before
    assert media_state() == media_before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(gzip.compress(b"<?php echo 1; ?>"))
    with pytest.raises(backup.BackupError):
        backup.restore_backup(junk, force=True)
    with pytest.raises(CommandError, match="no file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())


def test_the_backup_command_writes_one_private_archive_with_a_manifest(tmp_path):
    OrganizationFactory()
    out = io.StringIO()
    call_command("backup", output=str(tmp_path / "x.tar.gz"), stdout=out)
    archive = tmp_path / "x.tar.gz"
    assert archive.stat().st_mode & 0o077 == 0
    assert not list(tmp_path.glob("*.partial"))
    with tarfile.open(archive) as opened:
        manifest = json.loads(opened.extractfile("manifest.json").read())
        names = opened.getnames()
    assert manifest["format"] == "tadamon-backup" and manifest["version"] == 1
    assert manifest["django_version"] and manifest["tadamon_version"]
    organizations = next(m for m in manifest["models"] if m["label"] == "registry.organization")
    assert organizations["rows"] == 1 and len(organizations["sha256"]) == 64
    assert "data/registry.organization.jsonl" in names
    assert "registry.organization: 1 rows" in out.getvalue()
    assert "core.searchentry" in manifest["not_copied"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_fair_goes_on_writing_while_a_backup_reads(tmp_path, monkeypatch):
    """A backup reads every table in one snapshot without holding writers back (issue 15): on
    SQLite, whose transactions begin IMMEDIATE, a backup's took the write lock, so a sale sent
    meanwhile waited for the whole backup, then failed with "database is locked"."""
    OrganizationFactory()
    before = Organization.objects.count()
    reading, written = threading.Event(), threading.Event()
    write_model = writing._write_model

    def pausing(*args):
        if not reading.is_set():
            reading.set()
            written.wait(timeout=10)
        return write_model(*args)

    monkeypatch.setattr(writing, "_write_model", pausing)
    outcomes = []

    def run_backup():
        try:
            outcomes.append(backup.create_backup(output=tmp_path / "during.tar.gz"))
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_backup)
    thread.start()
    try:
        assert reading.wait(timeout=10)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:  # fail fast instead of the settings' timeout
                cursor.execute("PRAGMA busy_timeout = 500")
        with transaction.atomic():
            OrganizationFactory()
    finally:
        written.set()
        thread.join(timeout=30)
    (outcome,) = outcomes
    counted = {model.label: model.rows for model in outcome.models}
    # The snapshot, not the row written meanwhile.
    assert counted["registry.organization"] == before
    assert Organization.objects.count() == before + 1
