"""python manage.py import_organizations FILE [--dry-run] [--user USERNAME] [--language ar|fr|en]

Without --user the import is made in the name of the first active superuser (the audit
trail names them); when there is none, the command asks for --user.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tadamon.accounts.models import User
from tadamon.registry.importing import ImportReport, import_organizations


class Command(BaseCommand):
    help = (
        "Import organizations from a CSV or XLSX file (Arabic, French or English headers). "
        "Nothing is written when any row is bad. Without --user the first active superuser "
        "is the actor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and write nothing."
        )
        parser.add_argument("--user", help="The username the import is made by (an organizer).")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the report (default: the site's language).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self._import(options["file"], dry_run=options["dry_run"], username=options["user"])

    def _actor(self, username: str | None) -> User:
        if username:
            try:
                return User.objects.get(username=username, is_active=True)
            except User.DoesNotExist:
                raise CommandError(
                    _("There is no active user “%(name)s”.") % {"name": username}
                ) from None
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError(
                _("There is no superuser to import in the name of; give --user USERNAME.")
            )
        return actor

    def _import(self, path: str, *, dry_run: bool, username: str | None) -> None:
        actor = self._actor(username)
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("There is no file “%(path)s”.") % {"path": path})
        with source.open("rb") as file:
            try:
                report = import_organizations(
                    actor=actor, file=file, filename=source.name, dry_run=dry_run
                )
            except PermissionDenied:
                raise CommandError(
                    _("The user “%(name)s” may not import organizations.")
                    % {"name": actor.get_username()}
                ) from None
        self._print(report)
        if report.file_errors:
            raise CommandError(_("Nothing was imported: the file cannot be imported."))
        if report.row_errors:
            count = len(report.bad_rows)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)s row has errors.",
                    "Nothing was imported: %(count)s rows have errors.",
                    count,
                )
                % {"count": count}
            )

    def _print(self, report: ImportReport) -> None:
        out = self.stdout
        if report.ignored_columns:
            out.write(
                _("Ignored columns: %(columns)s")
                % {"columns": ", ".join(f"“{c}”" for c in report.ignored_columns)}
            )
        for message in report.file_errors:
            self.stderr.write(message)
        for error in report.row_errors:
            self.stderr.write(
                _("Row %(row)s, column “%(column)s”: %(message)s")
                % {"row": error.row, "column": error.column or "—", "message": error.message}
            )
        if not report.ok:
            return
        counts = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
        if report.dry_run:
            line = _(
                "Check passed, nothing written: %(rows)s rows, %(created)s to create, "
                "%(updated)s to update, %(unchanged)s unchanged."
            )
        else:
            line = _(
                "Imported %(rows)s rows: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
        out.write(self.style.SUCCESS(line % counts))
