"""Shared steps of the endpoints: turning ids and codes into rows, and paging."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from tadamon.registry import selectors
from tadamon.registry.models import Organization

T = TypeVar("T")


class Errors:
    """Collects the field errors of several look-ups so that one answer names them all."""

    def __init__(self) -> None:
        self._errors: dict[str, list[ValidationError]] = {}

    def check(self, lookup: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return lookup(*args, **kwargs)
        except ValidationError as exc:
            for field, errors in exc.update_error_dict({}).items():
                self._errors.setdefault(field, []).extend(errors)
            return None

    def raise_if_any(self) -> None:
        if self._errors:
            raise ValidationError(self._errors)


def organization_to_change(*, user, pk: int) -> Organization:
    """The organization `pk` for a change: 404 when the user cannot see it, 403 when they
    can see it but not change it."""
    try:
        return selectors.organization_for_change(user=user, pk=pk)
    except Organization.DoesNotExist:
        selectors.organization_for_view(user=user, pk=pk)
        raise PermissionDenied from None


def organization_field(*, user, pk: int | None, field: str = "organization") -> Organization | None:
    """An organization given by id in a request body, as a field error when not visible."""
    if pk is None:
        return None
    try:
        return selectors.organization_for_view(user=user, pk=pk)
    except Organization.DoesNotExist:
        raise ValidationError(
            {field: _("Unknown organization: %(id)s.") % {"id": pk}}, code="unknown_reference"
        ) from None


class Pages(PageNumberPagination):
    """``?page=`` (from 1) and ``?page_size=`` (at most 100); answers ``{items, count}``."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)
