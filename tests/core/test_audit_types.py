"""Audit actions are declared types (issue 16): `record` refuses a name nobody declared, and
every name the code writes is declared, with what the trail shows for it."""

import ast
import pathlib

import pytest
from django.contrib import admin
from django.utils import translation

import tadamon
from tadamon.calls.models import ApplicationStatus
from tadamon.core import audit
from tadamon.core.admin import AuditedModelAdmin
from tadamon.core.models import AuditEntry
from tadamon.demo import audit_types as demo_types  # noqa: F401
from tests.factories import EventFactory

SOURCE = pathlib.Path(tadamon.__file__).parent
# Where an action is not a literal, and how it is declared instead.
COMPUTED = {
    # "admin.<model>.<verb>": declared when the model is registered (see below).
    "core/admin.py",
    # APPLICATION_MOVED_TO[to]: a literal table in calls/audit_types.py.
    "calls/workflow.py",
    # REMINDED, a module constant (its literal is scanned with the module's assignments).
    "calls/services/waitlist.py",
}


def _action_expressions():
    """(file, line, expression) of each `action=` given to record() or the demo's bulk
    writer, and the third argument of the latter."""
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "record":
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        yield path, node.lineno, keyword.value
            elif name == "_audit_created" and len(node.args) == 3:
                yield path, node.lineno, node.args[2]


def _literals(expression: ast.AST) -> list[str]:
    return [
        node.value
        for node in ast.walk(expression)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_an_undeclared_action_is_refused(db):
    with pytest.raises(ValueError, match="events.evnet.changed"):
        audit.record(actor=None, action="events.evnet.changed", obj=EventFactory())
    assert not AuditEntry.objects.filter(action="events.evnet.changed").exists()


def test_every_action_written_by_the_code_is_declared():
    found, undeclared, unexplained = set(), [], []
    for path, line, expression in _action_expressions():
        where = f"{path.relative_to(SOURCE)}:{line}"
        literals = _literals(expression)
        if isinstance(expression, ast.JoinedStr) or not literals:
            if str(path.relative_to(SOURCE)) not in COMPUTED:
                unexplained.append(where)
            continue
        for name in literals:
            found.add(name)
            if audit.action_type(name) is None:
                undeclared.append(f"{where} {name}")
    assert not unexplained, f"actions that are neither literal nor declared apart: {unexplained}"
    assert not undeclared, f"undeclared audit actions: {undeclared}"
    assert len(found) > 80  # the scan sees the services


def test_the_computed_actions_are_declared():
    from tadamon.calls.services.waitlist import REMINDED

    assert audit.action_type(REMINDED) is not None
    for status in ApplicationStatus.values:
        assert audit.action_type(f"events.application.{status}") is not None
    audited = [
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AuditedModelAdmin)
    ]
    assert audited
    for model in audited:
        for verb in ("created", "changed", "deleted"):
            assert audit.action_type(f"admin.{model._meta.label_lower}.{verb}") is not None


def test_a_declared_type_says_what_the_trail_shows():
    shown = audit.action_type("events.booths.generated").description
    with translation.override("en"):
        assert str(shown) == "booths generated"
    with translation.override("fr"):
        assert str(shown) != "booths generated"  # translated, in the trail's context
    with pytest.raises(ValueError):
        audit.declare("events.booths.generated", "something else")
