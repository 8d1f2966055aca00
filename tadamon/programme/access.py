"""Who may see, change and check in at the programme's sessions, and who holds which
certificate (issue 5).

An event's managers see and change all its sessions. A trainer sees only the sessions
assigned to them, even in a published event. Exhibitors see the sessions of published
events, to register their own people; observers read everything. Subqueries rather than
joins, so that callers can annotate counts without duplicated rows.

Check-in (SPEC 2: trainers take attendance, gate agents check people in): there is no
gate-agent assignment; a gate agent checks in at the sessions of the published events that
their own organization organizes or co-organizes.
"""

from typing import Any

from django.db.models import Q, QuerySet

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.events import access as event_access
from tadamon.events.models import Participation
from tadamon.programme.models import Certificate, Registration, Session
from tadamon.registry import access as registry_access
from tadamon.registry.models import Person


def _trained_session_ids(user: Any) -> QuerySet:
    return Session.trainers.through.objects.filter(user_id=user.pk).values("session_id")


def _managed(user: Any, prefix: str = "event") -> Q:
    return Q(**{f"{prefix}__in": event_access.managed_events_for(user).values("pk")})


def is_trainer_of(user: Any, session: Session) -> bool:
    return roles.has_role(user, Role.TRAINER) and session.trainers.filter(pk=user.pk).exists()


def sessions_for(user: Any) -> QuerySet:
    sessions = Session.objects.all()
    if not roles.is_active(user):
        return sessions.none()
    if roles.reads_everything(user):
        return sessions
    visible = _managed(user)
    if user.role == Role.TRAINER:
        visible |= Q(pk__in=_trained_session_ids(user))
    elif user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(event__is_published=True)
    return sessions.filter(visible)


def can_manage_session(user: Any, session: Session) -> bool:
    return event_access.can_manage_event(user, session.event)


def checkin_sessions_for(user: Any) -> QuerySet:
    """Sessions where the user may check people in and read the attendance: the event's
    managers, the session's own trainers (only theirs), and the organizer's gate agents."""
    sessions = Session.objects.all()
    if not roles.is_active(user):
        return sessions.none()
    if user.is_platform_admin:
        return sessions
    allowed = _managed(user)
    if user.role == Role.TRAINER:
        allowed |= Q(pk__in=_trained_session_ids(user))
    if user.role == Role.GATE_AGENT and user.organization_id:
        own = event_access.organized_by(user.organization_id)
        allowed |= own & Q(event__is_published=True)
    return sessions.filter(allowed)


def can_check_in(user: Any, session: Session) -> bool:
    return checkin_sessions_for(user).filter(pk=session.pk).exists()


def can_undo_check_in(user: Any, session: Session) -> bool:
    """Taking a check-in back is for the event's managers and the session's trainers."""
    return can_manage_session(user, session) or is_trainer_of(user, session)


def registrations_for(user: Any) -> QuerySet:
    """Managers: every registration of their events; trainers: those of their sessions;
    an exhibitor: its own organization's people."""
    registrations = Registration.objects.all()
    if not roles.is_active(user):
        return registrations.none()
    if roles.reads_everything(user):
        return registrations
    visible = _managed(user, "session__event")
    if user.role == Role.TRAINER:
        visible |= Q(session__in=_trained_session_ids(user))
    elif user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(
            person__organization_id=user.organization_id,
            session__in=sessions_for(user).values("pk"),
        )
    return registrations.filter(visible)


def registrable_people_for(user: Any, session: Session) -> QuerySet:
    """The people `user` may register to `session` (or cancel): every person they see for the
    event's managers; for the session's trainers, the people of the organizations taking part
    in the event (confirmed) and those already enrolled in its sessions, the trainees they
    meet (a trainer sees at most their own organization otherwise: issue 15), and the people
    they see; for an exhibitor, its own people at a session it sees. The page's choices, the
    API and the service all ask here."""
    if not roles.is_active(user):
        return Person.objects.none()
    if can_manage_session(user, session):
        return registry_access.people_for(user)
    if is_trainer_of(user, session):
        taking_part = Participation.objects.filter(
            event_id=session.event_id, status=Participation.Status.CONFIRMED
        ).values("organization_id")
        enrolled = Registration.objects.filter(session__event_id=session.event_id).values(
            "person_id"
        )
        return Person.objects.filter(
            Q(organization_id__in=taking_part)
            | Q(pk__in=enrolled)
            | Q(pk__in=registry_access.people_for(user).values("pk"))
        )
    if (
        user.role == Role.EXHIBITOR
        and user.organization_id
        and sessions_for(user).filter(pk=session.pk).exists()
    ):
        return Person.objects.filter(organization_id=user.organization_id)
    return Person.objects.none()


def can_register(user: Any, session: Session, person: Person) -> bool:
    """Register `person` to `session` (or cancel their registration)."""
    return registrable_people_for(user, session).filter(pk=person.pk).exists()


# Certificates: the event's managers issue, revoke and download every certificate of their
# events; an exhibitor's representative downloads the live certificates held by their
# organization or by its people. Nobody else: the public verification page says what a
# certificate states without handing out the PDF.


def certificates_for(user: Any) -> QuerySet:
    certificates = Certificate.objects.all()
    if not roles.is_active(user):
        return certificates.none()
    if user.is_platform_admin:
        return certificates
    visible = _managed(user)
    if user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(revoked_at__isnull=True) & (
            Q(organization_id=user.organization_id)
            | Q(person__organization_id=user.organization_id)
        )
    return certificates.filter(visible)


def can_download_certificate(user: Any, certificate: Certificate) -> bool:
    return certificates_for(user).filter(pk=certificate.pk).exists()
