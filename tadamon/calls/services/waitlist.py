"""The waiting list: offering a freed place to the right application, and expiring offers.

When an application holding a place (accepted, confirmed or offered) is withdrawn, the
`place_freed` signal (tadamon.calls.signals, connected in tadamon.calls.receivers) calls
:func:`on_place_freed`. It offers the place, with a deadline of ``call.offer_days`` days, to
the best-ranked waitlisted application that

1. can attend the freed place's wave (its wave preferences include it, or it has none), and
2. keeps the call's quotas: the places held, minus the withdrawn application, plus the
   candidate, must meet every quota.

When no candidate keeps every quota (a withdrawal may break a quota that nobody on the list
can restore), the offer goes to the candidate that breaks the fewest quotas, the best-ranked
among equals: an empty booth helps nobody, and the organizer sees the broken quota on the
dashboard. The quotas broken, if any, are written in the offer's audit entry.

:func:`expire_offers` (the ``expire_offers`` command, run periodically) expires the offers
past their deadline and passes each place on to the next candidate in the same way, and
:func:`send_reminders` reminds once those whose deadline is near.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tadamon.calls import notifications, workflow
from tadamon.calls import quotas as quota_rules
from tadamon.calls.models import Application, Call
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.selectors.applications import waiting_list
from tadamon.calls.services import selection
from tadamon.core import audit
from tadamon.core.models import AuditEntry
from tadamon.events.models import Wave

REMINDER_BEFORE = datetime.timedelta(hours=24)
REMINDED = "events.application.offer_reminded"


def _candidates(call: Call, wave: Wave | None) -> list[Application]:
    candidates = quota_rules.with_quota_facts(waiting_list(call)).prefetch_related(
        "wave_preferences"
    )
    if wave is None:
        return list(candidates)
    return [
        application
        for application in candidates
        if not application.wave_preferences.all()
        or any(preferred.pk == wave.pk for preferred in application.wave_preferences.all())
    ]


@dataclass(frozen=True)
class Choice:
    application: Application
    broken: list[quota_rules.QuotaCheck]


def choose_replacement(freed: Application) -> Choice | None:
    """The application to offer `freed`'s place to (see the module's docstring), or None
    when nobody on the waiting list can attend its wave."""
    call = freed.call
    wave = freed.wave if freed.wave_id else None
    holders = quota_rules.with_quota_facts(
        call.applications.filter(status__in=workflow.HOLDS_A_PLACE).exclude(pk=freed.pk)
    )
    base = [quota_rules.member(application) for application in holders]
    label = wave.label if wave is not None else None
    best: Choice | None = None
    for candidate in _candidates(call, wave):
        members = [*base, quota_rules.member(candidate, wave=label)]
        broken = quota_rules.broken(quota_rules.check_quotas(call.quotas or {}, members))
        if best is None or len(broken) < len(best.broken):
            best = Choice(candidate, broken)
        if not broken:
            break
    return best


def _has_room(freed: Application) -> bool:
    """Whether a place is really free: an organizer may have filled it by hand meanwhile."""
    call = freed.call
    if call.applications.filter(status__in=workflow.HOLDS_A_PLACE).count() >= call.capacity:
        return False
    places = selection.wave_places(call)
    if places is None or not freed.wave_id:
        return True
    return any(wave.pk == freed.wave_id and free > 0 for wave, free in places)


@transaction.atomic
def on_place_freed(application: Application, actor: Any = None) -> Application | None:
    """Offer the place that `application` held to the right waitlisted application; return
    the offered application, or None when there is nobody to offer it to."""
    # Serialises concurrent replacements for one call (a no-op lock on SQLite, whose
    # writers are serialised anyway).
    Call.objects.select_for_update(of=("self",)).filter(pk=application.call_id).first()
    if not _has_room(application):
        return None
    choice = choose_replacement(application)
    if choice is None:
        return None
    offered = choice.application
    offered.wave = application.wave if application.wave_id else None
    offered.offer_expires_at = timezone.now() + datetime.timedelta(days=application.call.offer_days)
    workflow.transition(
        offered,
        S.OFFERED,
        actor=actor,
        replaces=application.pk,
        wave=offered.wave_id,
        broken_quotas=[{"name": c.name, "key": c.key} for c in choice.broken],
    )
    notifications.after_commit(notifications.notify_offer, offered)
    return offered


def pending_offers() -> QuerySet:
    return Application.objects.filter(status=S.OFFERED).select_related(
        "call__event", "organization", "wave"
    )


@dataclass(frozen=True)
class Expiry:
    expired: Application
    offered: Application | None


def expire_offers(now: datetime.datetime | None = None) -> list[Expiry]:
    """Expire every offer whose deadline has passed and pass its place on."""
    now = now or timezone.now()
    expiries = []
    for application in pending_offers().filter(offer_expires_at__lte=now).order_by("id"):
        with transaction.atomic():
            workflow.transition(application, S.EXPIRED, actor=None, deadline_passed=True)
            notifications.after_commit(notifications.notify_offer_expired, application)
            expiries.append(Expiry(application, on_place_freed(application)))
    return expiries


def send_reminders(now: datetime.datetime | None = None) -> list[Application]:
    """Remind, once, the offers whose deadline is less than a day away."""
    now = now or timezone.now()
    due = pending_offers().filter(
        offer_expires_at__gt=now, offer_expires_at__lte=now + REMINDER_BEFORE
    )
    reminded = set(
        AuditEntry.objects.filter(
            action=REMINDED,
            object_type=Application._meta.label_lower,
            object_id__in=[str(pk) for pk in due.values_list("pk", flat=True)],
        ).values_list("object_id", flat=True)
    )
    sent = []
    for application in due.order_by("offer_expires_at", "id"):
        if str(application.pk) in reminded:
            continue
        with transaction.atomic():
            audit.record(actor=None, action=REMINDED, obj=application)
            notifications.after_commit(notifications.notify_offer_reminder, application)
        sent.append(application)
    return sent
