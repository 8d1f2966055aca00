"""Numbers in the optimizers' JSON input."""

from __future__ import annotations

import math
import sys
from typing import Any


def is_number(value: Any) -> bool:
    """Whether ``value`` is a finite number that converts to a float: an integer (not a bool)
    within the float range, or a finite float.

    JSON integers have no size limit and Python's decoder reads them exactly, but
    ``math.isfinite`` and ``float`` raise OverflowError beyond about 1.8e308, so integers are
    compared with the float range instead of being converted.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -sys.float_info.max <= value <= sys.float_info.max
    return isinstance(value, float) and math.isfinite(value)
