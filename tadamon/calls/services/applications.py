"""Applications to a call: drafts, submission, decisions, confirmation and withdrawal.

Every change of status goes through tadamon.calls.workflow.transition; this module
decides who may ask for it. An exhibitor acts for their own organization; the event's
managers act for any applicant (they submit on behalf of cooperatives that applied on
paper, decide, and record withdrawals announced by phone).
"""

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tadamon.accounts.models import Role
from tadamon.calls import eligibility, notifications, workflow
from tadamon.calls.models import Application, Call
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.signals import place_freed
from tadamon.core import audit
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event, Participation, Wave
from tadamon.registry.models import Organization

logger = logging.getLogger(__name__)

APPLICATION_FIELDS = frozenset({"motivation", "products_text", "needs_accessible_booth"})
DECISIONS = frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED})
# Statuses in which the applicant may still change the answers.
EDITABLE = frozenset({S.DRAFT, S.SUBMITTED})


def _invalid(field: str, message: str | list[str], code: str) -> ValidationError:
    """A field error that keeps its code (Django drops the code of a dict's values)."""
    messages = message if isinstance(message, list) else [message]
    return ValidationError({field: [ValidationError(m, code=code) for m in messages]})


# Who may act --------------------------------------------------------------------------


def represents(user, organization_id: int) -> bool:
    """True when `user` is an exhibitor's representative of that organization."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.role == Role.EXHIBITOR
        and user.organization_id == organization_id
    )


def manages(user, call: Call) -> bool:
    return event_access.can_manage_event(user, call.event)


def check_applicant_side(actor, application: Application) -> None:
    """The applicant's representative or a manager of the event."""
    if not (represents(actor, application.organization_id) or manages(actor, application.call)):
        raise PermissionDenied


# Rules --------------------------------------------------------------------------------


def is_open(call: Call, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return call.opens_on <= today <= call.closes_on


def ensure_open(call: Call) -> None:
    today = timezone.localdate()
    if today < call.opens_on:
        message = _("The call opens on %(date)s; applications cannot be submitted yet.")
        raise _invalid("call", message % {"date": formats.date_format(call.opens_on)}, "not_open")
    if today > call.closes_on:
        message = _("The call closed on %(date)s; applications can no longer be submitted.")
        raise _invalid("call", message % {"date": formats.date_format(call.closes_on)}, "closed")


def _fair_over(application: Application) -> bool:
    """Once the fair ended, its exhibitors are its record (the closing report counts them)
    and stay as they were: nobody withdraws from it."""
    return application.call.event.end_date < timezone.localdate()


def can_withdraw(application: Application) -> bool:
    return workflow.can_transition(application, S.WITHDRAWN) and not _fair_over(application)


def _ensure_not_over(application: Application) -> None:
    if _fair_over(application):
        end = application.call.event.end_date
        message = _(
            "The fair ended on %(date)s: its exhibitors stay as they were, and an application "
            "can no longer be withdrawn."
        )
        raise _invalid("status", message % {"date": formats.date_format(end)}, "event_over")


def is_first_participation(organization: Organization, event: Event) -> bool:
    """No confirmed participation in an earlier event of the same series — or, when the
    event belongs to no series, in any earlier event. "Earlier" is by start date."""
    earlier = Participation.objects.filter(
        organization=organization,
        status=Participation.Status.CONFIRMED,
        event__start_date__lt=event.start_date,
    ).exclude(event=event)
    if event.series_id:
        earlier = earlier.filter(event__series_id=event.series_id)
    return not earlier.exists()


def _check_waves(call: Call, waves: Iterable[Wave], field: str = "wave_preferences") -> list[Wave]:
    waves = list(waves)
    foreign = [wave for wave in waves if wave.event_id != call.event_id]
    if foreign:
        raise _invalid(
            field,
            _("These waves are not waves of this event: %(waves)s.")
            % {"waves": ", ".join(str(wave) for wave in foreign)},
            "foreign_wave",
        )
    return waves


def _resolve_organization(actor, call: Call, organization: Organization | None) -> Organization:
    if manages(actor, call):
        if organization is None:
            raise _invalid("organization", _("Choose the organization that applies."), "required")
        return organization
    if not represents(actor, actor.organization_id if actor.is_authenticated else None):
        raise PermissionDenied
    if organization is not None and organization.pk != actor.organization_id:
        raise PermissionDenied(_("You can only apply for your own organization."))
    if not event_access.events_for(actor).filter(pk=call.event_id).exists():
        raise PermissionDenied
    return actor.organization


# Drafts and submission ----------------------------------------------------------------


@transaction.atomic
def save_application(
    *,
    actor,
    call: Call,
    fields: dict[str, Any],
    organization: Organization | None = None,
    wave_preferences: Iterable[Wave] | None = None,
    application: Application | None = None,
) -> Application:
    """Create a draft application (no `application`) or change the answers of one that is
    still a draft or submitted while the call is open. `fields`: motivation,
    products_text, needs_accessible_booth. No wave preference means any wave."""
    unknown = set(fields) - APPLICATION_FIELDS
    if unknown:
        raise ValueError(f"Not fields of an application: {sorted(unknown)}")
    if application is None:
        organization = _resolve_organization(actor, call, organization)
        if Application.objects.filter(call=call, organization=organization).exists():
            raise _invalid(
                "organization",
                _("%(name)s has already applied to this call.") % {"name": organization},
                "duplicate",
            )
        application = Application(call=call, organization=organization, created_by=actor)
    else:
        check_applicant_side(actor, application)
        if application.status not in EDITABLE:
            raise _invalid(
                "status",
                _("An application that is “%(status)s” can no longer be changed.")
                % {"status": application.get_status_display()},
                "not_editable",
            )
        if application.status == S.SUBMITTED:
            ensure_open(call)
    waves = _check_waves(call, wave_preferences) if wave_preferences is not None else None
    for name, value in fields.items():
        setattr(application, name, value)
    application.first_participation = is_first_participation(application.organization, call.event)
    is_new = application.pk is None
    # The rank is the waiting list's (null until then), the pair call/organization was
    # checked above with a clearer message than the constraint's.
    application.full_clean(exclude=["call", "organization", "wave_preferences", "waitlist_rank"])
    application.save()
    if waves is not None:
        application.wave_preferences.set(waves)
    audit.record(
        actor=actor,
        action="events.application.created" if is_new else "events.application.changed",
        obj=application,
        data={"fields": sorted(fields), "waves": [w.pk for w in waves or []]},
    )
    return application


@transaction.atomic
def submit_application(*, actor, application: Application) -> Application:
    """draft → submitted, when the call is open and the organization eligible."""
    check_applicant_side(actor, application)
    workflow.check_transition(application, S.SUBMITTED)
    ensure_open(application.call)
    eligibility.ensure_eligible(application.call, application.organization)
    application.first_participation = is_first_participation(
        application.organization, application.call.event
    )
    workflow.transition(application, S.SUBMITTED, actor=actor)
    notifications.after_commit(notifications.notify_submitted, application)
    return application


@transaction.atomic
def apply(
    *,
    actor,
    call: Call,
    fields: dict[str, Any],
    organization: Organization | None = None,
    wave_preferences: Iterable[Wave] = (),
    submit: bool = True,
) -> Application:
    """Create an application and, unless `submit` is False, submit it at once. When the
    submission is refused (call closed, organization not eligible) nothing is written."""
    application = save_application(
        actor=actor,
        call=call,
        fields=fields,
        organization=organization,
        wave_preferences=wave_preferences,
    )
    if submit:
        submit_application(actor=actor, application=application)
    return application


# Review and decisions -----------------------------------------------------------------


@transaction.atomic
def start_review(*, actor, application: Application) -> Application:
    require_event_manager(actor, application.call.event)
    return workflow.transition(application, S.UNDER_REVIEW, actor=actor)


@transaction.atomic
def decide(
    *, actor, application: Application, decision: str, wave: Wave | None = None
) -> Application:
    """A manual decision by a manager: accepted (optionally in `wave`), waitlisted or
    rejected. The selection under quotas makes the same transitions."""
    require_event_manager(actor, application.call.event)
    if decision not in DECISIONS:
        raise _invalid("status", _("Choose accepted, waitlisted or rejected."), "invalid_decision")
    workflow.check_transition(application, decision)
    if wave is not None:
        if decision != S.ACCEPTED:
            raise ValidationError({"wave": _("A wave is given only to an accepted application.")})
        _check_waves(application.call, [wave], field="wave")
        application.wave = wave
    if decision == S.WAITLISTED and application.waitlist_rank is None:
        # Manual additions go to the end of the list; the waiting list may re-rank it.
        last = application.call.applications.aggregate(rank=Max("waitlist_rank"))["rank"]
        application.waitlist_rank = (last or 0) + 1
    workflow.transition(
        application, decision, actor=actor, wave=wave.pk if wave is not None else None
    )
    notifications.after_commit(notifications.notify_decision, application)
    return application


def _check_offer_deadline(application: Application) -> None:
    deadline = application.offer_expires_at
    if deadline is not None and deadline < timezone.now():
        when = formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
        raise _invalid(
            "status", _("The offer expired on %(date)s.") % {"date": when}, "offer_expired"
        )


@transaction.atomic
def accept_offer(*, actor, application: Application) -> Application:
    """offered → accepted, before the offer's deadline."""
    check_applicant_side(actor, application)
    workflow.check_transition(application, S.ACCEPTED)
    if application.status != S.OFFERED:
        raise _invalid("status", _("This application has no open offer to accept."), "no_offer")
    _check_offer_deadline(application)
    return workflow.transition(application, S.ACCEPTED, actor=actor)


# The exhibitor's answer ---------------------------------------------------------------


@transaction.atomic
def confirm(*, actor, application: Application) -> Application:
    """The applicant confirms its place: accepted → confirmed (an open offer is accepted
    first), and its participation in the event becomes confirmed, in the assigned wave."""
    if not represents(actor, application.organization_id):
        raise PermissionDenied(_("Only the organization's representative can confirm."))
    if application.status == S.OFFERED:
        accept_offer(actor=actor, application=application)
    workflow.check_transition(application, S.CONFIRMED)
    event = application.call.event
    participation = Participation.objects.filter(
        event=event, organization=application.organization
    ).first() or Participation(event=event, organization=application.organization)
    participation.wave = application.wave
    participation.status = Participation.Status.CONFIRMED
    participation.source = Participation.Source.CALL
    participation.full_clean()
    participation.save()
    workflow.transition(application, S.CONFIRMED, actor=actor, participation=participation.pk)
    return application


@transaction.atomic
def withdraw(*, actor, application: Application, reason: str = "") -> Application:
    """The applicant (or a manager for it) withdraws. When the application held a place,
    its participation is withdrawn and `place_freed` is sent so the waiting list can offer
    the place to the next application."""
    check_applicant_side(actor, application)
    _ensure_not_over(application)
    previous = application.status
    workflow.transition(application, S.WITHDRAWN, actor=actor, reason=reason)
    if previous not in workflow.HOLDS_A_PLACE:
        return application
    Participation.objects.filter(
        event_id=application.call.event_id, organization_id=application.organization_id
    ).update(status=Participation.Status.WITHDRAWN, updated_at=timezone.now())
    _announce_place_freed(application, actor=actor, previous_status=previous)
    return application


def _announce_place_freed(application: Application, *, actor, previous_status: str) -> None:
    # The withdrawal must stand even when offering the place to the next application
    # fails: the receivers run in a savepoint, a failure is logged and the organizer can
    # still make the offer from the waiting list.
    try:
        with transaction.atomic():
            place_freed.send(
                sender=Application,
                application=application,
                actor=actor,
                previous_status=previous_status,
            )
    except Exception:
        logger.exception("Replacing withdrawn application %s failed", application.pk)
