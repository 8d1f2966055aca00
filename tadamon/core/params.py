"""Whole numbers and ids read from query strings and form data: the one converter.

A value typed into an address can be anything. `int()` alone is not enough: "²" and "٣" pass
`str.isdigit()` but "²" makes `int()` fail, and a number beyond the database's integer range
makes SQLite raise OverflowError (PostgreSQL a DataError) on a foreign key lookup; each was
a 500. Here only ASCII digits count, within the range of the database's primary keys.
"""

import re
from typing import Any

# The largest primary key (BigAutoField: a signed 64-bit integer). The API's `Id` type
# (tadamon.api.schemas) refuses larger ids with the same bound.
MAX_ID = 2**63 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")  # MAX_ID has 19 digits: longer is out of range anyway


def parse_int(value: Any, *, min_value: int, max_value: int) -> int | None:
    """`value` (an int, or a string of ASCII digits) as an int within the bounds, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if min_value <= number <= max_value else None


def parse_id(value: Any) -> int | None:
    """`value` as a primary key (1 to MAX_ID), else None: no row can have it."""
    return parse_int(value, min_value=1, max_value=MAX_ID)
