"""Merging a duplicate organization into the one kept: everything that points at the
duplicate (products, people, participations, applications, sales, awards, accounts, ...) is
moved to the one kept, its sectors added, then the duplicate is deleted; one audit entry says
what moved. Where the one kept already has the same thing (a participation in the same event,
say), the one kept stands and the duplicate's row is listed in the audit entry.

An organization that organizes or co-organizes events (or a series of them) is an organizer
body: merging it would hand its events, their managers and their audit trail to another
body, so the merge is refused (issue 15), whichever side it is on."""

from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.accounts import roles
from tadamon.core import audit
from tadamon.registry import access as registry_access
from tadamon.registry.models import Organization


def organizes_events(organization: Organization) -> bool:
    """It organizes an event or a series, or co-organizes an event. (The events app depends on
    the registry, not the reverse: its models are looked up by name.)"""
    event, series, partner = (
        apps.get_model("events", name) for name in ("Event", "EventSeries", "EventPartner")
    )
    return (
        event.objects.filter(organizer=organization).exists()
        or series.objects.filter(organizer=organization).exists()
        or partner.objects.filter(
            organization=organization, role=partner.Role.CO_ORGANIZER
        ).exists()
    )


def _check_not_organizers(keep: Organization, duplicate: Organization) -> None:
    for field, organization in (("duplicate", duplicate), (NON_FIELD_ERRORS, keep)):
        if organizes_events(organization):
            message = _(
                "“%(name)s” organizes or co-organizes events: an organizer body cannot be "
                "merged. Change the events' organizer first."
            ) % {"name": organization}
            raise ValidationError({field: message}, code="organizes_events")


def _relations() -> list:
    """Every reference to an organization, hidden ones (related_name="+": partnerships,
    award candidacies) included, but not the sectors' link table (added below)."""
    return [
        relation
        for relation in Organization._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and not relation.many_to_many
        and relation.field.concrete
        and not relation.related_model._meta.auto_created
    ]


def _move_rows(relation, duplicate: Organization, keep: Organization) -> tuple[int, list]:
    model, name = relation.related_model, relation.field.name
    rows = model._base_manager.filter(**{name: duplicate})
    try:
        with transaction.atomic():
            return rows.update(**{name: keep}), []
    except IntegrityError:
        pass
    moved, kept_apart = 0, []
    for row in rows:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=row.pk).update(**{name: keep})
                moved += 1
        except IntegrityError:
            kept_apart.append({"model": model._meta.label, "id": row.pk})
    return moved, kept_apart


@transaction.atomic
def merge_organizations(*, keep: Organization, duplicate: Organization, actor: Any) -> dict:
    """Move everything of `duplicate` to `keep` and delete `duplicate`; answers the counts."""
    if not (roles.is_organizer(actor) and registry_access.can_change_organization(actor, keep)):
        raise PermissionDenied
    if not registry_access.can_change_organization(actor, duplicate):
        raise PermissionDenied
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("An organization cannot be merged into itself.")})
    _check_not_organizers(keep, duplicate)
    moved: dict[str, int] = {}
    conflicts: list = []
    for relation in _relations():
        count, apart = _move_rows(relation, duplicate, keep)
        if count:
            moved[relation.related_model._meta.label] = count
        conflicts += apart
    keep.sectors.add(*duplicate.sectors.all())
    if not keep.primary_sector_id and duplicate.primary_sector_id:
        keep.primary_sector_id = duplicate.primary_sector_id
        keep.save(update_fields=["primary_sector"])
    summary = {
        "kept": keep.pk,
        "merged": duplicate.pk,
        "merged_name": str(duplicate),
        "moved": moved,
        "kept_apart": conflicts,
    }
    audit.record(actor=actor, action="registry.organization.merged", obj=keep, data=summary)
    for row in conflicts:
        # What the kept organization already had the same of: the duplicate's copy goes.
        apps.get_model(row["model"])._base_manager.filter(pk=row["id"]).delete()
    duplicate.delete()
    return summary
