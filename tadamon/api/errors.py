"""Every error the API answers has one shape: ``{"detail": [{"field", "message"}, ...]}``,
built by tadamon.core.errors (the pages' offline queues read it). Here are its
schemas, the OpenAPI description of the error answers and the translated messages of schema
errors. Messages follow the request's language (Accept-Language).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import Field, Schema

from tadamon.core.errors import error

# Parts of a ninja error location that say where the value came from, not which field.
_LOCATION_PARTS = frozenset({"body", "query", "path", "header", "cookie", "form", "payload"})


class ErrorOut(Schema):
    field: str | None = Field(
        description="The offending input field, or null when the error concerns the request"
    )
    message: str


class ErrorsOut(Schema):
    """The body of every error answer."""

    detail: list[ErrorOut]


# The error answers of the exception handlers in tadamon.api.api, with when each can occur;
# they apply to every endpoint alike, so the OpenAPI document lists them from here rather than
# each endpoint repeating them (see `document_errors`).
_ERROR_ANSWERS = {
    400: "A value the rules refuse (the field is named), or a body that is not a JSON object",
    401: "Without a valid API token or signed-in session",
    403: "Outside the caller's role or organization, or a session without its CSRF token",
    404: "No such object, or not visible to the caller",
    409: "Conflicts with data already recorded",
    422: "A value of the wrong type or shape (the field is named)",
}


def _error_statuses(method: str, operation: dict[str, Any]) -> list[int]:
    """The error answers an operation can give, from what it takes."""
    places = {parameter.get("in") for parameter in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    statuses = [403]
    if operation.get("security"):
        statuses.append(401)
    if has_body or places:
        statuses.append(422)
    if has_body or places or method != "get":
        # Also a read: e.g. the call of an event that has none names the field "call".
        statuses.append(400)
    if "path" in places:
        statuses.append(404)
    if method != "get":
        statuses.append(409)
    return sorted(statuses)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers to every operation of an OpenAPI document (in place)."""
    json_schema = ErrorsOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(json_schema.pop("$defs", {}))
    components["ErrorsOut"] = json_schema
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorsOut"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in _error_statuses(method, operation):
                responses.setdefault(
                    status, {"description": _ERROR_ANSWERS[status], "content": content}
                )
    return schema


def _field_of(location: tuple | list) -> str | None:
    names = [part for part in location if isinstance(part, str)]
    if not names or names[-1] in _LOCATION_PARTS:
        return None
    return names[-1]


def _message(item: dict[str, Any]) -> str:
    """A translated message for a schema error; pydantic's own text is English only."""
    kind = item.get("type", "")
    context = {key: str(value) for key, value in (item.get("ctx") or {}).items()}
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "float_parsing": _("Enter a number."),
        "float_type": _("Enter a number."),
        "decimal_parsing": _("Enter a number."),
        "decimal_type": _("Enter a number."),
        "finite_number": _("Enter a finite number."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "string_type": _("Enter a text."),
        "list_type": _("Enter a list."),
        "dict_type": _("Send a JSON object."),
        "model_type": _("Send a JSON object."),
        "model_attributes_type": _("Send a JSON object."),
        "null_character": _("Null characters are not allowed."),
    }
    templates = {
        "greater_than_equal": (_("Enter a number greater than or equal to %(ge)s."), "ge"),
        "greater_than": (_("Enter a number greater than %(gt)s."), "gt"),
        "less_than_equal": (_("Enter a number less than or equal to %(le)s."), "le"),
        "less_than": (_("Enter a number less than %(lt)s."), "lt"),
        "string_too_long": (_("Enter at most %(max_length)s characters."), "max_length"),
        "string_too_short": (_("Enter at least %(min_length)s characters."), "min_length"),
        "too_long": (_("Give at most %(max_length)s items."), "max_length"),
        "too_short": (_("Give at least %(min_length)s items."), "min_length"),
        "decimal_max_places": (
            _("Enter a number with at most %(decimal_places)s decimal places."),
            "decimal_places",
        ),
        "decimal_max_digits": (
            _("Enter a number with at most %(max_digits)s digits."),
            "max_digits",
        ),
        "decimal_whole_digits": (
            _("Enter a number with at most %(whole_digits)s digits before the decimal point."),
            "whole_digits",
        ),
        "literal_error": (_("Choose one of: %(expected)s."), "expected"),
    }
    if kind in messages:
        return messages[kind]
    if kind in {"string_too_short", "too_short"} and context.get("min_length") == "1":
        return _("This field cannot be empty.")
    if kind in templates:
        template, key = templates[kind]
        if key in context:
            return template % context
    return str(item.get("msg", _("Invalid value.")))


def from_schema(errors: list[dict[str, Any]]) -> list[dict[str, str | None]]:
    """The errors of ninja's schema validation (wrong types, ranges, missing fields)."""
    return [error(_message(item), _field_of(item.get("loc", ()))) for item in errors]


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's last resort (handler500). The API's own handler answers errors raised inside an
    operation; one raised around it (a middleware, the URL resolver) still reaches an API client
    in the API's error shape, never as an HTML page."""
    if request.path.startswith("/api/"):
        message = _("An unexpected error occurred; it was recorded.")
        return JsonResponse({"detail": [error(message)]}, status=500)
    return defaults.server_error(request)
