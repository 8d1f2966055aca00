from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tadamon.pwa import icons, webfont


class Command(BaseCommand):
    # The system checks would warn that the folders this command creates do not exist yet.
    requires_system_checks: list[str] = []
    help = (
        "Make the static files built from a source (before collectstatic): the installable "
        "app's icons, cut from tadamon/pwa/icon-source/tadamon.png into TADAMON_ICONS_DIR, and "
        "the Arabic web font into TADAMON_FONTS_DIR. Nothing is done for those up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild even if up to date.")

    def handle(self, *args, force: bool = False, **options) -> None:
        icons_dir = Path(settings.TADAMON_ICONS_DIR)
        fonts_dir = Path(settings.TADAMON_FONTS_DIR)
        icons_built = icons.build(icons.SOURCE, icons_dir, force=force)
        font_built = webfont.build(webfont.SOURCE, fonts_dir, force=force)
        if options["verbosity"] == 0:
            return
        if icons_built:
            for icon in icons.ICONS:
                size = (icons_dir / icon.name).stat().st_size
                self.stdout.write(f"{icon.name}: {icon.size}×{icon.size} {icon.kind}, {size} bytes")
        else:
            self.stdout.write(f"Icons in {icons_dir} are up to date.")
        if font_built:
            size = (fonts_dir / webfont.NAME).stat().st_size
            self.stdout.write(f"{webfont.NAME}: {size} bytes")
        else:
            self.stdout.write(f"The web font in {fonts_dir} is up to date.")
