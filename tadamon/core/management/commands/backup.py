"""``manage.py backup [--output PATH]``: the database and the media files in one archive
(tadamon.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tadamon.core import backup


class Command(BaseCommand):
    help = (
        "Write every model's rows (database-neutral JSON Lines), the media files and a "
        "manifest of counts and checksums into one .tar.gz archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the archive (default var/backups/tadamon-<date>.tar.gz).",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            outcome = backup.create_backup(output, progress=self.stdout.write)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: %(rows)s rows of %(models)s models, "
                    "%(media)s media files (%(media_mb).1f MB); archive %(size_mb).1f MB, "
                    "in %(seconds).1f s."
                )
                % {
                    "path": outcome.path,
                    "rows": outcome.rows,
                    "models": len(outcome.models),
                    "media": outcome.media_files,
                    "media_mb": outcome.media_bytes / 1_048_576,
                    "size_mb": outcome.archive_bytes / 1_048_576,
                    "seconds": outcome.seconds,
                }
            )
        )
