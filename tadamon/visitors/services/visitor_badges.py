"""Free visitor registration with a QR badge (SPEC 3G, optional per event).

Anyone may register for an event that opened registration, until it ends; the badge is a
page at an unguessable address whose QR code carries that address. At the gate, an agent
opens the address (scanning the code with the phone's camera) and records the arrival once.
Registering twice with the same phone number gives back the same badge.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.events import access as event_access
from tadamon.events.models import Event
from tadamon.registry.validators import normalize_phone
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import Gate, VisitorRegistration


def registration_open(event: Event, *, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return event.is_published and event.visitor_registration and today <= event.end_date


def _clean(name: str, phone: str, gender: str) -> tuple[str, str]:
    errors: dict[str, str | list[str]] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = _("Give your name.")
    elif len(name) > 120:
        errors["name"] = _("The name is too long (120 characters at most).")
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        errors["phone"] = error.messages
    if gender and gender not in VisitorRegistration.Gender.values:
        errors["gender"] = _("Unknown gender.")
    if errors:
        raise ValidationError(errors)
    return name, phone


@transaction.atomic
def register_visitor(
    *,
    event: Event,
    name: str,
    phone: str = "",
    commune_name: str = "",
    gender: str = "",
    actor: Any = None,
) -> tuple[VisitorRegistration, bool]:
    """Register a visitor; answers (registration, created). The event's managers may also
    register visitors while registration is closed (a desk at the entrance)."""
    if not registration_open(event) and not event_access.can_manage_event(actor, event):
        raise ValidationError(_("Visitor registration is not open for this event."))
    name, phone = _clean(name, phone, gender)
    if phone:
        existing = VisitorRegistration.objects.filter(event=event, phone=phone).first()
        if existing is not None:
            return existing, False
    registration = VisitorRegistration(
        event=event,
        name=name,
        phone=phone,
        commune_name=" ".join((commune_name or "").split())[:120],
        gender=gender or "",
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # The same phone registered at the same moment from a second tab: one badge.
        return VisitorRegistration.objects.get(event=event, phone=phone), False
    audit.record(
        actor=actor,
        action="events.visitor.registered",
        obj=registration,
        data={"event": event.pk},
    )
    return registration, True


@transaction.atomic
def record_arrival(
    *, registration: VisitorRegistration, actor: Any, gate: Gate | None = None
) -> tuple[VisitorRegistration, bool]:
    """Record that the badge holder came in; answers (registration, first time)."""
    event = registration.event
    if not visitor_access.can_count_visitors(actor, event):
        raise PermissionDenied
    if gate is not None and gate.event_id != event.pk:
        raise ValidationError({"gate": _("This gate belongs to another event.")})
    today = timezone.localdate()
    if not event.start_date <= today <= event.end_date:
        raise ValidationError(
            _("Arrivals are recorded while the event is open (%(start)s to %(end)s).")
            % {"start": event.start_date.isoformat(), "end": event.end_date.isoformat()}
        )
    locked = VisitorRegistration.objects.select_for_update().get(pk=registration.pk)
    if locked.arrived_at is not None:
        return locked, False
    locked.arrived_at = timezone.now()
    locked.arrival_gate = gate
    locked.save(update_fields=["arrived_at", "arrival_gate"])
    audit.record(
        actor=actor,
        action="events.visitor.arrived",
        obj=locked,
        data={"event": event.pk, "gate": getattr(gate, "pk", None)},
    )
    return locked, True
