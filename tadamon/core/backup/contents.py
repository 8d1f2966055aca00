"""What a backup holds: which models and fields, the archive's layout, the outcome."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, models

from tadamon.core.models import SearchEntry

FORMAT = "tadamon-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"
CHUNK = 2000  # rows read or written at a time: memory stays bounded whatever the table size
COPY_BUFFER = 1024 * 1024

# Rows that `migrate` creates itself: backed up as references only (natural keys), never
# loaded, because the target database already has them under ids of its own.
RECREATED_BY_MIGRATE = (ContentType, Permission)
# Derived data, rebuilt after a restore (manage.py search_index) instead of being copied:
# on PostgreSQL it also has a generated column the ORM does not know.
REBUILT = (SearchEntry,)
# Reference rows that data migrations write into every new database (regions, provinces,
# communes, sectors, kinds of organizations, training topics). A database holding only
# these is still empty for `restore`, which replaces them with the backup's own.
SEEDED_BY_MIGRATIONS = frozenset(
    {
        "registry.region",
        "registry.province",
        "registry.commune",
        "registry.sector",
        "registry.organizationkind",
        "programme.topic",
    }
)

Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup or the restore cannot be done; the message is for the operator."""


@dataclass
class ModelCount:
    label: str
    rows: int
    sha256: str


@dataclass
class Outcome:
    """What a backup or a restore handled."""

    path: Path
    models: list[ModelCount] = field(default_factory=list)
    media_files: int = 0
    media_bytes: int = 0
    archive_bytes: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(model.rows for model in self.models)


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model whose rows a backup holds, in a stable order. A model that keeps
    only this installation's bookkeeping says `backed_up = False` (the public pages' version:
    a restore leaves it alone, and the rebuild of the search index bumps it)."""
    skipped = {model._meta.label_lower for model in (*RECREATED_BY_MIGRATE, *REBUILT)}
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in skipped
        and getattr(model, "backed_up", True)
    ]


def concrete_columns(model: type[models.Model]) -> list[models.Field]:
    # Local fields only, as Django's serialisers do: a multi-table child's parent has its own
    # file. Generated columns are computed by the database, never written.
    return [f for f in model._meta.local_concrete_fields if not f.primary_key and not f.generated]


def many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    # A many-to-many with an explicit `through` model is that model's rows, saved as such.
    return [f for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in concrete_columns(model)] + [f.name for f in many_to_many(model)]


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database holds nothing but what `migrate` writes by itself."""
    return not any(
        model._base_manager.using(using).exists()
        for model in backed_up_models()
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS
    )
