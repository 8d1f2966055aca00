"""What every app shares lives in core, so imports point down (issue 16): the base of the
service-backed forms, the PDF fonts and frame, and the JSON error body. These tests read the
import statements of the code (deferred imports inside functions included) and fail when one
of those pieces is taken again from a domain app or from the API layer."""

import ast
from collections.abc import Iterator
from pathlib import Path

import tadamon
from tadamon.core import forms as core_forms

ROOT = Path(tadamon.__file__).parent


def _imports(path: Path) -> Iterator[tuple[str, set[str]]]:
    """Each module `path` imports, with the names taken from it (empty for `import x`)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, set()


def _modules(*parts: str) -> Iterator[tuple[str, Path]]:
    """The Python files under tadamon/<parts>, named relative to the package root."""
    for path in sorted(ROOT.joinpath(*parts).rglob("*.py")):
        yield str(path.relative_to(ROOT)), path


def test_service_form_and_model_field_come_from_core():
    assert core_forms.ServiceForm.__module__ == "tadamon.core.forms"
    assert core_forms.model_field.__module__ == "tadamon.core.forms"
    found = [
        (name, module)
        for name, path in _modules()
        for module, names in _imports(path)
        if module == "tadamon.registry.forms" and names & {"ServiceForm", "model_field"}
    ]
    assert found == []
