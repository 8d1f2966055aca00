"""Files made at build time from a source in git or in a package (the app's icons, the web
font): written into git-ignored folders that STATICFILES_DIRS serves, before collectstatic."""

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path


def up_to_date(inputs: Iterable[Path], outputs: Iterable[Path]) -> bool:
    """Every output exists and is newer than every input (the sources and their builder)."""
    newest_input = max(Path(path).stat().st_mtime for path in inputs)
    return all(
        path.is_file() and path.stat().st_mtime >= newest_input for path in map(Path, outputs)
    )


@contextlib.contextmanager
def written_aside(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed to it once the block has written it: a server
    or a parallel test run reading the folder meanwhile sees the old file or the new one, never
    half of one. Nothing is left behind when the block fails."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=target.suffix + ".part")
    os.close(handle)
    try:
        yield Path(temporary)
        # mkstemp's file is its owner's only; the web server may run as another user.
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
