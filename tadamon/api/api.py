"""The REST API v1 (SPEC section 4): authentication, error handling and the routers.

Every endpoint needs ``Authorization: Bearer <token>`` (tokens come from
``python manage.py issue_token USERNAME``) or, for Tadamon's own pages (the phones' offline
queues), the signed-in browser session with its CSRF token. Errors always answer
``{"detail": [{"field": ..., "message": ...}]}`` (see tadamon.core.errors).
"""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from tadamon.accounts.models import User
from tadamon.accounts.tokens import user_for_token
from tadamon.api import (
    allocation,
    applications,
    attendance,
    awards,
    b2b,
    certificates,
    errors,
    events,
    organizations,
    people,
    products,
    reference,
    reports,
    sales,
    selection,
    sessions,
    visitors,
)
from tadamon.core.errors import error, from_django

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``; the token's user becomes ``request.user``."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in browser session (ninja's ``django_auth``), for Tadamon's own pages.

    The CSRF token is required as with ninja's: a session cookie alone is what a foreign
    site can make a browser send. It is checked only once the session is known to be signed
    in, so that a phone whose session ended answers 401 (its queue keeps the items and asks
    to log in again), as a client without any token does, rather than 403 (refused for good).
    A request that presents a token is judged by it alone: a revoked token is 401 even from a
    signed-in browser.
    """

    def __call__(self, request: HttpRequest) -> User | None:
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise PermissionDenied(
                _("The page's security token (CSRF) is missing or out of date: reload the page.")
            )
        return request.COOKIES.get(self.param_name)


class JsonBodies(Parser):
    """JSON bodies must be an object (or a list, for bulk endpoints); a bare string or
    number is refused rather than read as an empty object."""

    def parse_body(self, request: HttpRequest) -> dict | list:
        data = super().parse_body(request)
        if not isinstance(data, dict | list):
            raise ValueError("The request body is not a JSON object.")
        return data


class TadamonApi(NinjaAPI):
    """The API, whose OpenAPI document also lists the error answers of every endpoint."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        errors.document_errors(schema)
        return schema


api = TadamonApi(
    title="Tadamon API",
    version="1",
    description=(
        "REST API of Tadamon. Authenticate with `Authorization: Bearer <token>`; Tadamon's "
        "own pages use the signed-in session instead, with its CSRF token (`X-CSRFToken`). "
        "Lists are paginated by page number (`?page=1&page_size=20`, at most 100 a page) "
        "and answer `{items, count}`, `count` being the number of matches over all pages. "
        'Errors answer `{"detail": [{"field": name or null, "message": text}]}`: '
        "400 for values the rules refuse, 422 for values of the wrong type or shape, "
        "401 without a valid token (or signed-in session), 403/404 outside the caller's "
        "scope (403 also for a session request without its CSRF token), 409 on conflicts."
    ),
    urls_namespace="api-v1",
    # A bearer token first: a request carrying one needs no CSRF token.
    auth=[BearerToken(), BrowserSession()],
    parser=JsonBodies(),
    # ninja's documentation pages load their scripts from a CDN unless "ninja" is an
    # installed app; Tadamon loads nothing from the internet, so they stay off.
    docs_url=None,
)


def _answer(request: HttpRequest, status: int, detail: list[dict[str, str | None]]) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(DjangoValidationError)
def _invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return _answer(request, 400, from_django(exc))


@api.exception_handler(SchemaValidationError)
def _malformed(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return _answer(request, 422, errors.from_schema(exc.errors))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _answer(
        request, 401, [error(_("A valid API token is required (Authorization: Bearer)."))]
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        message = _("The request body must be a JSON object.")
    else:
        message = str(exc)
    return _answer(request, exc.status_code, [error(message)])


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("You are not allowed to do this.")
    return _answer(request, 403, [error(message)])


@api.exception_handler(ObjectDoesNotExist)
@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _answer(request, 404, [error(_("Not found."))])


@api.exception_handler(IntegrityError)
def _conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    message = _(
        "This conflicts with data already recorded (for example a duplicate registration "
        "number, or records that still depend on this one)."
    )
    return _answer(request, 409, [error(message)])


@api.exception_handler(DataError)
def _out_of_range(request: HttpRequest, exc: DataError) -> HttpResponse:
    return _answer(request, 400, [error(_("A value is too large or malformed."))])


@api.exception_handler(SuspiciousOperation)
def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    return _answer(request, 400, [error(_("The request is too large or malformed."))])


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Any other error is a defect: logged with its traceback, and answered in the API's error
    shape. Ninja's own handler re-raises it when DEBUG is off, and Django then answers its
    HTML error page to a client that reads JSON."""
    logger.exception("Unexpected error answering %s %s", request.method, request.path)
    # As Django does for the errors it handles: its error reporting hooks are told, and the
    # test client re-raises the error (unless made with raise_request_exception=False).
    got_request_exception.send(sender=None, request=request)
    message = _("An unexpected error occurred; it was recorded.")
    return _answer(request, 500, [error(message)])


api.add_router("/reference", reference.router)
api.add_router("/organizations", organizations.router)
api.add_router("/", products.router)
api.add_router("/people", people.router)
api.add_router("/", events.router)
api.add_router("/", applications.router)
api.add_router("/", selection.router)
api.add_router("/", allocation.router)
api.add_router("/", sessions.router)
api.add_router("/", attendance.router)
api.add_router("/", certificates.router)
api.add_router("/", visitors.router)
api.add_router("/", sales.router)
api.add_router("/", awards.router)
api.add_router("/", reports.router)
api.add_router("/", b2b.router)
