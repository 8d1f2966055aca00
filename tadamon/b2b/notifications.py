"""E-mails telling B2B participants that their agenda changed, in their agenda's language.

Sent after the transaction commits (nobody hears of a schedule that was rolled back), through
Django's mail backends; a mail server that is down is logged and the agenda page stays right.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tadamon.b2b.models import Participant
from tadamon.calls.notifications import recipients
from tadamon.core.origin import public_base_url
from tadamon.events.models import Event

logger = logging.getLogger("tadamon.notifications")


def agenda_changed(participant: Participant) -> bool:
    to = recipients(participant.organization)
    if not to:
        return False
    address = public_base_url() + reverse("b2b:my_b2b", args=[participant.event_id])
    with translation.override(participant.language):
        subject = _("Your B2B agenda at %(event)s changed") % {"event": participant.event.title}
        body = _(
            "Hello,\n\nThe schedule of your B2B meetings at %(event)s changed. "
            "Your agenda is here:\n%(address)s\n\nThe organizers"
        ) % {"event": participant.event.title, "address": address}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except OSError:
        logger.exception("Could not send the B2B agenda of %s", participant)
        return False
    return True


def after_commit_agenda_changed(event: Event, participant_ids: Iterable[int]) -> None:
    ids = sorted(set(participant_ids))
    if not ids:
        return

    def send() -> None:
        for participant in Participant.objects.filter(event=event, pk__in=ids).select_related(
            "organization", "event"
        ):
            agenda_changed(participant)

    transaction.on_commit(send)
