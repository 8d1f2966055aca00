"""The error body every JSON answer shares: ``{"detail": [{"field", "message"}, ...]}``.

`field` names the offending input field, or is null when the error concerns the request as a
whole. The API answers in it (tadamon.api.errors keeps its schemas and OpenAPI description),
and the pages' offline queues (tadamon/static/tadamon/queue.js), which post to the API, read
it.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError


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
