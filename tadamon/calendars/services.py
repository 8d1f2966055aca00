"""Making and revoking calendar links; each change is written to the audit trail."""

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from tadamon.calendars import access
from tadamon.calendars.models import CalendarFeed
from tadamon.core import audit
from tadamon.events.models import Event
from tadamon.programme.models import Session

TOKEN_BYTES = 32  # 43 characters in the address: not guessable, still copyable


@transaction.atomic
def create_feed(
    *, actor: Any, kind: str, event: Event, language: str, session: Session | None = None
) -> CalendarFeed:
    """A link for `actor`; the one they already have for the same thing when there is one,
    so that pressing the button twice gives one address, not two."""
    if not access.may_subscribe(actor, kind, event, session):
        raise PermissionDenied
    organization_id = actor.organization_id if kind == CalendarFeed.Kind.AGENDA else None
    existing = CalendarFeed.objects.filter(
        owner=actor,
        kind=kind,
        event=event,
        session=session,
        organization_id=organization_id,
        revoked_at__isnull=True,
    ).first()
    if existing is not None:
        return existing
    feed = CalendarFeed.objects.create(
        token=secrets.token_urlsafe(TOKEN_BYTES),
        kind=kind,
        owner=actor,
        event=event,
        session=session,
        organization_id=organization_id,
        language=language,
    )
    audit.record(actor=actor, action="calendars.feed.created", obj=feed, created=True)
    return feed


@transaction.atomic
def revoke_feed(*, actor: Any, feed: CalendarFeed) -> CalendarFeed:
    """Stops the link answering; calendars that subscribed to it keep what they had."""
    if feed.owner_id != actor.pk:
        raise PermissionDenied
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.is_revoked:
        return feed
    before = audit.snapshot(feed)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="calendars.feed.revoked", obj=feed, before=before)
    return feed
