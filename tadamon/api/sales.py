"""Daily sales declarations and turnover (SPEC 3H, 4).

``POST /events/{id}/sales`` is idempotent per ``client_uuid``: 201 when the declaration is
new, 200 with the same body when it was already recorded. Entered by one of the event's
managers it is validated at once; by an exhibitor (for its own organization only) it waits
for validation. Only the event's managers validate, query or reject.
"""

import datetime
import uuid
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tadamon.api.inputs import Pages
from tadamon.api.schemas import Id
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.registry.models import Organization, Product
from tadamon.sales import access as sales_access
from tadamon.sales import selectors, services
from tadamon.sales.models import PaymentMethod, SalesDeclaration

router = Router(tags=["sales"])

Amount = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class SaleIn(Schema):
    organization: Id
    date: datetime.date
    amount_mad: Amount = Field(description="MAD, at most 2 decimals, 0 or more")
    client_uuid: uuid.UUID | None = Field(
        None, description="The device's id of this declaration; a resend with it counts once"
    )
    product: Id | None = None
    payment_method: PaymentMethod | None = None


class SaleOut(Schema):
    id: int
    event: int
    organization: int
    organization_name: str
    date: datetime.date
    amount_mad: Decimal
    product: int | None
    payment_method: str
    client_uuid: uuid.UUID
    status: str
    declared_by: int | None
    validated_by: int | None
    validated_at: datetime.datetime | None
    query_reason: str
    corrects: int | None
    superseded: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_event(obj: SalesDeclaration) -> int:
        return obj.event_id

    @staticmethod
    def resolve_organization(obj: SalesDeclaration) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: SalesDeclaration) -> str:
        return str(obj.organization)

    @staticmethod
    def resolve_amount_mad(obj: SalesDeclaration) -> Decimal:
        return Decimal(obj.amount_mad).quantize(selectors.CENTS)

    @staticmethod
    def resolve_product(obj: SalesDeclaration) -> int | None:
        return obj.product_id

    @staticmethod
    def resolve_declared_by(obj: SalesDeclaration) -> int | None:
        return obj.declared_by_id

    @staticmethod
    def resolve_validated_by(obj: SalesDeclaration) -> int | None:
        return obj.validated_by_id

    @staticmethod
    def resolve_corrects(obj: SalesDeclaration) -> int | None:
        return obj.corrects_id


class DeclarationOut(SaleOut):
    """A declaration, with its exhibitor's totals at the event once it is kept."""

    organization_total_mad: Decimal = Field(
        description="The exhibitor's validated total at the event: its row of the organizer's "
        "turnover (`GET /events/{id}/turnover`, by_organization) and of its sales menu"
    )
    organization_day_total_mad: Decimal = Field(
        description="The same, for this declaration's day (validated declarations only)"
    )
    organization_declared_mad: Decimal = Field(
        description="Everything the exhibitor declared at the event that still stands: "
        "validated, pending or queried; neither rejected nor replaced by a correction"
    )
    organization_day_declared_mad: Decimal = Field(
        description="The same, for this declaration's day"
    )

    @staticmethod
    def resolve_organization_total_mad(obj: SalesDeclaration) -> Decimal:
        return obj.totals["validated"]

    @staticmethod
    def resolve_organization_day_total_mad(obj: SalesDeclaration) -> Decimal:
        return obj.totals["day_validated"]

    @staticmethod
    def resolve_organization_declared_mad(obj: SalesDeclaration) -> Decimal:
        return obj.totals["declared"]

    @staticmethod
    def resolve_organization_day_declared_mad(obj: SalesDeclaration) -> Decimal:
        return obj.totals["day_declared"]


class SaleFilters(Schema):
    status: SalesDeclaration.Status | None = None
    organization: Id | None = None
    date: datetime.date | None = None


class QueryIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class CorrectionIn(Schema):
    amount_mad: Amount
    client_uuid: uuid.UUID | None = None


class GroupRow(Schema):
    id: int | None
    name: str
    turnover_mad: Decimal


class DayRow(Schema):
    date: datetime.date
    turnover_mad: Decimal


class TurnoverOut(Schema):
    event: int
    turnover_mad: Decimal = Field(description="Validated declarations only")
    pending_count: int
    by_organization: list[GroupRow]
    by_sector: list[GroupRow]
    by_region: list[GroupRow]
    by_wave: list[GroupRow]
    by_day: list[DayRow]


def _visible_event(request: HttpRequest, event_id: int) -> Event:
    return event_selectors.event_for_view(user=request.user, pk=event_id)


def _organization(request: HttpRequest, event: Event, pk: int) -> Organization:
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None:
        raise ValidationError({"organization": _("Unknown organization: %(id)s.") % {"id": pk}})
    if not sales_access.can_declare_sales(request.user, event, organization):
        raise PermissionDenied(_("You may declare sales only for your own organization."))
    return organization


def _product(pk: int | None) -> Product | None:
    if pk is None:
        return None
    product = Product.objects.filter(pk=pk).first()
    if product is None:
        raise ValidationError({"product": _("Unknown product: %(id)s.") % {"id": pk}})
    return product


@router.post("/events/{event_id}/sales", response={200: DeclarationOut, 201: DeclarationOut})
def declare(request: HttpRequest, event_id: int, payload: SaleIn) -> Status[SalesDeclaration]:
    """Declare a day's sales; sending the same `client_uuid` again changes nothing."""
    event = _visible_event(request, event_id)
    declaration, created = services.declare(
        event=event,
        organization=_organization(request, event, payload.organization),
        date=payload.date,
        amount_mad=payload.amount_mad,
        actor=request.user,
        client_uuid=payload.client_uuid,
        product=_product(payload.product),
        payment_method=payload.payment_method or "",
    )
    # Read after the write, in one query: what the server kept, as the turnover counts it.
    declaration.totals = selectors.organization_totals(
        event, declaration.organization_id, declaration.date
    )
    return Status(201 if created else 200, declaration)


@router.get("/events/{event_id}/sales", response=list[SaleOut])
@paginate(Pages)
def list_sales(request: HttpRequest, event_id: int, filters: Query[SaleFilters]) -> QuerySet:
    event = _visible_event(request, event_id)
    declarations = selectors.declarations_for(user=request.user, event=event)
    if filters.status:
        declarations = declarations.filter(status=filters.status)
    if filters.organization:
        declarations = declarations.filter(organization_id=filters.organization)
    if filters.date:
        declarations = declarations.filter(date=filters.date)
    return declarations.order_by("date", "organization_id", "id")


@router.get("/events/{event_id}/turnover", response=TurnoverOut)
def turnover(request: HttpRequest, event_id: int) -> dict:
    """Validated turnover per exhibitor, sector, region, wave and day (managers, observers)."""
    event = _visible_event(request, event_id)
    if not event_access.can_read_beneficiaries(request.user, event):
        raise PermissionDenied
    return selectors.turnover(event)


@router.post("/sales/{sale_id}/validate", response=SaleOut)
def validate(request: HttpRequest, sale_id: int) -> SalesDeclaration:
    declaration = selectors.declaration_for(user=request.user, pk=sale_id)
    return services.validate(declaration=declaration, actor=request.user)


@router.post("/sales/{sale_id}/query", response=SaleOut)
def query(request: HttpRequest, sale_id: int, payload: QueryIn) -> SalesDeclaration:
    declaration = selectors.declaration_for(user=request.user, pk=sale_id)
    return services.query(declaration=declaration, actor=request.user, reason=payload.reason)


@router.post("/sales/{sale_id}/reject", response=SaleOut)
def reject(request: HttpRequest, sale_id: int, payload: QueryIn) -> SalesDeclaration:
    declaration = selectors.declaration_for(user=request.user, pk=sale_id)
    return services.reject(declaration=declaration, actor=request.user, reason=payload.reason)


@router.post("/sales/{sale_id}/correct", response={201: SaleOut})
def correct(request: HttpRequest, sale_id: int, payload: CorrectionIn) -> Status[SalesDeclaration]:
    """Replace the amount by a new declaration; the old one stays in the history."""
    declaration = selectors.declaration_for(user=request.user, pk=sale_id)
    new = services.correct(
        declaration=declaration,
        amount_mad=payload.amount_mad,
        actor=request.user,
        client_uuid=payload.client_uuid,
    )
    return Status(201, new)
