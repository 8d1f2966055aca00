"""The states of an application and the transitions allowed between them (SPEC 3C).

    draft → submitted → under_review → accepted | waitlisted | rejected
    submitted → accepted | waitlisted | rejected   (a call reviewed without a review phase)
    accepted → confirmed | withdrawn
    confirmed → withdrawn
    waitlisted → offered → accepted | expired | withdrawn
    waitlisted → withdrawn

Every change of status goes through :func:`transition`; nothing else writes the field.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.calls.audit_types import APPLICATION_MOVED_TO
from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.core import audit

ALLOWED: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.CONFIRMED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.OFFERED, S.WITHDRAWN, S.REJECTED}),
    S.OFFERED: frozenset({S.ACCEPTED, S.EXPIRED, S.WITHDRAWN}),
    S.CONFIRMED: frozenset({S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.EXPIRED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Statuses that hold one of the call's places.
HOLDS_A_PLACE = frozenset({S.ACCEPTED, S.CONFIRMED, S.OFFERED})
DECIDED = frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.OFFERED, S.CONFIRMED, S.EXPIRED})


def can_transition(application: Application, to: str) -> bool:
    return to in ALLOWED[application.status]


def check_transition(application: Application, to: str) -> None:
    if not can_transition(application, to):
        raise ValidationError(
            {
                "status": _("An application that is “%(current)s” cannot become “%(wanted)s”.")
                % {
                    "current": S(application.status).label,
                    "wanted": S(to).label,
                }
            },
            code="illegal_transition",
        )


@transaction.atomic
def transition(application: Application, to: str, *, actor, **data) -> Application:
    """Move `application` to status `to`, or raise ValidationError naming the status.

    Permission checks belong to the calling service; this function enforces the state
    machine, stamps the dates and writes the audit trail.
    """
    check_transition(application, to)
    previous = application.status
    application.status = to
    now = timezone.now()
    if to == S.SUBMITTED:
        application.submitted_at = now
    if to in DECIDED:
        application.decided_at = now
    if to != S.OFFERED:
        application.offer_expires_at = None
    application.save()
    audit.record(
        actor=actor,
        action=APPLICATION_MOVED_TO[to],
        obj=application,
        data={"from": previous, "to": to, **data},
    )
    return application
