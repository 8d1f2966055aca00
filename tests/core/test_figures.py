"""Dates carry their month in words and figures are grouped (issue 17, items 3 and 10)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tadamon.core.figures import date_range_text, day_text, figure_text, list_text

AMBIGUOUS = re.compile(r"\b\d{1,4}/\d{1,2}/\d{1,4}\b")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "6 يوليو 2024"), ("fr", "6 juillet 2024"), ("en", "6 July 2024")],
)
def test_a_day_is_written_with_its_month_in_words(language, expected):
    with translation.override(language):
        assert day_text(datetime.date(2024, 7, 6)) == expected
        assert day_text("2024-07-06") == expected  # as stored in a report


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
@pytest.mark.parametrize("name", ["SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "DATE_FORMAT"])
def test_no_date_format_writes_digits_slash_digits(language, name):
    when = datetime.datetime(2024, 6, 7, 9, 30)
    with translation.override(language):
        text = Template("{{ when|date:name }}").render(Context({"when": when, "name": name}))
    assert not AMBIGUOUS.search(text), text
    assert "2024" in text


def test_a_range_writes_the_shared_month_and_year_once():
    with translation.override("fr"):
        assert date_range_text(datetime.date(2024, 6, 7), datetime.date(2024, 6, 9)) == (
            "7 – 9 juin 2024"
        )
        assert date_range_text("2022-06-28", "2022-07-02") == "28 juin – 2 juillet 2022"
        assert date_range_text(datetime.date(2023, 12, 30), datetime.date(2024, 1, 2)) == (
            "30 décembre 2023 – 2 janvier 2024"
        )
        assert date_range_text(datetime.date(2024, 6, 7), datetime.date(2024, 6, 7)) == (
            "7 juin 2024"
        )
    with translation.override("ar"):
        assert date_range_text(datetime.date(2024, 5, 31), datetime.date(2024, 6, 9)) == (
            "31 مايو – 9 يونيو 2024"
        )


def test_the_range_tag_isolates_the_range_from_the_text_around_it():
    template = Template("{% load tadamon %}Juillet {% daterange start end %}")
    with translation.override("ar"):
        html = template.render(
            Context({"start": datetime.date(2022, 7, 1), "end": datetime.date(2022, 7, 31)})
        )
    assert html == "Juillet <bdi>1 – 31 يوليو 2022</bdi>"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ar", "6000000.00", "6\xa0000\xa0000,00"),
        ("fr", Decimal("6000000.00"), "6\xa0000\xa0000,00"),
        ("en", "6000000.00", "6,000,000.00"),
        ("fr", 5000, "5\xa0000"),
        ("fr", 165, "165"),
        ("fr", 17.9, "17,9"),
    ],
)
def test_figures_are_grouped_by_thousands_with_the_languages_decimal_mark(
    language, value, expected
):
    with translation.override(language):
        assert figure_text(value) == expected
        assert Template("{% load tadamon %}{{ v|figure }}").render(Context({"v": value})) == (
            expected
        )


def test_what_is_not_a_number_is_left_as_it_is():
    assert figure_text(None) is None
    assert figure_text("unknown") is None
    assert figure_text(True) is None
    assert Template("{% load tadamon %}{{ v|figure }}").render(Context({"v": "—"})) == "—"


def test_a_list_of_places_isolates_each_and_uses_the_languages_comma():
    assert list_text(["Tétouan", "طنجة تطوان الحسيمة"], "ar") == (
        "\u2068Tétouan\u2069، \u2068طنجة تطوان الحسيمة\u2069"
    )
    assert list_text(["", "Tanger"], "fr") == "\u2068Tanger\u2069"
