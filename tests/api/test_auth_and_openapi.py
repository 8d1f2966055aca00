import importlib
import pkgutil

import pytest
from ninja import Schema
from openapi_spec_validator import validate

import tadamon.api
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_openapi_document_is_openapi_3_and_lists_the_core_resources(api_for):
    response = api_for().get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Tadamon API"
    paths = document["paths"]
    for path in (
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/organizations/{organization_id}/products",
        "/api/v1/products/{product_id}",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/reference/regions",
        "/api/v1/reference/provinces",
        "/api/v1/reference/sectors",
        "/api/v1/reference/organization-kinds",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/organizations"]) == {"get", "post"}
    validate(document)  # raises when the document breaks the OpenAPI schema
    schemes = document["components"]["securitySchemes"]
    assert any(s.get("type") == "http" and s.get("scheme") == "bearer" for s in schemes.values())


def test_the_docs_page_which_would_load_scripts_from_a_cdn_is_off(api_for):
    assert api_for().get("/api/v1/docs").status_code == 404


def test_without_a_token_the_answer_is_401_json(api_for):
    response = api_for().get("/api/v1/organizations")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"] == "Bearer"
    [error] = response.json()["detail"]
    assert error["field"] is None and error["message"]


@pytest.mark.parametrize(
    "header",
    ["Bearer tdm_not-a-token", "Bearer ", "Token tdm_whatever", "Basic dXNlcjpwYXNz", "Bearer"],
)
def test_a_bad_token_is_401(organizer, header):
    client = ApiClient(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/reference/regions")

    assert response.status_code == 401
    assert response.json()["detail"][0]["field"] is None


def test_a_token_of_a_deactivated_user_is_401(api_for, organizer):
    client = api_for(organizer)
    organizer.is_active = False
    organizer.save()

    assert client.get("/api/v1/organizations").status_code == 401


def test_a_valid_token_authenticates_as_its_user(api_for, exhibitor, exhibitor_org, other_org):
    response = api_for(exhibitor).get("/api/v1/organizations")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [exhibitor_org.pk]


def test_no_two_api_schemas_share_a_name():
    # ninja names an OpenAPI component after its class: the B2B SessionIn replaced the
    # programme's, so the document described POST /events/{id}/sessions with the B2B fields
    # (found by schemathesis). Every request and response schema needs a name of its own.
    names: dict[str, set[str]] = {}
    for info in pkgutil.iter_modules(tadamon.api.__path__):
        module = importlib.import_module(f"tadamon.api.{info.name}")
        for value in vars(module).values():
            ours = isinstance(value, type) and value.__module__.startswith("tadamon.")
            if ours and issubclass(value, Schema):
                names.setdefault(value.__name__, set()).add(value.__module__)
    assert {name: sorted(modules) for name, modules in names.items() if len(modules) > 1} == {}


def test_the_sessions_body_is_the_programmes(api_for):
    document = api_for().get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/events/{event_id}/sessions"]["post"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = document["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]

    assert {"kind", "title_ar", "title_fr", "starts_at", "ends_at", "commune"} <= set(fields)


def test_every_operation_documents_its_error_answers(api_for):
    # The error answers are documented (schemathesis found every 4xx undocumented), with
    # the one error shape.
    document = api_for().get("/api/v1/openapi.json").json()
    paths = document["paths"]
    error = {"$ref": "#/components/schemas/ErrorsOut"}

    patch = paths["/api/v1/organizations/{organization_id}"]["patch"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "422"} <= set(patch)
    assert patch["404"]["content"]["application/json"]["schema"] == error
    regions = paths["/api/v1/reference/regions"]["get"]["responses"]
    assert set(regions) == {"200", "401", "403"}
    for operations in paths.values():
        for operation in operations.values():
            assert {"401", "403"} <= set(operation["responses"])
    detail = document["components"]["schemas"]["ErrorsOut"]["properties"]["detail"]
    assert detail["items"] == {"$ref": "#/components/schemas/ErrorOut"}
