"""Who may see and change what. Every view, API endpoint and export asks here.

Rules (SPEC section 2 and 3L):
- platform administrators see and change everything;
- organizer staff keep the shared registry: they see every organization and change any
  organization except another organizer body;
- reviewers and observers read the registry and change nothing in it;
- an exhibitor's representative sees and changes only their own organization, its people
  and its products; trainers and gate agents see only their own organization.
"""

from django.db.models import Q, QuerySet

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.events.models import Application, Event, EventPartner, Participation
from tadamon.programme.models import Certificate, Registration, Session
from tadamon.registry.models import Organization, Person, Product

_READ_ALL_ROLES = {Role.ORGANIZER, Role.REVIEWER, Role.OBSERVER}


def _is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_platform_admin(user) -> bool:
    return _is_active(user) and user.is_platform_admin


def is_organizer(user) -> bool:
    return _is_active(user) and (user.is_platform_admin or user.role == Role.ORGANIZER)


def organizer_bodies() -> QuerySet:
    """Organizations that organizer staff work for."""
    return Organization.objects.filter(users__role=Role.ORGANIZER).distinct()


def organizations_for(user) -> QuerySet:
    """The organizations this user may see."""
    if not _is_active(user):
        return Organization.objects.none()
    if user.is_platform_admin or user.role in _READ_ALL_ROLES:
        return Organization.objects.all()
    if user.organization_id:
        return Organization.objects.filter(pk=user.organization_id)
    return Organization.objects.none()


def changeable_organizations_for(user) -> QuerySet:
    """The organizations this user may change (and add people and products to)."""
    if not _is_active(user):
        return Organization.objects.none()
    if user.is_platform_admin:
        return Organization.objects.all()
    if user.role == Role.ORGANIZER:
        others = organizer_bodies().exclude(pk=user.organization_id).values("pk")
        return Organization.objects.exclude(pk__in=others)
    if user.role == Role.EXHIBITOR and user.organization_id:
        return Organization.objects.filter(pk=user.organization_id)
    return Organization.objects.none()


def can_create_organization(user) -> bool:
    return is_organizer(user)


def can_change_organization(user, organization: Organization) -> bool:
    return changeable_organizations_for(user).filter(pk=organization.pk).exists()


def people_for(user) -> QuerySet:
    if not _is_active(user):
        return Person.objects.none()
    if user.is_platform_admin or user.role in _READ_ALL_ROLES:
        return Person.objects.all()
    return Person.objects.filter(organization__in=organizations_for(user))


def products_for(user) -> QuerySet:
    return Product.objects.filter(organization__in=organizations_for(user))


def can_import(user) -> bool:
    return is_organizer(user)


def can_merge_organizations(user, organization: Organization) -> bool:
    """Finding `organization`'s likely duplicates and merging them into it is organizer
    work: the list names other organizations, which an exhibitor may not see."""
    return is_organizer(user) and can_change_organization(user, organization)


# Events (SPEC 2: organizers act only on the events of their own organization).


def managed_events_for(user) -> QuerySet:
    """Events the user organizes: their organization is the organizer or a co-organizer."""
    events = Event.objects.all()
    if not _is_active(user):
        return events.none()
    if user.is_platform_admin:
        return events
    if user.role != Role.ORGANIZER or not user.organization_id:
        return events.none()
    co_organized = EventPartner.objects.filter(
        organization_id=user.organization_id, role=EventPartner.Role.CO_ORGANIZER
    ).values("event_id")
    return events.filter(Q(organizer_id=user.organization_id) | Q(pk__in=co_organized)).distinct()


def events_for(user) -> QuerySet:
    """Events the user may see: published ones, plus those they manage, review, judge or take
    part in. Reviewers and jurors work before publication (issue 15), whatever their role."""
    events = Event.objects.all()
    visible = Q(is_published=True)
    if _is_active(user):
        if user.is_platform_admin or user.role == Role.OBSERVER:
            return events
        visible |= Q(pk__in=managed_events_for(user).values("pk"))
        if user.role == Role.REVIEWER:
            visible |= Q(call__applications__assignments__reviewer=user)
        visible |= Q(award_categories__jurors__user=user)
        if user.organization_id:
            visible |= Q(participations__organization_id=user.organization_id)
            visible |= Q(call__applications__organization_id=user.organization_id)
    return events.filter(visible).distinct()


def counted_events_for(user) -> QuerySet:
    """The events the observatory adds up for the user: the published ones, and an unpublished
    one (a test, a fair in preparation) only for those who manage it, its organizers and the
    platform administrators. Observers and partners read national figures that change when
    an event is published, not before."""
    events = Event.objects.all()
    if is_platform_admin(user):
        return events
    return events.filter(Q(is_published=True) | Q(pk__in=managed_events_for(user).values("pk")))


def can_manage_event(user, event) -> bool:
    return managed_events_for(user).filter(pk=event.pk).exists()


def can_create_event(user) -> bool:
    return is_organizer(user) and (user.is_platform_admin or bool(user.organization_id))


def applications_for(user) -> QuerySet:
    """Applications the user may read: organizers of the event, assigned reviewers, and the
    applicant organization's own representatives."""
    applications = Application.objects.all()
    if not _is_active(user):
        return applications.none()
    if user.is_platform_admin:
        return applications
    visible = Q(call__event__in=managed_events_for(user))
    if user.role == Role.REVIEWER:
        visible |= Q(assignments__reviewer=user)
    if user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return applications.filter(visible).distinct()


def participations_for(user) -> QuerySet:
    participations = Participation.objects.all()
    if not _is_active(user):
        return participations.none()
    if user.is_platform_admin or user.role == Role.OBSERVER:
        return participations
    visible = Q(event__in=managed_events_for(user))
    if user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return participations.filter(visible).distinct()


# Programme check-in (SPEC 2: trainers take attendance, gate agents check people in).
# There is no gate-agent assignment yet: a gate agent checks in at the sessions of the
# published events that their own organization organizes or co-organizes.


def checkin_sessions_for(user) -> QuerySet:
    """Sessions where the user may check people in and read the attendance: the event's
    managers, the session's own trainers (only theirs), and the organizer's gate agents."""
    sessions = Session.objects.all()
    if not _is_active(user):
        return sessions.none()
    if user.is_platform_admin:
        return sessions
    allowed = Q(event__in=managed_events_for(user).values("pk"))
    if user.role == Role.TRAINER:
        allowed |= Q(pk__in=_trained_session_ids(user))
    if user.role == Role.GATE_AGENT and user.organization_id:
        co_organized = EventPartner.objects.filter(
            organization_id=user.organization_id, role=EventPartner.Role.CO_ORGANIZER
        ).values("event_id")
        own = Q(event__organizer_id=user.organization_id) | Q(event_id__in=co_organized)
        allowed |= own & Q(event__is_published=True)
    return sessions.filter(allowed)


def can_check_in(user, session) -> bool:
    return checkin_sessions_for(user).filter(pk=session.pk).exists()


def can_undo_check_in(user, session) -> bool:
    """Taking a check-in back is for the event's managers and the session's trainers."""
    return can_manage_event(user, session.event) or is_trainer_of(user, session)


def can_read_beneficiaries(user, event) -> bool:
    """Who was trained, counted and broken down: the event's managers and observers."""
    if not _is_active(user):
        return False
    if user.is_platform_admin or user.role == Role.OBSERVER:
        return True
    return can_manage_event(user, event)


# Programme (issue 5): sessions and registrations.
#
# An event's managers see and change all its sessions. A trainer sees only the sessions
# assigned to them, even in a published event. Exhibitors see the sessions of published
# events, to register their own people; observers read everything. Subqueries rather than
# joins, so that callers can annotate counts without duplicated rows.


def _trained_session_ids(user) -> QuerySet:
    return Session.trainers.through.objects.filter(user_id=user.pk).values("session_id")


def is_trainer_of(user, session) -> bool:
    return (
        _is_active(user)
        and user.role == Role.TRAINER
        and session.trainers.filter(pk=user.pk).exists()
    )


def sessions_for(user) -> QuerySet:
    sessions = Session.objects.all()
    if not _is_active(user):
        return sessions.none()
    if user.is_platform_admin or user.role == Role.OBSERVER:
        return sessions
    visible = Q(event__in=managed_events_for(user).values("pk"))
    if user.role == Role.TRAINER:
        visible |= Q(pk__in=_trained_session_ids(user))
    elif user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(event__is_published=True)
    return sessions.filter(visible)


def can_manage_session(user, session) -> bool:
    return can_manage_event(user, session.event)


def registrations_for(user) -> QuerySet:
    """Managers: every registration of their events; trainers: those of their sessions;
    an exhibitor: its own organization's people."""
    registrations = Registration.objects.all()
    if not _is_active(user):
        return registrations.none()
    if user.is_platform_admin or user.role == Role.OBSERVER:
        return registrations
    visible = Q(session__event__in=managed_events_for(user).values("pk"))
    if user.role == Role.TRAINER:
        visible |= Q(session__in=_trained_session_ids(user))
    elif user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(
            person__organization_id=user.organization_id,
            session__in=sessions_for(user).values("pk"),
        )
    return registrations.filter(visible)


def registrable_people_for(user, session) -> QuerySet:
    """The people `user` may register to `session` (or cancel): every person they see for the
    event's managers; for the session's trainers, the people of the organizations taking part
    in the event (confirmed) and those already enrolled in its sessions, the trainees they
    meet (a trainer sees at most their own organization otherwise: issue 15), and the people
    they see; for an exhibitor, its own people at
    a session it sees. The page's choices, the API and the service all ask here."""
    if not _is_active(user):
        return Person.objects.none()
    if can_manage_session(user, session):
        return people_for(user)
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
            | Q(pk__in=people_for(user).values("pk"))
        )
    if (
        user.role == Role.EXHIBITOR
        and user.organization_id
        and sessions_for(user).filter(pk=session.pk).exists()
    ):
        return Person.objects.filter(organization_id=user.organization_id)
    return Person.objects.none()


def can_register(user, session, person) -> bool:
    """Register `person` to `session` (or cancel their registration)."""
    return registrable_people_for(user, session).filter(pk=person.pk).exists()


# Certificates (issue 5): the event's managers issue, revoke and download every certificate
# of their events; an exhibitor's representative downloads the live certificates held by
# their organization or by its people. Nobody else: the public verification page says what a
# certificate states without handing out the PDF.


def certificates_for(user) -> QuerySet:
    certificates = Certificate.objects.all()
    if not _is_active(user):
        return certificates.none()
    if user.is_platform_admin:
        return certificates
    visible = Q(event__in=managed_events_for(user).values("pk"))
    if user.role == Role.EXHIBITOR and user.organization_id:
        visible |= Q(revoked_at__isnull=True) & (
            Q(organization_id=user.organization_id)
            | Q(person__organization_id=user.organization_id)
        )
    return certificates.filter(visible)


def can_download_certificate(user, certificate) -> bool:
    return certificates_for(user).filter(pk=certificate.pk).exists()


# Visitors (issue 6): the event's managers and the gate agents of its organizer or
# co-organizers record the counts at the gates.


def counting_events_for(user) -> QuerySet:
    """Events where the user may record and read visitor counts."""
    if not _is_active(user):
        return Event.objects.none()
    if user.role == Role.GATE_AGENT and user.organization_id:
        co_organized = EventPartner.objects.filter(
            organization_id=user.organization_id, role=EventPartner.Role.CO_ORGANIZER
        ).values("event_id")
        return Event.objects.filter(
            Q(organizer_id=user.organization_id) | Q(pk__in=co_organized)
        ).distinct()
    return managed_events_for(user)


def can_count_visitors(user, event) -> bool:
    return counting_events_for(user).filter(pk=event.pk).exists()


# Sales declarations (issue 6, SPEC 3H): an exhibitor declares only for its own
# organization; the event's managers declare for any exhibitor and alone validate.


def can_declare_sales(user, event, organization) -> bool:
    if not _is_active(user):
        return False
    if can_manage_event(user, event):
        return True
    return user.role == Role.EXHIBITOR and user.organization_id == organization.pk


def can_validate_sales(user, event) -> bool:
    return can_manage_event(user, event)


def sales_for(user) -> QuerySet:
    """Declarations the user may read: all of the events they manage (observers: all),
    and their own organization's."""
    # Imported here so that this module's imports stay as they were (the sales app is newer).
    from tadamon.sales.models import SalesDeclaration

    declarations = SalesDeclaration.objects.all()
    if not _is_active(user):
        return declarations.none()
    if user.is_platform_admin or user.role == Role.OBSERVER:
        return declarations
    visible = Q(event__in=managed_events_for(user).values("pk"))
    if user.organization_id:
        visible |= Q(organization_id=user.organization_id)
    return declarations.filter(visible)


def can_read_visitors(user, event) -> bool:
    """The counts and their breakdowns: those who record them, and observers."""
    if _is_active(user) and user.role == Role.OBSERVER:
        return True
    return can_count_visitors(user, event)


# Awards (issue 6): the event's managers run them; a juror scores only their categories.


def can_manage_awards(user, event) -> bool:
    return can_manage_event(user, event)


def is_juror_of(user, category) -> bool:
    return _is_active(user) and category.jurors.filter(user_id=user.pk).exists()


# Reports (SPEC 5): the closing report publishes the beneficiary figures among others, so it
# has the same readers: the event's managers, observers and platform administrators.


def can_read_report(user, event) -> bool:
    return can_read_beneficiaries(user, event)


# B2B meetings (issue 7): the event's managers run the programme; a participant (buyer or
# exhibitor) acts only as itself, through the users of its organization; observers read
# the figures.


def b2b_participant_for(user, event):
    """The B2B participant the user acts as at this event, or None."""
    from tadamon.b2b.models import Participant

    if not _is_active(user) or not user.organization_id:
        return None
    return Participant.objects.filter(event=event, organization_id=user.organization_id).first()


def can_manage_b2b(user, event) -> bool:
    return can_manage_event(user, event)


def can_read_b2b(user, event) -> bool:
    """The B2B figures and the whole schedule: managers, observers and administrators."""
    return can_read_beneficiaries(user, event)


# The audit trail (issue 10): organizers read the changes made to their events and to the
# organizations they keep; administrators read everything.


def can_read_audit(user) -> bool:
    return is_organizer(user)


def audit_entries_for(user) -> QuerySet:
    if not can_read_audit(user):
        return AuditEntry.objects.none()
    if user.is_platform_admin:
        return AuditEntry.objects.all()
    events = managed_events_for(user).values("pk")
    organizations = changeable_organizations_for(user).values("pk")
    return AuditEntry.objects.filter(
        Q(event_id__in=events) | Q(event_id__isnull=True, organization_id__in=organizations)
    )
