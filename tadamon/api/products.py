"""Products of an organization (its catalogue)."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from tadamon.api.inputs import Errors, Pages, organization_to_change
from tadamon.api.schemas import ProductIn, ProductOut
from tadamon.registry import references, selectors, services
from tadamon.registry.models import Product

router = Router(tags=["products"])

# Body fields are Product.EDITABLE_FIELDS (tests/core/test_editable_fields) but the sector,
# sent as a code, and the photo, which the API does not take.
_PLAIN_FIELDS = tuple(name for name in Product.EDITABLE_FIELDS if name not in {"sector", "photo"})


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    fields = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    if "sector" in data:
        fields["sector"] = errors.check(references.resolve, "sector", data["sector"])
    errors.raise_if_any()
    return fields


def _product(request: HttpRequest, product_id: int) -> Product:
    return selectors.product_list(user=request.user).get(pk=product_id)


@router.get("/organizations/{organization_id}/products", response=list[ProductOut])
@paginate(Pages)
def list_products(request: HttpRequest, organization_id: int) -> QuerySet:
    organization = selectors.organization_for_view(user=request.user, pk=organization_id)
    return selectors.product_list(user=request.user, organization=organization)


@router.post("/organizations/{organization_id}/products", response={201: ProductOut})
def create_product(
    request: HttpRequest, organization_id: int, payload: ProductIn
) -> Status[Product]:
    organization = organization_to_change(user=request.user, pk=organization_id)
    product = services.save_product(
        actor=request.user, organization=organization, fields=_fields(payload.model_dump())
    )
    return Status(201, product)


@router.get("/products/{product_id}", response=ProductOut)
def get_product(request: HttpRequest, product_id: int) -> Product:
    return _product(request, product_id)


@router.patch("/products/{product_id}", response=ProductOut)
def update_product(request: HttpRequest, product_id: int, payload: ProductIn) -> Product:
    """Only the fields sent change."""
    product = _product(request, product_id)
    return services.save_product(
        actor=request.user,
        organization=product.organization,
        fields=_fields(payload.model_dump(exclude_unset=True)),
        product=product,
    )


@router.delete("/products/{product_id}", response={204: None})
def delete_product(request: HttpRequest, product_id: int) -> Status[None]:
    services.delete_product(actor=request.user, product=_product(request, product_id))
    return Status(204, None)
