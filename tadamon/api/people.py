"""People: the beneficiaries of trainings and members of organizations."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from tadamon.api.inputs import Errors, Pages, organization_field
from tadamon.api.schemas import PersonIn, PersonOut, PersonPatch
from tadamon.core.params import MAX_ID
from tadamon.registry import selectors, services
from tadamon.registry.models import Person

router = Router(tags=["people"])

# Body fields are Person.EDITABLE_FIELDS (tests/core/test_editable_fields); these are resolved
# below (`commune` is the commune's name).
_NOT_PLAIN = {"organization", "commune_name", "commune"}
_PLAIN_FIELDS = tuple(name for name in Person.EDITABLE_FIELDS if name not in _NOT_PLAIN)


def _fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    fields = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    if "organization" in data:
        fields["organization"] = errors.check(
            organization_field, user=request.user, pk=data["organization"]
        )
    if "commune" in data:
        fields["commune_name"] = data["commune"]
    errors.raise_if_any()
    return fields


def _person(request: HttpRequest, person_id: int) -> Person:
    return selectors.people_list(user=request.user).get(pk=person_id)


@router.post("", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    person = services.save_person(actor=request.user, fields=_fields(request, payload.model_dump()))
    return Status(201, person)


@router.get("", response=list[PersonOut])
@paginate(Pages)
def list_people(
    request: HttpRequest,
    organization: int | None = Query(None, ge=1, le=MAX_ID, description="Organization id"),
    q: str = Query("", max_length=200, description="Search in names"),
) -> QuerySet:
    return selectors.people_list(
        user=request.user,
        organization=organization_field(user=request.user, pk=organization),
        q=q,
    )


@router.get("/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Person:
    return _person(request, person_id)


@router.patch("/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
    """Only the fields sent change."""
    person = _person(request, person_id)
    return services.save_person(
        actor=request.user,
        fields=_fields(request, payload.model_dump(exclude_unset=True)),
        person=person,
    )
