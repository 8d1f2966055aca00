"""Meeting requests between a buyer and an exhibitor: made by either side with a priority,
accepted (with the recipient's own interest) or declined, until the requests' deadline."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.b2b import access as b2b_access
from tadamon.b2b.models import Meeting, MeetingRequest, Participant
from tadamon.b2b.services import scheduling
from tadamon.core import audit

Status = MeetingRequest.Status


def _acts_as(actor: Any, participant: Participant) -> bool:
    if b2b_access.can_manage_b2b(actor, participant.event):
        return True
    return bool(
        getattr(actor, "is_active", False)
        and getattr(actor, "organization_id", None) == participant.organization_id
    )


def check_open(event: Any) -> None:
    setup = getattr(event, "b2b_setup", None)
    if setup and setup.requests_close_at and timezone.now() > setup.requests_close_at:
        raise ValidationError(_("Meeting requests are closed for this event."), code="closed")


def _check_priority(priority: int, field: str = "priority") -> None:
    if priority not in MeetingRequest.Priority.values:
        raise ValidationError({field: _("Choose a priority: 1 (low), 2 (normal) or 3 (high).")})


@transaction.atomic
def request_meeting(
    *,
    requester: Participant,
    recipient: Participant,
    actor: Any,
    priority: int = MeetingRequest.Priority.NORMAL,
    message: str = "",
) -> MeetingRequest:
    if not _acts_as(actor, requester):
        raise PermissionDenied
    event = requester.event
    errors = {}
    if recipient.event_id != requester.event_id:
        errors["recipient"] = _("This participant takes part in another event.")
    elif recipient.pk == requester.pk:
        errors["recipient"] = _("You cannot request a meeting with yourself.")
    elif recipient.side == requester.side:
        errors["recipient"] = _("Meetings are between a buyer and an exhibitor.")
    if len(message or "") > 500:
        errors["message"] = _("At most %(max)s characters.") % {"max": 500}
    if errors:
        raise ValidationError(errors)
    _check_priority(priority)
    check_open(event)
    pair = Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester)
    if MeetingRequest.objects.filter(pair).exclude(status=Status.CANCELLED).exists():
        raise ValidationError(
            {
                "recipient": _("A request between you and %(name)s exists already.")
                % {"name": recipient}
            },
            code="duplicate",
        )
    try:
        with transaction.atomic():
            request, _created = MeetingRequest.objects.update_or_create(
                requester=requester,
                recipient=recipient,
                defaults={
                    "event": event,
                    "priority": priority,
                    "message": (message or "").strip(),
                    "status": Status.PENDING,
                    "recipient_priority": None,
                    "answered_at": None,
                },
            )
    except IntegrityError:
        raise ValidationError(
            {
                "recipient": _("A request between you and %(name)s exists already.")
                % {"name": recipient}
            }
        ) from None
    audit.record(
        actor=actor,
        action="b2b.request.made",
        obj=request,
        data={"event": event.pk, "priority": priority},
    )
    return request


@transaction.atomic
def answer(
    *, request: MeetingRequest, accept: bool, actor: Any, priority: int | None = None
) -> MeetingRequest:
    """The recipient (or a manager) accepts, with its own interest, or declines."""
    if not _acts_as(actor, request.recipient):
        raise PermissionDenied
    check_open(request.event)
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != Status.PENDING:
        raise ValidationError(_("This request was answered already."), code="answered")
    if accept:
        priority = MeetingRequest.Priority.NORMAL if priority is None else priority
        _check_priority(priority)
        request.recipient_priority = priority
    request.status = Status.ACCEPTED if accept else Status.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "recipient_priority", "answered_at"])
    audit.record(
        actor=actor, action="b2b.request.answered", obj=request, data={"status": request.status}
    )
    return request


@transaction.atomic
def cancel(*, request: MeetingRequest, actor: Any) -> MeetingRequest:
    """Either side withdraws; a meeting already placed for the request is cancelled too."""
    if not (_acts_as(actor, request.requester) or _acts_as(actor, request.recipient)):
        raise PermissionDenied
    if request.status == Status.CANCELLED:
        return request
    request.status = Status.CANCELLED
    request.save(update_fields=["status"])
    scheduling.cancel_meetings(
        Meeting.objects.filter(request=request, status=Meeting.Status.SCHEDULED)
    )
    audit.record(actor=actor, action="b2b.request.cancelled", obj=request)
    return request
