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


DOMAIN_APPS = ("accounts", "awards", "b2b", "demo", "events", "programme", "registry", "sales")


def test_core_pdf_imports_no_domain_app():
    found = [
        module
        for module, _names in _imports(ROOT / "core" / "pdf.py")
        if module.startswith(tuple(f"tadamon.{app}" for app in DOMAIN_APPS))
    ]
    assert found == []


def test_no_app_borrows_another_apps_private_helper():
    """awards/pdf.py drew its frame with programme's private `_frame`: the frame, the font
    and the bilingual page are core's public pieces now."""
    found = [
        (name, module, private)
        for name, path in _modules()
        for module, names in _imports(path)
        if module.startswith("tadamon.") and module.split(".")[1] != name.split("/")[0]
        for private in names
        if private.startswith("_") and not private.startswith("__")
    ]
    assert found == []


def test_pages_take_the_json_error_body_from_core_not_from_the_api():
    """The offline queues' JSON views answered with tadamon.api.errors: a page importing the
    API layer above it."""
    found = [
        (name, module)
        for name, path in _modules()
        if not name.startswith("api/")
        for module, _names in _imports(path)
        if module == "tadamon.api" or module.startswith("tadamon.api.")
    ]
    assert found == []
