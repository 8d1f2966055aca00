"""The audit guard (issue 16): every service function that writes a domain row writes an audit
entry too. While the suite runs, each public function of the services modules is wrapped; the
outermost call counts the domain rows saved or deleted (Django's post_save/post_delete) and
the audit entries created, and a call that wrote rows but no entry fails the test that made it.
The whole suite is thus the representative set of calls, each service exercised by its own tests.

Bulk writes (bulk_create, update) send no signal and escape the guard; so do functions imported
by name before the wrapping. Background runs' own rows (progress, status) are bookkeeping, not
changes, and are not counted.
"""

import functools
import importlib
import inspect
import pkgutil
import threading
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

# The modules holding the state changes (tadamon/<app>/services and the like).
SERVICE_MODULES = (
    "tadamon.accounts.tokens",
    "tadamon.awards.services",
    "tadamon.b2b.services",
    "tadamon.broadcasts.services",
    "tadamon.events.services",
    "tadamon.invitations.services",
    "tadamon.calls.services",
    "tadamon.calls.workflow",
    "tadamon.programme.services",
    "tadamon.programme.certificates.services",
    "tadamon.programme.certificates.rules",
    "tadamon.programme.certificates.batches",
    "tadamon.registry.services",
    "tadamon.registry.merging",
    "tadamon.sales.services",
    "tadamon.visitors.services",
)
DOMAIN_APPS = {
    "accounts",
    "registry",
    "events",
    "calls",
    "programme",
    "sales",
    "visitors",
    "awards",
    "b2b",
    "broadcasts",
    "invitations",
}
# Functions that write without an entry, each with the reason it is not a change.
UNAUDITED = {
    # Creates the event's default B2B settings on first read; changing them (configure) is
    # audited.
    "tadamon.b2b.services.setup.setup_of",
}

_state = threading.local()
violations: list[str] = []


def _counts() -> dict[str, int]:
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack[-1] if _state.stack else {}


def _is_change(sender: type) -> bool:
    from tadamon.core.runs import BackgroundRun

    meta = sender._meta
    return meta.app_label in DOMAIN_APPS and not issubclass(sender, BackgroundRun)


def _saved(sender, created=False, **kwargs) -> None:
    counts = _counts()
    if not counts:
        return
    if sender._meta.label_lower == "core.auditentry":
        counts["entries"] += 1 if created else 0
    elif _is_change(sender):
        counts["writes"] += 1
        counts.setdefault("models", set()).add(sender._meta.label_lower)


def _deleted(sender, **kwargs) -> None:
    counts = _counts()
    if counts and _is_change(sender):
        counts["writes"] += 1
        counts.setdefault("models", set()).add(sender._meta.label_lower)


def guarded(function: Callable, name: str) -> Callable:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _counts()
        outermost = not _state.stack
        if not outermost:
            return function(*args, **kwargs)
        _state.stack.append({"writes": 0, "entries": 0})
        try:
            result = function(*args, **kwargs)
            counts = _state.stack[-1]
        finally:
            _state.stack.pop()
        if counts["writes"] and not counts["entries"] and name not in UNAUDITED:
            models = ", ".join(sorted(counts["models"]))
            violations.append(f"{name} wrote {models} without an audit entry")
        return result

    wrapper.__audit_guarded__ = True
    return wrapper


def _modules(dotted: str):
    module = importlib.import_module(dotted)
    yield module
    if hasattr(module, "__path__"):
        for info in pkgutil.iter_modules(module.__path__):
            yield importlib.import_module(f"{dotted}.{info.name}")


def install() -> None:
    """Wrap the services' public functions and listen to the writes (once per process)."""
    assert apps.ready
    post_save.connect(_saved, weak=False, dispatch_uid="audit_guard_saved")
    post_delete.connect(_deleted, weak=False, dispatch_uid="audit_guard_deleted")
    for dotted in SERVICE_MODULES:
        for module in _modules(dotted):
            for attribute, value in list(vars(module).items()):
                if (
                    attribute.startswith("_")
                    or not inspect.isfunction(value)
                    or value.__module__ != module.__name__
                    or getattr(value, "__audit_guarded__", False)
                ):
                    continue
                setattr(module, attribute, guarded(value, f"{module.__name__}.{attribute}"))
