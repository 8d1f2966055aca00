"""Telling B2B participants that their agenda changed, in their agenda's language, by e-mail
and in their accounts' inboxes, through the outbox (tadamon/messaging).

Queued after the transaction commits (nobody hears of a schedule that was rolled back). One
change of schedule is one batch: each participant hears of it once, however many of their
meetings moved."""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tadamon.b2b.models import Participant
from tadamon.calls.notifications import to_organization
from tadamon.core.origin import public_base_url
from tadamon.events.models import Event
from tadamon.messaging import services as outbox


def agenda_changed(participant: Participant, *, batch: str = "") -> bool:
    """Queue the notice for `participant`; False when nobody could be written to."""
    batch = batch or uuid.uuid4().hex
    address = public_base_url() + reverse("b2b:my_b2b", args=[participant.event_id])
    with translation.override(participant.language):
        subject = _("Your B2B agenda at %(event)s changed") % {"event": participant.event.title}
        body = _(
            "Hello,\n\nThe schedule of your B2B meetings at %(event)s changed. "
            "Your agenda is here:\n%(address)s\n\nThe organizers"
        ) % {"event": participant.event.title, "address": address}
    key = f"b2b.agenda:{batch}:{participant.pk}"
    common = {
        "kind": "b2b.agenda_changed",
        "subject": subject,
        "body": body,
        "language": participant.language,
        "event": participant.event,
        "batch": f"b2b.agenda:{batch}"[:60],
        "must_send": True,
    }
    outgoing = to_organization(participant.organization, key, **common)
    if not outgoing:
        return False
    outbox.queue_many(outgoing)
    return True


def after_commit_agenda_changed(event: Event, participant_ids: Iterable[int]) -> None:
    ids = sorted(set(participant_ids))
    if not ids:
        return
    batch = uuid.uuid4().hex

    def send() -> None:
        for participant in Participant.objects.filter(event=event, pk__in=ids).select_related(
            "organization", "event"
        ):
            agenda_changed(participant, batch=batch)

    transaction.on_commit(send)
