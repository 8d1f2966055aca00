"""Inviting organizations, sending an invitation again, cancelling it, and accepting it (the
account is created). Each change is audited; messages go through the outbox after commit.

Inviting never duplicates: an organization whose phone or e-mail is already an active
account's is not invited, one with a working invitation keeps it, and one whose invitation
expired gets it again (a new link). The database keeps one open invitation per organization
and event in any case (models.py)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tadamon.accounts.models import User
from tadamon.calls.notifications import language_for
from tadamon.core import audit
from tadamon.core.origin import public_base_url
from tadamon.events.models import Event
from tadamon.invitations import access, accounts, notifications, selectors
from tadamon.invitations.models import Invitation, hash_token, new_token
from tadamon.registry.models import Organization
from tadamon.registry.validators import normalize_phone


class Outcome(models.TextChoices):
    INVITED = "invited", gettext_lazy("invited")
    RESENT = "resent", gettext_lazy("invited again (the invitation had expired)")
    ALREADY_INVITED = "already_invited", gettext_lazy("already invited")
    HAS_ACCOUNT = "has_account", gettext_lazy("already has an account")
    UNREACHABLE = "unreachable", gettext_lazy("no phone and no e-mail")


@dataclass(frozen=True)
class InviteResult:
    organization: Organization
    outcome: Outcome
    invitation: Invitation | None = None


class LinkState(models.TextChoices):
    """Why a link does not open the join form."""

    UNKNOWN = "unknown", gettext_lazy("unknown")
    USED = "used", gettext_lazy("used")
    EXPIRED = "expired", gettext_lazy("expired")
    CANCELLED = "cancelled", gettext_lazy("cancelled")


class InvitationUnusable(Exception):
    def __init__(self, state: LinkState) -> None:
        super().__init__(state)
        self.state = state


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TADAMON_INVITATION_DAYS)


def link_state(invitation: Invitation | None) -> LinkState | None:
    """None when the link opens the join form; why not otherwise."""
    if invitation is None:
        return LinkState.UNKNOWN
    if invitation.accepted_at is not None:
        return LinkState.USED
    if invitation.cancelled_at is not None:
        return LinkState.CANCELLED
    if invitation.expires_at <= timezone.now():
        return LinkState.EXPIRED
    return None


def _contact(organization: Organization) -> tuple[str, str]:
    """The organization's phone (E.164, dropped when it is not a number) and e-mail."""
    try:
        phone = normalize_phone(organization.phone)
    except ValidationError:
        phone = ""
    return phone, (organization.email or "").strip()


def _send(invitation: Invitation) -> str:
    """A new token and expiry for `invitation` (saved), its message queued; returns the
    token. Called with the invitation locked or new."""
    raw, digest = new_token()
    now = timezone.now()
    invitation.token_hash = digest
    invitation.expires_at = now + lifetime()
    invitation.sent_count += 1
    invitation.last_sent_at = now
    return raw


def _invite(
    actor: Any, event: Event, organization: Organization, base_url: str | None
) -> InviteResult:
    phone, email = _contact(organization)
    if selectors.contact_has_account(organization, phone, email):
        return InviteResult(organization, Outcome.HAS_ACCOUNT)
    current = (
        Invitation.objects.select_for_update()
        .open()
        .filter(event=event, organization=organization)
        .first()
    )
    if current is not None and not current.is_expired:
        return InviteResult(organization, Outcome.ALREADY_INVITED, current)
    if not phone and not email:
        return InviteResult(organization, Outcome.UNREACHABLE, current)
    if current is not None:
        return InviteResult(organization, Outcome.RESENT, _resend(actor, current, base_url))
    invitation = Invitation(
        event=event,
        organization=organization,
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        phone=phone,
        email=email,
        language=language_for(organization),
    )
    raw = _send(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Invited by another request in the meantime: its invitation stands.
        return InviteResult(organization, Outcome.ALREADY_INVITED)
    audit.record(
        actor=actor,
        action="invitations.invitation.sent",
        obj=invitation,
        data={"organization": organization.pk, "phone": phone, "email": email},
    )
    notifications.queue_invitation(invitation, token=raw, base_url=base_url or public_base_url())
    return InviteResult(organization, Outcome.INVITED, invitation)


@transaction.atomic
def invite(
    *, actor: Any, event: Event, organization: Organization, base_url: str | None = None
) -> InviteResult:
    """Invite the representatives of `organization`, which applied to the event's call or
    takes part in the event. `base_url` is the site's origin for the link (the request's
    in development)."""
    access.require_manager(actor, event)
    if not selectors.invitable_organizations(event).filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("This organization has not applied to this event's call.")}
        )
    return _invite(actor, event, organization, base_url)


@transaction.atomic
def invite_accepted(*, actor: Any, event: Event, base_url: str | None = None) -> list[InviteResult]:
    """Invite every organization whose application is accepted or confirmed; those already
    invited or with an account are left as they are."""
    access.require_manager(actor, event)
    return [
        _invite(actor, event, organization, base_url)
        for organization in selectors.accepted_organizations(event)
    ]


def _locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update()
        .select_related("event", "organization")
        .get(pk=invitation.pk)
    )


def _resend(actor: Any, invitation: Invitation, base_url: str | None) -> Invitation:
    before = audit.snapshot(invitation, ["phone", "email", "expires_at", "sent_count"])
    phone, email = _contact(invitation.organization)
    if phone or email:  # the organization's contact as it is now (a number corrected since)
        invitation.phone, invitation.email = phone, email
    raw = _send(invitation)
    invitation.save(
        update_fields=["phone", "email", "token_hash", "expires_at", "sent_count", "last_sent_at"]
    )
    audit.record(actor=actor, action="invitations.invitation.resent", obj=invitation, before=before)
    notifications.queue_invitation(invitation, token=raw, base_url=base_url or public_base_url())
    return invitation


@transaction.atomic
def resend(*, actor: Any, invitation: Invitation, base_url: str | None = None) -> Invitation:
    """Send the invitation again with a new link and a new expiry: the old link stops
    working. Only an open invitation (not joined, not cancelled) is sent again."""
    access.require_manager(actor, invitation.event_id)
    invitation = _locked(invitation)
    if not invitation.is_open:
        raise ValidationError(_("This invitation was accepted or cancelled: it cannot be sent."))
    return _resend(actor, invitation, base_url)


@transaction.atomic
def cancel(*, actor: Any, invitation: Invitation) -> Invitation:
    """The link stops working; the organization may be invited again later."""
    access.require_manager(actor, invitation.event_id)
    invitation = _locked(invitation)
    if not invitation.is_open:
        raise ValidationError(_("This invitation was already accepted or cancelled."))
    before = audit.snapshot(invitation, ["cancelled_at"])
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    audit.record(
        actor=actor, action="invitations.invitation.cancelled", obj=invitation, before=before
    )
    return invitation


@transaction.atomic
def accept(
    *,
    token: str,
    first_name: str,
    last_name: str,
    phone: str,
    email: str,
    password: str,
) -> User:
    """Create the account the invitation's link promises, attached to its organization, and
    use the link up. InvitationUnusable when the link does not work (any more);
    ValidationError (by field) when the details are refused. Two requests with the same link
    create one account: the invitation is locked and marked used only if it was still open."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
    state = link_state(invitation)
    if state is not None:
        raise InvitationUnusable(state)
    user = accounts.create_exhibitor_account(
        organization=invitation.organization,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        password=password,
        proven_phone=invitation.phone,
    )
    now = timezone.now()
    used = Invitation.objects.filter(
        pk=invitation.pk,
        token_hash=invitation.token_hash,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now, accepted_by=user)
    if used != 1:
        raise InvitationUnusable(LinkState.USED)  # the account above is rolled back
    invitation.accepted_at, invitation.accepted_by = now, user
    audit.record(
        actor=user,
        action="invitations.invitation.accepted",
        obj=invitation,
        changes={"accepted_at": [None, now.isoformat()], "accepted_by": [None, user.username]},
    )
    return user
