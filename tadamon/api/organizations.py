"""Organizations: the registry's cooperatives, associations, artisans and others."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tadamon.api.inputs import Errors, Pages, organization_to_change
from tadamon.api.schemas import OrganizationIn, OrganizationOut, OrganizationPatch
from tadamon.registry import access as registry_access
from tadamon.registry import duplicates, merging, references, selectors, services
from tadamon.registry.models import Organization, Sector

router = Router(tags=["organizations"])

# Body fields are Organization.EDITABLE_FIELDS (tests/core/test_editable_fields) but these:
# resolved from codes or a name below, or not offered by the API (the microcredit lender).
_NOT_PLAIN = {"kind", "region", "province", "commune_name", "commune", "microcredit_lender"}
_PLAIN_FIELDS = tuple(name for name in Organization.EDITABLE_FIELDS if name not in _NOT_PLAIN)


def _service_arguments(
    data: dict[str, Any], *, current: Organization | None
) -> tuple[dict[str, Any], list[Sector] | None]:
    """Model fields and sectors for the services, from the body fields that were sent."""
    errors = Errors()
    fields = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    region = current.region if current is not None else None
    if "kind" in data:
        fields["kind"] = errors.check(references.resolve, "kind", data["kind"])
    if "region" in data:
        region = fields["region"] = errors.check(references.resolve, "region", data["region"])
    if "province" in data:
        fields["province"] = errors.check(
            references.resolve_province, data["province"], region=region
        )
    if "commune" in data:
        fields["commune_name"] = data["commune"]
    sectors = None
    if "sectors" in data:
        sectors = errors.check(references.resolve_sectors, data["sectors"])
    errors.raise_if_any()
    return fields, sectors


@router.post("", response={201: OrganizationOut})
def create_organization(request: HttpRequest, payload: OrganizationIn) -> Status[Organization]:
    fields, sectors = _service_arguments(payload.model_dump(), current=None)
    organization = services.create_organization(
        actor=request.user, fields=fields, sectors=sectors or []
    )
    return Status(201, organization)


@router.get("", response=list[OrganizationOut])
@paginate(Pages)
def list_organizations(
    request: HttpRequest,
    q: str = Query("", max_length=200, description="Search in names, as people type them"),
    region: str = Query("", max_length=200, description="Region code"),
    province: str = Query("", max_length=200, description="Province code"),
    kind: str = Query("", max_length=200, description="Organization kind code"),
    sector: str = Query("", max_length=200, description="Sector code"),
    women_led: bool | None = None,
) -> QuerySet:
    return selectors.organization_list(
        user=request.user,
        q=q,
        region=region,
        province=province,
        kind=kind,
        sector=sector,
        women_led=women_led,
    ).prefetch_related("sectors")


@router.get("/{organization_id}", response=OrganizationOut)
def get_organization(request: HttpRequest, organization_id: int) -> Organization:
    return selectors.organization_for_view(user=request.user, pk=organization_id)


@router.patch("/{organization_id}", response=OrganizationOut)
def update_organization(
    request: HttpRequest, organization_id: int, payload: OrganizationPatch
) -> Organization:
    organization = organization_to_change(user=request.user, pk=organization_id)
    fields, sectors = _service_arguments(
        payload.model_dump(exclude_unset=True), current=organization
    )
    return services.update_organization(
        actor=request.user, organization=organization, fields=fields, sectors=sectors
    )


@router.delete("/{organization_id}", response={204: None})
def delete_organization(request: HttpRequest, organization_id: int) -> Status[None]:
    organization = organization_to_change(user=request.user, pk=organization_id)
    services.delete_organization(actor=request.user, organization=organization)
    return Status(204, None)


class DuplicateOut(Schema):
    id: int
    name: str
    reasons: list[str]


class MergeIn(Schema):
    duplicate: int = Field(..., description="The organization merged into this one, then deleted")


class MergeOut(Schema):
    kept: int
    merged: int
    moved: dict[str, int]


@router.get("/{organization_id}/duplicates", response=list[DuplicateOut])
def list_duplicates(request: HttpRequest, organization_id: int) -> list[dict]:
    """Likely duplicates: same registration number, same phone, similar name nearby
    (organizers)."""
    organization = organization_to_change(user=request.user, pk=organization_id)
    if not registry_access.can_merge_organizations(request.user, organization):
        raise PermissionDenied
    return [
        {"id": c.organization.pk, "name": str(c.organization), "reasons": c.reasons}
        for c in duplicates.likely_duplicates(organization)
    ]


@router.post("/{organization_id}/merge", response=MergeOut)
def merge(request: HttpRequest, organization_id: int, payload: MergeIn) -> dict:
    """Move everything of `duplicate` here and delete it (organizers; recorded)."""
    keep = organization_to_change(user=request.user, pk=organization_id)
    duplicate = organization_to_change(user=request.user, pk=payload.duplicate)
    if not registry_access.can_merge_organizations(request.user, keep):
        raise PermissionDenied
    return merging.merge_organizations(keep=keep, duplicate=duplicate, actor=request.user)
