"""``manage.py restore PATH [--force] [--no-input]``: put a backup made by ``manage.py
backup`` back into the database and the media storage (tadamon.core.backup)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tadamon.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database: the archive is checked first, "
        "the data are loaded in one transaction and compared with the manifest, the media "
        "files written and the search index rebuilt. --force replaces existing data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the data of a database that is not empty.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="With --force, do not ask for confirmation.",
        )

    def handle(self, *args, path: Path, force: bool, interactive: bool, **options) -> None:
        if force and interactive and sys.stdin.isatty() and not backup.database_is_empty():
            answer = input(
                _(
                    "The database has data; the restore deletes all of it and replaces it "
                    "with the backup's. Type “yes” to continue: "
                )
            )
            if answer.strip().lower() != "yes":
                raise CommandError(_("Restore cancelled; nothing was changed."))
        try:
            outcome = backup.restore_backup(path, force=force, progress=self.stdout.write)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup %(path)s restored: %(rows)s rows of %(models)s models, "
                    "%(media)s media files, all matching the manifest, in %(seconds).1f s."
                )
                % {
                    "path": outcome.path,
                    "rows": outcome.rows,
                    "models": len(outcome.models),
                    "media": outcome.media_files,
                    "seconds": outcome.seconds,
                }
            )
        )
