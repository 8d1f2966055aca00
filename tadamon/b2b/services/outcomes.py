"""What came of a meeting, recorded by each side once the meeting's slot has started."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.b2b import access as b2b_access
from tadamon.b2b.models import Meeting, Outcome, Participant
from tadamon.core import audit

MAX_AMOUNT_MAD = Decimal("1000000000")


@transaction.atomic
def record_outcome(
    *,
    meeting: Meeting,
    participant: Participant,
    kind: str,
    actor: Any,
    amount_mad: Decimal | None = None,
    note: str = "",
) -> tuple[Outcome, bool]:
    """Record (or correct) `participant`'s outcome of `meeting`; answers (outcome, created).
    Only a participant seated in the meeting, through its own users or a manager."""
    manager = b2b_access.can_manage_b2b(actor, meeting.event)
    own = getattr(actor, "organization_id", None) == participant.organization_id
    if not (manager or (own and getattr(actor, "is_active", False))):
        raise PermissionDenied
    if not meeting.seats.filter(participant=participant).exists():
        raise PermissionDenied(_("You did not take part in this meeting."))
    errors: dict[str, str] = {}
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    if meeting.slot.starts_at > timezone.now():
        raise ValidationError(_("The outcome is recorded once the meeting has started."))
    if kind not in Outcome.Kind.values:
        errors["kind"] = _("Choose an outcome.")
    if amount_mad is not None and not Decimal(0) <= amount_mad <= MAX_AMOUNT_MAD:
        errors["amount_mad"] = _("The amount must be between 0 and %(max)s MAD.") % {
            "max": MAX_AMOUNT_MAD
        }
    if len(note or "") > 500:
        errors["note"] = _("At most %(max)s characters.") % {"max": 500}
    if errors:
        raise ValidationError(errors)
    outcome, created = Outcome.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={
            "kind": kind,
            "amount_mad": amount_mad,
            "note": (note or "").strip(),
            "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    if meeting.status != Meeting.Status.HELD:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="b2b.outcome.recorded",
        obj=outcome,
        data={"meeting": meeting.pk, "kind": kind, "amount_mad": str(amount_mad or "")},
    )
    return outcome, created
