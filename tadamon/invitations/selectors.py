"""What the invitation pages read: the organizations an event's managers may invite, the
invitations with their status (from the outbox's messages of their latest sending), and the
invitation behind a link."""

from typing import Any

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import Application, ApplicationStatus
from tadamon.events.models import Event, Participation
from tadamon.invitations import access
from tadamon.invitations.models import Invitation, InvitationStatus, hash_token
from tadamon.messaging.models import Message
from tadamon.messaging.models import Status as MessageStatus
from tadamon.registry.models import Organization

# The applications whose organizations "invite all" reaches.
ACCEPTED = (ApplicationStatus.ACCEPTED, ApplicationStatus.CONFIRMED)


def invitable_organizations(event: Event) -> QuerySet:
    """Organizations of the event's call (an application past its draft) or taking part in
    the event: those an organizer may invite one at a time."""
    applied = Application.objects.filter(call__event=event).exclude(status=ApplicationStatus.DRAFT)
    taking_part = Participation.objects.filter(event=event)
    return Organization.objects.filter(
        Q(pk__in=applied.values("organization_id"))
        | Q(pk__in=taking_part.values("organization_id"))
    ).order_by("name_fr", "name_ar", "pk")


def accepted_organizations(event: Event) -> QuerySet:
    """The organizations whose application to the event's call is accepted or confirmed."""
    accepted = Application.objects.filter(call__event=event, status__in=ACCEPTED)
    return Organization.objects.filter(pk__in=accepted.values("organization_id")).order_by(
        "name_fr", "name_ar", "pk"
    )


def with_account(organizations: QuerySet) -> QuerySet:
    """Those of `organizations` that already have an active exhibitor account."""
    return organizations.filter(users__is_active=True, users__role=Role.EXHIBITOR).distinct()


def with_pending_invitation(organizations: QuerySet, event: Event) -> QuerySet:
    """Those of `organizations` invited to `event` by a link that still works."""
    pending = Invitation.objects.pending().filter(event=event)
    return organizations.filter(pk__in=pending.values("organization_id"))


def contact_has_account(organization: Organization, phone: str, email: str) -> bool:
    """An active account of the organization already uses this phone or e-mail: the person
    the invitation would reach has joined. (An organization has several representatives: one
    who signed up is no reason not to invite the one the registry names.)"""
    same = Q(pk__in=[])
    if phone:
        same |= Q(phone=phone)
    if email:
        same |= Q(email__iexact=email)
    return organization.users.filter(same, is_active=True, role=Role.EXHIBITOR).exists()


def with_status(invitations: QuerySet) -> QuerySet:
    """Annotates `state` (an InvitationStatus): cancelled, joined, expired, or, while the
    link works, delivered when a message of the latest sending reached its provider, not
    delivered when they all failed, sent otherwise."""
    latest = Message.objects.filter(batch=OuterRef("current_batch"))
    return invitations.annotate(
        current_batch=Concat(
            Value("invitation:"),
            Cast("pk", CharField()),
            Value(":"),
            Cast("sent_count", CharField()),
            output_field=CharField(),
        ),
        any_delivered=Exists(latest.filter(status=MessageStatus.SENT)),
        any_waiting=Exists(latest.filter(status__in=(MessageStatus.QUEUED, MessageStatus.SENDING))),
        any_failed=Exists(latest.filter(status=MessageStatus.FAILED)),
    ).annotate(
        state=Case(
            When(cancelled_at__isnull=False, then=Value(InvitationStatus.CANCELLED)),
            When(accepted_at__isnull=False, then=Value(InvitationStatus.JOINED)),
            When(expires_at__lte=timezone.now(), then=Value(InvitationStatus.EXPIRED)),
            When(any_delivered=True, then=Value(InvitationStatus.DELIVERED)),
            When(any_waiting=True, then=Value(InvitationStatus.SENT)),
            When(any_failed=True, then=Value(InvitationStatus.FAILED)),
            default=Value(InvitationStatus.SENT),
            output_field=CharField(),
        )
    )


def invitation_list(*, user: Any, event: Event, status: str = "", search: str = "") -> QuerySet:
    """The event's invitations the user may read, with their status, the latest first."""
    invitations = with_status(
        access.invitations_for(user)
        .filter(event=event)
        .select_related("organization", "invited_by", "accepted_by")
    )
    if status:
        invitations = invitations.filter(state=status)
    if search:
        invitations = invitations.filter(
            Q(organization__name_ar__icontains=search)
            | Q(organization__name_fr__icontains=search)
            | Q(phone__icontains=search)
            | Q(email__icontains=search)
        )
    return invitations.order_by("-created_at", "-pk")


def status_counts(*, user: Any, event: Event) -> dict[str, int]:
    """How many of the event's invitations are in each status."""
    counted = (
        with_status(access.invitations_for(user).filter(event=event))
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(InvitationStatus.values, 0)
    counts.update({row["state"]: row["n"] for row in counted})
    return counts


def invitation_by_pk(pk: int) -> Invitation | None:
    """One invitation with its event and organization (the caller checks the access)."""
    return Invitation.objects.select_related("event", "organization").filter(pk=pk).first()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link carries `token` (compared by its hash), whatever its state."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("event", "organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
