"""Buyers who apply from the public form: the application waits for an organizer, who accepts
it (the company enters the registry and takes part as a buyer) or not."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.b2b.models import BUYER_KIND, BuyerApplication, Participant
from tadamon.b2b.services import participants
from tadamon.b2b.services.requests import check_open
from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.registry import services as registry_services
from tadamon.registry.models import OrganizationKind, Region, Sector
from tadamon.registry.validators import normalize_phone


def accepts_buyers(event: Event) -> bool:
    return event.is_published and event.b2b_sessions.exists()


@transaction.atomic
def apply(
    *,
    event: Event,
    name_ar: str,
    name_fr: str,
    region: Region,
    contact_name: str,
    email: str,
    phone: str = "",
    sectors: Iterable[Sector] = (),
    seeks: str = "",
    volumes: str = "",
    language: str = "ar",
) -> BuyerApplication:
    if not accepts_buyers(event):
        raise ValidationError(_("This event takes no buyer applications."))
    check_open(event)
    errors: dict[str, Any] = {}
    if not (name_ar.strip() or name_fr.strip()):
        errors["name_fr"] = _("Give the company's name in Arabic or in French.")
    if not contact_name.strip():
        errors["contact_name"] = _("Give the name of the person to contact.")
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    if errors:
        raise ValidationError(errors)
    application = BuyerApplication(
        event=event,
        name_ar=name_ar.strip(),
        name_fr=name_fr.strip(),
        region=region,
        contact_name=contact_name.strip(),
        phone=phone,
        email=email.strip().lower(),
        seeks=seeks.strip(),
        volumes=volumes.strip(),
        language=language,
    )
    application.full_clean(exclude=["event", "region", "participant"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(
            {"email": _("An application with this e-mail is already waiting for the organizers.")}
        ) from None
    application.sectors.set(list(sectors))
    audit.record(actor=None, action="b2b.buyer.applied", obj=application, data={"event": event.pk})
    return application


@transaction.atomic
def accept(*, application: BuyerApplication, actor: Any) -> Participant:
    """The company enters the registry and takes part as a buyer."""
    event = application.event
    require_event_manager(actor, event)
    application = BuyerApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != BuyerApplication.Status.PENDING:
        raise ValidationError(_("This application was decided already."))
    sectors = list(application.sectors.all())
    organization = registry_services.create_organization(
        actor=actor,
        fields={
            "kind": OrganizationKind.objects.get(code=BUYER_KIND),
            "name_ar": application.name_ar,
            "name_fr": application.name_fr,
            "region": application.region,
            "phone": application.phone,
            "email": application.email,
        },
        sectors=sectors,
    )
    participant, _created = participants.join(
        event=event,
        organization=organization,
        side=Participant.Side.BUYER,
        actor=actor,
        sectors=sectors,
        seeks=application.seeks,
        volumes=application.volumes,
        language=application.language,
    )
    application.status = BuyerApplication.Status.ACCEPTED
    application.participant = participant
    application.save(update_fields=["status", "participant"])
    audit.record(actor=actor, action="b2b.buyer.accepted", obj=application)
    return participant


@transaction.atomic
def reject(*, application: BuyerApplication, actor: Any) -> BuyerApplication:
    require_event_manager(actor, application.event)
    if application.status != BuyerApplication.Status.PENDING:
        raise ValidationError(_("This application was decided already."))
    application.status = BuyerApplication.Status.REJECTED
    application.save(update_fields=["status"])
    audit.record(actor=actor, action="b2b.buyer.rejected", obj=application)
    return application
