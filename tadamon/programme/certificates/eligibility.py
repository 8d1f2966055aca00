"""Who may receive which certificate of an event.

- attendance (a person): under the event's CertificateRule — attended at least N of the
  event's sessions, attended every session, or chosen by hand. "By hand" makes nobody
  eligible for the batch; a manager then issues certificates one by one, to people who
  attended at least one session (a certificate of attendance certifies attendance);
- participation (an organization): a confirmed participation in the event;
- appreciation (an organization): a partner of the event (any role).

Without saved settings, an event follows the default rule: at least one session attended.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tadamon.events.models import Event, EventPartner, Participation
from tadamon.programme.models import Attendance, Certificate, CertificateRule, Session
from tadamon.registry.models import Organization, Person

Kind = Certificate.Kind
Rule = CertificateRule.Rule
PERSON_KINDS = frozenset({Kind.ATTENDANCE})
ORGANIZATION_KINDS = frozenset({Kind.PARTICIPATION, Kind.APPRECIATION})


def rule_for(event: Event) -> CertificateRule:
    """The event's settings, or unsaved defaults when none were saved."""
    try:
        return event.certificate_rule
    except CertificateRule.DoesNotExist:
        return CertificateRule(event=event)


def attended_sessions(event: Event, person: Person) -> QuerySet:
    return Session.objects.filter(event=event, attendances__person=person).order_by(
        "starts_at", "pk"
    )


def attendees(event: Event) -> QuerySet:
    """People with at least one recorded attendance at the event's sessions."""
    attended = Attendance.objects.filter(session__event=event).values("person_id")
    return Person.objects.filter(pk__in=attended)


def eligible_people(event: Event) -> QuerySet:
    """People the batch gives a certificate of attendance, under the event's rule."""
    rule = rule_for(event)
    if rule.rule == Rule.BY_HAND:
        return Person.objects.none()
    people = attendees(event).annotate(
        attended=Count("attendances", filter=Q(attendances__session__event=event), distinct=True)
    )
    if rule.rule == Rule.ALL_SESSIONS:
        sessions = event.sessions.count()
        if not sessions:
            return Person.objects.none()
        return people.filter(attended__gte=sessions)
    return people.filter(attended__gte=max(rule.min_sessions, 1))


def eligible_organizations(event: Event, kind: str) -> QuerySet:
    if kind == Kind.PARTICIPATION:
        confirmed = Participation.objects.filter(
            event=event, status=Participation.Status.CONFIRMED
        ).values("organization_id")
        return Organization.objects.filter(pk__in=confirmed)
    if kind == Kind.APPRECIATION:
        partners = EventPartner.objects.filter(event=event).values("organization_id")
        return Organization.objects.filter(pk__in=partners)
    return Organization.objects.none()


def eligible_holders(event: Event, kind: str) -> QuerySet:
    if kind in PERSON_KINDS:
        return eligible_people(event)
    return eligible_organizations(event, kind)


def candidates(event: Event, kind: str) -> QuerySet:
    """Holders a manager may choose by hand: every attendee for attendance (the rule decides
    whether they qualify), the eligible organizations otherwise."""
    if kind in PERSON_KINDS:
        return attendees(event)
    return eligible_organizations(event, kind)


def check_holder(event: Event, kind: str, holder: Person | Organization) -> None:
    """Raise a ValidationError naming the field when `holder` may not receive `kind`."""
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown kind of certificate.")})
    if kind in PERSON_KINDS:
        if not isinstance(holder, Person):
            raise ValidationError({"person": _("A certificate of attendance is for a person.")})
        _check_attendance(event, holder)
        return
    if not isinstance(holder, Organization):
        raise ValidationError(
            {"organization": _("This kind of certificate is for an organization.")}
        )
    if not eligible_organizations(event, kind).filter(pk=holder.pk).exists():
        if kind == Kind.PARTICIPATION:
            message = _("%(name)s has no confirmed participation in this event.")
        else:
            message = _("%(name)s is not a partner of this event.")
        raise ValidationError({"organization": message % {"name": holder}})


def _check_attendance(event: Event, person: Person) -> None:
    rule = rule_for(event)
    attended = attended_sessions(event, person).count()
    if not attended:
        raise ValidationError(
            {"person": _("%(name)s attended no session of this event.") % {"name": person}}
        )
    if rule.rule == Rule.MIN_SESSIONS and attended < rule.min_sessions:
        raise ValidationError(
            {
                "person": _(
                    "%(name)s attended %(attended)s sessions; the event's rule asks for at "
                    "least %(minimum)s."
                )
                % {"name": person, "attended": attended, "minimum": rule.min_sessions}
            }
        )
    if rule.rule == Rule.ALL_SESSIONS:
        sessions = event.sessions.count()
        if attended < sessions:
            raise ValidationError(
                {
                    "person": _(
                        "%(name)s attended %(attended)s of the %(sessions)s sessions; the "
                        "event's rule asks for all of them."
                    )
                    % {"name": person, "attended": attended, "sessions": sessions}
                }
            )
