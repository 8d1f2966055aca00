"""Who takes part in the B2B meetings: buyers registered by the organizer, exhibitors who
opt in, each with what it offers and seeks and the slots it cannot attend."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.b2b import access as b2b_access
from tadamon.b2b.models import BUYER_KIND, Participant, Slot
from tadamon.core import audit
from tadamon.events.models import Event, Participation
from tadamon.registry.models import Organization, Sector

Side = Participant.Side
PROFILE_FIELDS = ("offers", "seeks", "volumes", "language")


def _acts_for(actor: Any, event: Event, organization: Organization) -> bool:
    """Managers act for anyone; an organization's users for their organization."""
    if b2b_access.can_manage_b2b(actor, event):
        return True
    return bool(getattr(actor, "organization_id", None) == organization.pk and actor.is_active)


def _check_side(event: Event, organization: Organization, side: str) -> None:
    if side == Side.BUYER:
        if organization.kind.code != BUYER_KIND:
            raise ValidationError(
                {"organization": _("A buyer is a company or a marketing platform.")}
            )
    elif side == Side.EXHIBITOR:
        confirmed = Participation.objects.filter(
            event=event, organization=organization, status=Participation.Status.CONFIRMED
        )
        if not confirmed.exists():
            raise ValidationError(
                {"organization": _("This organization is not an exhibitor of this event.")}
            )
    else:
        raise ValidationError({"side": _("Choose buyer or exhibitor.")})


def _check_profile(fields: dict[str, Any]) -> None:
    errors = {}
    for name, limit in (("offers", 1000), ("seeks", 1000), ("volumes", 200)):
        if len(fields.get(name) or "") > limit:
            errors[name] = _("At most %(max)s characters.") % {"max": limit}
    if fields.get("language", "ar") not in Participant.Language.values:
        errors["language"] = _("Choose Arabic or French.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def join(
    *,
    event: Event,
    organization: Organization,
    side: str,
    actor: Any,
    sectors: Iterable[Sector] = (),
    **profile: Any,
) -> tuple[Participant, bool]:
    """Add the organization to the event's B2B meetings; answers (participant, created).
    Buyers are registered by the event's managers; exhibitors also opt in themselves."""
    if not _acts_for(actor, event, organization):
        raise PermissionDenied
    if side == Side.BUYER and not b2b_access.can_manage_b2b(actor, event):
        raise PermissionDenied(_("Buyers are registered by the organizers."))
    _check_side(event, organization, side)
    _check_profile(profile)
    participant, created = Participant.objects.get_or_create(
        event=event, organization=organization, defaults={"side": side}
    )
    if not created and participant.side != side:
        raise ValidationError(
            {
                "side": _("This organization already takes part as %(side)s.")
                % {"side": participant.get_side_display()}
            }
        )
    for name in PROFILE_FIELDS:
        if name in profile:
            setattr(participant, name, (profile[name] or "").strip())
    participant.save()
    sectors = list(sectors)
    if sectors or created:
        participant.sectors.set(sectors or _default_sectors(organization))
    audit.record(
        actor=actor,
        action="b2b.participant.joined" if created else "b2b.participant.updated",
        obj=participant,
        data={"event": event.pk, "side": side},
    )
    return participant, created


def _default_sectors(organization: Organization) -> list[Sector]:
    return list(organization.sectors.all()) or (
        [organization.primary_sector] if organization.primary_sector_id else []
    )


@transaction.atomic
def update_profile(
    *, participant: Participant, actor: Any, sectors: Iterable[Sector] | None = None, **profile: Any
) -> Participant:
    if not _acts_for(actor, participant.event, participant.organization):
        raise PermissionDenied
    _check_profile(profile)
    for name in PROFILE_FIELDS:
        if name in profile:
            setattr(participant, name, (profile[name] or "").strip())
    participant.save()
    if sectors is not None:
        participant.sectors.set(list(sectors))
    audit.record(actor=actor, action="b2b.participant.updated", obj=participant)
    return participant


@transaction.atomic
def set_unavailable(*, participant: Participant, slots: Iterable[Slot], actor: Any) -> Participant:
    """The slots the participant cannot attend (the others are all available)."""
    if not _acts_for(actor, participant.event, participant.organization):
        raise PermissionDenied
    slots = list(slots)
    if any(slot.session.event_id != participant.event_id for slot in slots):
        raise ValidationError({"unavailable_slots": _("A slot belongs to another event.")})
    participant.unavailable_slots.set(slots)
    audit.record(
        actor=actor,
        action="b2b.participant.availability",
        obj=participant,
        data={"unavailable": [slot.pk for slot in slots]},
    )
    return participant
