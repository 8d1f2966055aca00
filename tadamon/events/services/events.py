"""Actions on events: the event itself, its series, partners, waves and publication.

The web pages, the API and the demo data all call these. Each checks permission through
tadamon.events.access, validates (the models' own rules plus the ones below), saves in
a transaction and writes the audit trail. Errors are ValidationErrors naming the field.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tadamon.accounts import roles
from tadamon.core import audit
from tadamon.core.updates import model_update, set_fields
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event, EventPartner, EventSeries, Participation, Wave
from tadamon.registry.models import Organization

_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


# Series ---------------------------------------------------------------------------------


def series_named(*, actor: Any, organizer: Organization, name: str, kind: str) -> EventSeries:
    """The organizer's series called `name` (in Arabic or French), created when new.

    Called inside the event's transaction, so a series is never left without its edition.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"series": _("Give the name of the series.")})
    if len(name) > EventSeries._meta.get_field("name_fr").max_length:
        raise ValidationError({"series": _("The name of the series is too long.")})
    existing = (
        EventSeries.objects.filter(organizer=organizer)
        .filter(Q(name_ar__iexact=name) | Q(name_fr__iexact=name))
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    series = EventSeries(organizer=organizer, kind=kind)
    if _ARABIC_LETTER.search(name):
        series.name_ar = name
    else:
        series.name_fr = name
    series.full_clean()
    series.save()
    audit.record(actor=actor, action="events.series.created", obj=series)
    return series


def _check_series(event: Event) -> None:
    """A series gathers the editions of one organizer: an event joins only its own."""
    if event.series_id and event.organizer_id and event.series.organizer_id != event.organizer_id:
        raise ValidationError({"series": _("This series belongs to another organizer.")})


def _check_waves_inside(event: Event) -> None:
    """Changing the event's dates must not leave a wave outside them."""
    if event.pk is None or not event.start_date or not event.end_date:
        return
    errors: dict[str, list[str]] = {}
    for wave in event.waves.all():
        if wave.start_date < event.start_date:
            errors.setdefault("start_date", []).append(
                _("The wave “%(wave)s” starts on %(date)s, before this date; change it first.")
                % {"wave": wave.name, "date": wave.start_date.isoformat()}
            )
        if wave.end_date > event.end_date:
            errors.setdefault("end_date", []).append(
                _("The wave “%(wave)s” ends on %(date)s, after this date; change it first.")
                % {"wave": wave.name, "date": wave.end_date.isoformat()}
            )
    if errors:
        raise ValidationError(errors)


def _choose_organizer(actor: Any, fields: dict[str, Any]) -> None:
    """Organizer staff create events for their own organization; administrators choose."""
    chosen = fields.get("organizer")
    if roles.is_platform_admin(actor):
        if chosen is None:
            raise ValidationError({"organizer": _("Choose the organizing body.")})
        return
    if chosen is not None and getattr(chosen, "pk", chosen) != actor.organization_id:
        raise ValidationError(
            {"organizer": _("You can only create events of your own organization.")}
        )
    fields["organizer"] = actor.organization


def _validate(event: Event) -> None:
    errors: dict[str, Any] = {}
    for check in (
        event.full_clean,
        lambda: _check_series(event),
        lambda: _check_waves_inside(event),
    ):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_event(*, actor: Any, fields: Mapping[str, Any], series_name: str = "") -> Event:
    """Create an event. `series_name` finds or creates the organizer's series by name
    (used when `fields` has no "series")."""
    if not event_access.can_create_event(actor):
        raise PermissionDenied
    fields = dict(fields)
    _choose_organizer(actor, fields)
    event = Event(created_by=actor if getattr(actor, "is_authenticated", False) else None)
    set_fields(event, fields=Event.EDITABLE_FIELDS, data=fields)
    if series_name and not fields.get("series"):
        event.series = series_named(
            actor=actor, organizer=event.organizer, name=series_name, kind=event.kind
        )
    _validate(event)
    event.save()
    audit.record(
        actor=actor,
        action="events.event.created",
        obj=event,
        data={"series": event.series_id, "edition": event.edition},
    )
    return event


@transaction.atomic
def update_event(
    *, actor: Any, event: Event, fields: Mapping[str, Any], series_name: str = ""
) -> Event:
    """Change an event; only the fields given change. Only administrators move an event to
    another organizer."""
    require_event_manager(actor, event)
    fields = dict(fields)
    if (
        "organizer" in fields
        and getattr(fields["organizer"], "pk", fields["organizer"]) != event.organizer_id
        and not roles.is_platform_admin(actor)
    ):
        raise ValidationError({"organizer": _("Only an administrator can change the organizer.")})

    def clean(event: Event) -> None:
        # A series typed by name belongs to the (possibly new) organizer and kind.
        if series_name and not fields.get("series"):
            event.series = series_named(
                actor=actor, organizer=event.organizer, name=series_name, kind=event.kind
            )
        _validate(event)

    update = model_update(instance=event, fields=Event.EDITABLE_FIELDS, data=fields, clean=clean)
    audit.record(
        actor=actor,
        action="events.event.changed",
        obj=event,
        data={"fields": update.fields},
        changes=update.changes,
    )
    return event


@transaction.atomic
def set_published(*, actor: Any, event: Event, published: bool) -> Event:
    """Publishing shows the event to every signed-in user (and later the public site)."""
    require_event_manager(actor, event)
    if event.is_published != published:
        event.is_published = published
        event.save(update_fields=["is_published"])
        audit.record(
            actor=actor,
            action="events.event.published" if published else "events.event.unpublished",
            obj=event,
        )
    return event


# Partners -------------------------------------------------------------------------------


@transaction.atomic
def add_partner(*, actor: Any, event: Event, organization: Organization, role: str) -> EventPartner:
    require_event_manager(actor, event)
    if role not in EventPartner.Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if organization.pk == event.organizer_id:
        raise ValidationError({"organization": _("This organization already organizes the event.")})
    if event.partners.filter(organization=organization, role=role).exists():
        raise ValidationError(
            {
                "organization": _("%(organization)s is already a partner with this role.")
                % {"organization": organization}
            }
        )
    partner = EventPartner(event=event, organization=organization, role=role)
    partner.full_clean()
    partner.save()
    audit.record(
        actor=actor,
        action="events.partner.added",
        obj=event,
        data={"organization": organization.pk, "role": role},
    )
    return partner


@transaction.atomic
def remove_partner(*, actor: Any, partner: EventPartner) -> None:
    event = partner.event
    require_event_manager(actor, event)
    audit.record(
        actor=actor,
        action="events.partner.removed",
        obj=event,
        data={"organization": partner.organization_id, "role": partner.role},
    )
    partner.delete()


# Waves ----------------------------------------------------------------------------------


def _check_wave(wave: Wave) -> None:
    errors: dict[str, Any] = {}
    try:
        wave.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    label = (wave.label or "").strip()
    if label and "label" not in errors:
        clash = Wave.objects.filter(event_id=wave.event_id, label__iexact=label)
        if clash.exclude(pk=wave.pk).exists():
            errors["label"] = [_("This event already has a wave with this label.")]
    if wave.capacity is not None and wave.capacity < 1 and "capacity" not in errors:
        errors["capacity"] = [_("A wave needs at least one place (or leave it empty).")]
    if errors:
        raise ValidationError(errors)
    wave.label = label
    wave.label_ar = (wave.label_ar or "").strip()


@transaction.atomic
def add_wave(*, actor: Any, event: Event, fields: Mapping[str, Any]) -> Wave:
    """A period of the event with its own exhibitors; its dates lie within the event's."""
    require_event_manager(actor, event)
    wave = Wave(event=event)
    set_fields(wave, fields=Wave.EDITABLE_FIELDS, data=fields)
    _check_wave(wave)
    wave.save()
    audit.record(actor=actor, action="events.wave.added", obj=wave, data={"event": event.pk})
    return wave


@transaction.atomic
def update_wave(*, actor: Any, wave: Wave, fields: Mapping[str, Any]) -> Wave:
    require_event_manager(actor, wave.event)
    update = model_update(
        instance=wave, fields=Wave.EDITABLE_FIELDS, data=fields, clean=_check_wave
    )
    audit.record(
        actor=actor,
        action="events.wave.changed",
        obj=wave,
        data={"fields": update.fields},
        changes=update.changes,
    )
    return wave


@transaction.atomic
def delete_wave(*, actor: Any, wave: Wave) -> None:
    """A wave with participations stays: the exhibitors are moved or removed first."""
    require_event_manager(actor, wave.event)
    count = Participation.objects.filter(wave=wave).count()
    if count:
        raise ValidationError(
            _(
                "The wave “%(wave)s” has %(count)s participations; move them to another "
                "wave or remove them first."
            )
            % {"wave": wave.name, "count": count},
            code="wave_in_use",
        )
    audit.record(actor=actor, action="events.wave.deleted", obj=wave, data={"event": wave.event_id})
    wave.delete()
