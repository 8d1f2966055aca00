"""Recording, validating and correcting daily sales declarations (SPEC 3H, 4).

A declaration is recorded once per `client_uuid` however often a phone sends it: the
unique constraint on that column is the guarantee; this module reads the existing row
first and, when two requests race past that read, catches the IntegrityError and answers
with the row the other request wrote.
"""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.events.models import Event, Participation
from tadamon.registry.models import Organization, Product
from tadamon.sales import access as sales_access
from tadamon.sales.models import DEFAULT_CEILING_MAD, PaymentMethod, SalesDeclaration

Status = SalesDeclaration.Status
# What a review changes, kept before and after in the audit trail.
REVIEW_FIELDS = ("status", "query_reason", "validated_by", "validated_at")


def ceiling_for(event: Event) -> Decimal:
    ceiling = getattr(event, "sales_ceiling", None) if event.pk else None
    return ceiling.max_amount_mad if ceiling is not None else DEFAULT_CEILING_MAD


def _check_values(
    *,
    event: Event,
    organization: Organization,
    date: datetime.date,
    amount_mad: Decimal,
    product: Product | None,
    payment_method: str,
) -> None:
    """Raise one ValidationError naming every refused field."""
    errors: dict[str, str] = {}
    if amount_mad < 0:
        errors["amount_mad"] = _("The amount cannot be negative.")
    elif amount_mad > ceiling_for(event):
        errors["amount_mad"] = _(
            "The amount is above the largest daily amount accepted at this event (%(max)s MAD)."
        ) % {"max": ceiling_for(event)}
    if not event.start_date <= date <= event.end_date:
        errors["date"] = _("The date must be within the event (%(start)s to %(end)s).") % {
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
        }
    confirmed = Participation.objects.filter(
        event=event, organization=organization, status=Participation.Status.CONFIRMED
    )
    if not confirmed.exists():
        errors["organization"] = _("This organization is not an exhibitor of this event.")
    if product is not None and product.organization_id != organization.pk:
        errors["product"] = _("This product belongs to another organization.")
    if payment_method and payment_method not in PaymentMethod.values:
        errors["payment_method"] = _("Unknown payment method.")
    if errors:
        raise ValidationError(errors)


def _by_uuid(client_uuid: uuid.UUID) -> SalesDeclaration | None:
    return SalesDeclaration.objects.filter(client_uuid=client_uuid).first()


def _same_declaration(existing: SalesDeclaration, event: Event, organization: Organization) -> None:
    # A device id reused for another event or organization is a client bug, not a resend.
    if existing.event_id != event.pk or existing.organization_id != organization.pk:
        raise ValidationError(
            {"client_uuid": _("This declaration id was already used for another declaration.")},
            code="client_uuid_reused",
        )


@transaction.atomic
def declare(
    *,
    event: Event,
    organization: Organization,
    date: datetime.date,
    amount_mad: Decimal,
    actor: Any,
    client_uuid: uuid.UUID | None = None,
    product: Product | None = None,
    payment_method: str = "",
    corrects: SalesDeclaration | None = None,
) -> tuple[SalesDeclaration, bool]:
    """Record one day's sales; answers (declaration, created).

    Entered by one of the event's managers it is validated at once; by an exhibitor it
    waits for validation. A repeated `client_uuid` returns the first row unchanged.
    """
    if not sales_access.can_declare_sales(actor, event, organization):
        raise PermissionDenied
    client_uuid = client_uuid or uuid.uuid4()
    existing = _by_uuid(client_uuid)
    if existing is not None:
        _same_declaration(existing, event, organization)
        return existing, False
    _check_values(
        event=event,
        organization=organization,
        date=date,
        amount_mad=amount_mad,
        product=product,
        payment_method=payment_method,
    )
    by_manager = sales_access.can_validate_sales(actor, event)
    declaration = SalesDeclaration(
        event=event,
        organization=organization,
        date=date,
        amount_mad=amount_mad,
        product=product,
        payment_method=payment_method,
        client_uuid=client_uuid,
        declared_by=actor,
        corrects=corrects,
        status=Status.VALIDATED if by_manager else Status.PENDING,
        validated_by=actor if by_manager else None,
        validated_at=timezone.now() if by_manager else None,
    )
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        # Another request with the same device id was recorded between our read and write.
        winner = _by_uuid(client_uuid)
        if winner is None:
            raise
        _same_declaration(winner, event, organization)
        return winner, False
    audit.record(
        actor=actor,
        action="sales.declared",
        obj=declaration,
        created=True,
        data={"amount_mad": str(amount_mad), "client_uuid": str(client_uuid)},
    )
    return declaration, True


def _check_reviewable(declaration: SalesDeclaration, actor: Any) -> None:
    if not sales_access.can_validate_sales(actor, declaration.event):
        raise PermissionDenied
    if declaration.superseded:
        raise ValidationError(
            {"status": _("This declaration was replaced by a correction.")}, code="superseded"
        )


@transaction.atomic
def validate(*, declaration: SalesDeclaration, actor: Any) -> SalesDeclaration:
    _check_reviewable(declaration, actor)
    before = audit.snapshot(declaration, REVIEW_FIELDS)
    declaration.status = Status.VALIDATED
    declaration.validated_by = actor
    declaration.validated_at = timezone.now()
    declaration.save(update_fields=["status", "validated_by", "validated_at"])
    audit.record(actor=actor, action="sales.validated", obj=declaration, before=before)
    return declaration


@transaction.atomic
def query(*, declaration: SalesDeclaration, actor: Any, reason: str) -> SalesDeclaration:
    """Ask the exhibitor about a declaration; it no longer counts until validated."""
    _check_reviewable(declaration, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is unclear about this declaration.")})
    before = audit.snapshot(declaration, REVIEW_FIELDS)
    declaration.status = Status.QUERIED
    declaration.query_reason = reason.strip()
    declaration.validated_by = None
    declaration.validated_at = None
    declaration.save(update_fields=["status", "query_reason", "validated_by", "validated_at"])
    audit.record(
        actor=actor,
        action="sales.queried",
        obj=declaration,
        data={"reason": reason},
        before=before,
    )
    return declaration


@transaction.atomic
def reject(*, declaration: SalesDeclaration, actor: Any, reason: str = "") -> SalesDeclaration:
    _check_reviewable(declaration, actor)
    before = audit.snapshot(declaration, REVIEW_FIELDS)
    declaration.status = Status.REJECTED
    declaration.query_reason = reason.strip()
    declaration.save(update_fields=["status", "query_reason"])
    audit.record(actor=actor, action="sales.rejected", obj=declaration, before=before)
    return declaration


@transaction.atomic
def correct(
    *,
    declaration: SalesDeclaration,
    amount_mad: Decimal,
    actor: Any,
    client_uuid: uuid.UUID | None = None,
) -> SalesDeclaration:
    """Replace a declaration's amount by a new declaration; the old one stays, superseded."""
    # Lock the row so that two corrections of the same declaration cannot both win.
    declaration = SalesDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.superseded:
        raise ValidationError(
            {"amount_mad": _("This declaration was already corrected; correct the latest one.")},
            code="superseded",
        )
    new, created = declare(
        event=declaration.event,
        organization=declaration.organization,
        date=declaration.date,
        amount_mad=amount_mad,
        actor=actor,
        client_uuid=client_uuid,
        product=declaration.product,
        payment_method=declaration.payment_method,
        corrects=declaration,
    )
    if created:
        declaration.superseded = True
        declaration.save(update_fields=["superseded"])
    return new
