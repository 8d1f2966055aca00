from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tadamon.pwa import icons


class Command(BaseCommand):
    # The system checks would warn that the folder this command creates does not exist yet.
    requires_system_checks: list[str] = []
    help = (
        "Cut the installable app's icons from tadamon/pwa/icon-source/tadamon.png into "
        "TADAMON_ICONS_DIR (before collectstatic); nothing is done when they are up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild even if up to date.")

    def handle(self, *args, force: bool = False, **options) -> None:
        output_dir = Path(settings.TADAMON_ICONS_DIR)
        built = icons.build(icons.SOURCE, output_dir, force=force)
        if options["verbosity"] == 0:
            return
        if not built:
            self.stdout.write(f"Icons in {output_dir} are up to date.")
            return
        for icon in icons.ICONS:
            path = output_dir / icon.name
            self.stdout.write(
                f"{icon.name}: {icon.size}×{icon.size} {icon.kind}, {path.stat().st_size} bytes"
            )
