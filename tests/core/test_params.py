"""The one converter of ids and whole numbers read from query strings and forms (issue 15)."""

import pytest

from tadamon.api.schemas import MAX_ID as API_MAX_ID
from tadamon.core.params import MAX_ID, parse_id, parse_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (42, 42),
        ("007", 7),
        (str(MAX_ID), MAX_ID),
        (MAX_ID, MAX_ID),
    ],
)
def test_ids_within_the_database_range_are_read(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "0",
        0,
        "-1",
        -1,
        "+1",
        " 1",
        "1 ",
        "1.0",
        "1e3",
        "1_000",
        "0x10",
        "²",
        "٣",  # Arabic-Indic three: int() would read it, but no link of ours writes it
        "１",  # fullwidth one
        str(MAX_ID + 1),
        MAX_ID + 1,
        "9" * 23,
        "9" * 5000,
        True,
        1.0,
        ["1"],
    ],
)
def test_anything_else_is_no_id(value):
    assert parse_id(value) is None


def test_whole_numbers_keep_to_their_bounds():
    assert parse_int("0", min_value=0, max_value=10) == 0
    assert parse_int("10", min_value=0, max_value=10) == 10
    assert parse_int("11", min_value=0, max_value=10) is None


def test_the_api_refuses_ids_beyond_the_same_bound():
    assert API_MAX_ID == MAX_ID == 2**63 - 1
