"""Command line: ``python -m tadamon.optimize COMMAND INSTANCE.json`` (``-`` reads stdin).

Prints the result as JSON on stdout. Exit status 2, never a traceback, for a usage error, a file
that cannot be read, invalid JSON or an invalid instance; the last three also print
``{"status": "INVALID", "error": ...}`` so that callers parsing stdout see what went wrong.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.selection import select

Command = Callable[[dict[str, Any]], dict[str, Any]]

# Further optimizers (allocate, schedule) plug in here with the same dict-in, dict-out shape.
COMMANDS: dict[str, Command] = {"select": select}

USAGE = f"usage: python -m tadamon.optimize {{{','.join(COMMANDS)}}} INSTANCE.json"


def main(argv: list[str], stdin: TextIO = sys.stdin) -> int:
    if len(argv) != 2 or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    command, path = COMMANDS[argv[0]], argv[1]
    try:
        instance = _load(path, stdin)
        result = command(instance)
    except InstanceError as error:
        return _invalid(str(error))
    print(json.dumps(result, indent=2))
    return 0


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


def _invalid(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    print(json.dumps({"status": "INVALID", "error": message}))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
