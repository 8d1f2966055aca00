"""The Arabic, French and English catalogues are complete and their placeholders match."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_catalogue_is_complete_and_well_formed(language):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (make installs it)"
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


# Source strings that stand side by side on one page (an action and the list it fills, a
# button and the one next to it) must not read the same once translated (issue 17, item 2).
DISTINCT_ON_ONE_PAGE = [
    ((None, "Mark present"), ("heading of the list of people checked in", "Present")),
    ((None, "Mark present"), ("one person checked in", "Present")),
    ((None, "Revoke"), (None, "Cancel")),
    ((None, "Slot"), (None, "Quota")),
    ((None, "side"), (None, "role")),
    ((None, "Undo"), (None, "Cancel")),
]


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize(("first", "second"), DISTINCT_ON_ONE_PAGE)
def test_neighbouring_source_strings_keep_distinct_translations(language, first, second):
    from django.utils import translation

    def shown(context, message):
        return translation.pgettext(context, message) if context else translation.gettext(message)

    with translation.override(language):
        assert shown(*first) != shown(*second), (first, second, shown(*first))
