"""`manage.py build_assets` makes the static files built from a source before collectstatic."""

from django.core.management import call_command

from tadamon.pwa import icons, webfont


def test_the_command_builds_icons_and_font_then_does_nothing(settings, tmp_path, capsys):
    settings.TADAMON_ICONS_DIR = tmp_path / "icons"
    settings.TADAMON_FONTS_DIR = tmp_path / "fonts"
    call_command("build_assets")
    out = capsys.readouterr().out
    for icon in icons.ICONS:
        assert (tmp_path / "icons" / icon.name).is_file()
        assert f"{icon.name}: {icon.size}×{icon.size}" in out
    font = tmp_path / "fonts" / webfont.NAME
    assert f"{webfont.NAME}: {font.stat().st_size} bytes" in out

    call_command("build_assets")
    out = capsys.readouterr().out
    assert "Icons in" in out and "web font in" in out and out.count("up to date") == 2
    assert not list(tmp_path.glob("*/*.part"))
