"""One allowlist of editable fields per model (issue 16), read by the service, the form and
the API schema: these tests fail when one of the three drifts from the model's list."""

import pytest

from tadamon.api import application_schemas, event_schemas, schemas, session_schemas
from tadamon.calls.forms import calls as call_forms
from tadamon.calls.models import Call
from tadamon.events.forms import events as event_forms
from tadamon.events.models import Event, Wave
from tadamon.programme.forms import sessions as session_forms
from tadamon.programme.models import Session
from tadamon.registry import forms as registry_forms
from tadamon.registry.models import Organization, Person, Product

# A call's eligibility lists (many-to-many) and scoring grid are set by their own arguments.
CALL_LISTS = {"eligible_kinds", "eligible_regions", "eligible_sectors"}


def _schema_fields(schema, renamed: dict[str, str] | None = None) -> set[str]:
    """The model fields a body sets; `renamed` maps a body name to the field it fills."""
    return {(renamed or {}).get(name, name) for name in schema.model_fields}


def test_the_event_allowlist_is_the_form_and_the_api_schema():
    # The form adds `new_series`: a series typed by name, which the service turns into one.
    assert set(event_forms.EventForm.base_fields) - {"new_series"} == set(Event.EDITABLE_FIELDS)
    assert _schema_fields(event_schemas.EventIn) == set(Event.EDITABLE_FIELDS)
    assert _schema_fields(event_schemas.EventPatch) == set(Event.EDITABLE_FIELDS)


def test_the_wave_allowlist_is_the_form_and_the_api_schema():
    assert set(event_forms.WaveForm.base_fields) == set(Wave.EDITABLE_FIELDS)
    assert _schema_fields(event_schemas.WaveIn) == set(Wave.EDITABLE_FIELDS)
    assert _schema_fields(event_schemas.WavePatch) == set(Wave.EDITABLE_FIELDS)


def test_the_call_allowlist_is_the_form_and_the_api_schema():
    assert set(call_forms.CallForm.base_fields) - CALL_LISTS == set(Call.EDITABLE_FIELDS)
    for schema in (application_schemas.CallIn, application_schemas.CallPatch):
        assert _schema_fields(schema) - CALL_LISTS - {"criteria"} == set(Call.EDITABLE_FIELDS)


# In the registry's bodies, "commune" is the commune's name: the service finds the commune.
COMMUNE_BY_NAME = {"commune": "commune_name"}


def test_the_organization_allowlist_is_the_form_and_the_api_schema():
    found = set(Organization.EDITABLE_FIELDS) - {"commune"}  # found from commune_name
    sectors = {"primary_sector", "sectors"}  # set by their own argument
    assert set(registry_forms.OrganizationForm.base_fields) - sectors == found
    for schema in (schemas.OrganizationIn, schemas.OrganizationPatch):
        # The API does not offer the microcredit lender.
        assert _schema_fields(schema, COMMUNE_BY_NAME) - sectors == found - {"microcredit_lender"}


def test_the_person_allowlist_is_the_form_and_the_api_schema():
    found = set(Person.EDITABLE_FIELDS) - {"commune"}
    # The page gives the organization; the API body names it.
    assert set(registry_forms.PersonForm.base_fields) == found - {"organization"}
    for schema in (schemas.PersonIn, schemas.PersonPatch):
        assert _schema_fields(schema, COMMUNE_BY_NAME) == found


def test_the_product_allowlist_is_the_form_and_the_api_schema():
    assert set(registry_forms.ProductForm.base_fields) == set(Product.EDITABLE_FIELDS)
    # Photos are sent through the pages only.
    assert _schema_fields(schemas.ProductIn) == set(Product.EDITABLE_FIELDS) - {"photo"}


def test_the_session_allowlist_is_the_form_and_the_api_schema():
    lists = {"topics", "trainers"}  # set by their own arguments
    assert set(session_forms.SessionForm.base_fields) - lists == set(Session.EDITABLE_FIELDS)
    for schema in (session_schemas.SessionIn, session_schemas.SessionPatch):
        assert _schema_fields(schema, COMMUNE_BY_NAME) - lists == set(Session.EDITABLE_FIELDS)


@pytest.mark.parametrize("model", [Event, Wave, Call, Organization, Person, Product, Session])
def test_every_allowlisted_name_is_an_editable_field_of_the_model(model):
    for name in model.EDITABLE_FIELDS:
        field = model._meta.get_field(name)
        assert field.concrete and field.editable and not field.primary_key, name
