"""A Django `{# #}` comment ends at the end of its line: one that spans lines is printed on
the page (issue 17 found one on the certificates page). Multi-line notes use {% comment %}."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "tadamon").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_one_line_comment_spans_lines(template):
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
        opened = line.rfind("{#")
        assert opened == -1 or "#}" in line[opened:], f"{template}:{number} opens {{# unclosed"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_htmx_trigger_needs_eval(template):
    """htmx evaluates a trigger's [filter] with Function(), which the content security policy
    forbids (a console error on every page with select filters, issue 17 item 11): selects
    announce themselves through data-select-change (static/tadamon/ui.js) instead."""
    text = template.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        for trigger in re.findall(r'hx-trigger="([^"]*)"', line):
            assert "[" not in trigger, f"{template}:{number} hx-trigger={trigger!r}"


# An element forced left-to-right around a date whose month is a word: in Arabic the month
# is a right-to-left run inside it, and "31 مايو 2024، 11:00" comes out as "31 2024، مايو".
LTR_WORD_DATE = re.compile(
    r'dir="ltr"[^>]*>\s*\{\{ [^}|]+\|date:"(SHORT_)?DATE(TIME)?_FORMAT"|'
    r'dir="ltr"[^>]*>\s*\{\{ [^}|]*_date \}\}'
)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_date_in_words_is_forced_left_to_right(template):
    """Such dates go in <bdi> (the direction of their own text) rather than dir="ltr"."""
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
        assert not LTR_WORD_DATE.search(line), f"{template}:{number} {line.strip()[:120]}"
