"""The error body every JSON answer shares: ``{"detail": [{"field", "message"}, ...]}``.

`field` names the offending input field, or is null when the error concerns the request as a
whole. The API (tadamon.api.errors keeps its schemas and OpenAPI description) and the pages'
offline queues answer in this one shape, so that one script reads both.
"""

import json
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse


def error(message: str, field: str | None = None) -> dict[str, str | None]:
    """One entry of the body's `detail` list."""
    return {"field": field, "message": str(message)}


def from_django(exc: DjangoValidationError) -> list[dict[str, str | None]]:
    """The field errors of a Django ValidationError (a dict when the model names fields)."""
    if hasattr(exc, "error_dict"):
        return [
            error(message, None if field == NON_FIELD_ERRORS else field)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [error(message) for message in exc.messages]


# The pages' offline queues post JSON to session-authenticated views.


def json_error(status: int, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"detail": [error(message, field)]}, status=status)


def form_errors(form: Any) -> JsonResponse:
    """A 400 listing every error of an invalid Django form, each with its field."""
    detail = [
        error(message, field) for field, messages in form.errors.items() for message in messages
    ]
    return JsonResponse({"detail": detail}, status=400)


def json_object(request: HttpRequest) -> dict | None:
    """The request's JSON body when it is an object, else None."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None
