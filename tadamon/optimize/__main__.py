"""Command line: ``python -m tadamon.optimize COMMAND INSTANCE.json [--time-limit S]``.

``COMMAND`` is ``select``, ``allocate`` or ``schedule``; ``-`` as the file reads stdin;
``--time-limit S`` (seconds, > 0) overrides the instance's own limit or the optimizer's default.

Prints the result as JSON on stdout. Exit status 2, never a traceback, for a usage error, a file
that cannot be read, invalid JSON or an invalid instance; the last three also print
``{"status": "INVALID", "error": ...}`` so that callers parsing stdout see what went wrong, and
each prints one line ``error: ...`` on stderr naming the offending item.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

from tadamon.optimize.allocation import allocate
from tadamon.optimize.errors import InstanceError
from tadamon.optimize.selection import select

# Each command takes the decoded JSON and the --time-limit value (None when not given).
Command = Callable[[Any, float | None], dict[str, Any]]


def _select(instance: Any, time_limit_s: float | None) -> dict[str, Any]:
    # The selection reads its limit from the instance; a non-object is left for it to reject.
    if time_limit_s is not None and isinstance(instance, dict):
        instance = {**instance, "time_limit_s": time_limit_s}
    return select(instance)


def _allocate(instance: Any, time_limit_s: float | None) -> dict[str, Any]:
    return allocate(instance, time_limit_s=time_limit_s)


def _schedule(instance: Any, time_limit_s: float | None) -> dict[str, Any]:
    # Imported here so that the other commands work whatever the state of the scheduler module.
    from tadamon.optimize.schedule import schedule

    return schedule(instance, time_limit_s=time_limit_s)


COMMANDS: dict[str, Command] = {"select": _select, "allocate": _allocate, "schedule": _schedule}

USAGE = (
    f"usage: python -m tadamon.optimize {{{','.join(COMMANDS)}}} INSTANCE.json "
    "[--time-limit SECONDS]"
)


def main(argv: list[str], stdin: TextIO = sys.stdin) -> int:
    parsed = _parse_args(argv)
    if isinstance(parsed, str):
        print(parsed, file=sys.stderr)
        return 2
    name, path, time_limit_s = parsed
    try:
        instance = _load(path, stdin)
        result = COMMANDS[name](instance, time_limit_s)
    except InstanceError as error:
        return _invalid(str(error))
    try:
        print(json.dumps(result, indent=2), flush=True)
    except BrokenPipeError:
        # The reader went away (``... | head``): nothing left to say, and no traceback. Python
        # would try to flush stdout again at exit, so point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def _parse_args(argv: list[str]) -> tuple[str, str, float | None] | str:
    """(command, path, time limit), or the message to print for a usage error."""
    args = list(argv)
    time_limit_s = None
    if "--time-limit" in args:
        at = args.index("--time-limit")
        if at + 1 >= len(args):
            return USAGE
        time_limit_s = _seconds(args[at + 1])
        if time_limit_s is None:
            return f"error: --time-limit must be a number of seconds > 0, not {args[at + 1]!r}"
        del args[at : at + 2]
    if len(args) != 2 or args[0] not in COMMANDS:
        return USAGE
    return args[0], args[1], time_limit_s


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _load(path: str, stdin: TextIO) -> Any:
    try:
        if path == "-":
            return json.load(stdin)
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise InstanceError(f"cannot read {path}: {error.strerror}") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InstanceError(f"{path} is not valid JSON: {error}") from error
    except (RecursionError, ValueError) as error:
        # Nesting too deep for the decoder, or an integer too long to convert.
        raise InstanceError(f"{path} is not usable JSON: {error}") from error


def _invalid(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    print(json.dumps({"status": "INVALID", "error": message}))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
