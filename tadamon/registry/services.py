"""Actions that change the registry. The web UI, the API, the importer and the demo data
all call these; each checks permission, validates, saves in a transaction and writes
the audit trail."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.accounts import roles
from tadamon.core import audit
from tadamon.core.updates import model_update, set_fields
from tadamon.registry import access as registry_access
from tadamon.registry.models import Commune, Organization, Person, Product, Province, Sector
from tadamon.registry.selectors import match_commune


def _place_commune(instance, *, province: Province | None, region=None) -> None:
    """Link the typed commune name to the reference list when it is known there."""
    if instance.commune_id and not instance.commune_name:
        instance.commune_name = instance.commune.name_fr
    elif instance.commune_name and not instance.commune_id:
        instance.commune = match_commune(instance.commune_name, province=province, region=region)
        if instance.commune and province is None and hasattr(instance, "province_id"):
            instance.province = instance.commune.province


def _set_sectors(organization: Organization, sectors: Sequence[Sector] | None) -> None:
    """The first sector is the primary one."""
    if sectors is None:
        return
    organization.primary_sector = sectors[0] if sectors else None
    organization.save(update_fields=["primary_sector", "search_text", "search_key"])
    organization.sectors.set(sectors)


def _clean_organization(organization: Organization) -> None:
    _place_commune(organization, province=organization.province, region=organization.region)
    organization.full_clean()


@transaction.atomic
def create_organization(
    *, actor, fields: dict[str, Any], sectors: Sequence[Sector] = ()
) -> Organization:
    if not registry_access.can_create_organization(actor):
        raise PermissionDenied
    organization = Organization()
    set_fields(organization, fields=Organization.EDITABLE_FIELDS, data=fields)
    _clean_organization(organization)
    organization.save()
    _set_sectors(organization, list(sectors))
    audit.record(
        actor=actor,
        action="registry.organization.created",
        obj=organization,
        created=True,
        data={"sectors": [s.code for s in sectors]},
    )
    return organization


@transaction.atomic
def update_organization(
    *,
    actor,
    organization: Organization,
    fields: dict[str, Any],
    sectors: Sequence[Sector] | None = None,
) -> Organization:
    if not registry_access.can_change_organization(actor, organization):
        raise PermissionDenied
    if "commune_name" in fields and "commune" not in fields:
        fields = {**fields, "commune": None}
    # Taken before the change: the trail also shows the main sector set below.
    before = audit.snapshot(organization)
    update = model_update(
        instance=organization,
        fields=Organization.EDITABLE_FIELDS,
        data=fields,
        clean=_clean_organization,
    )
    _set_sectors(organization, list(sectors) if sectors is not None else None)
    audit.record(
        actor=actor,
        action="registry.organization.changed",
        obj=organization,
        before=before,
        data={"fields": update.fields, "sectors": [s.code for s in sectors or []]},
    )
    return organization


@transaction.atomic
def delete_organization(*, actor, organization: Organization) -> None:
    if not roles.is_organizer(actor) or not registry_access.can_change_organization(
        actor, organization
    ):
        raise PermissionDenied
    if organization.users.exists():
        raise ValidationError(
            _("This organization has user accounts; remove them first."), code="has_users"
        )
    audit.record(
        actor=actor, action="registry.organization.deleted", obj=organization, deleted=True
    )
    organization.delete()


def _check_organization(actor, organization: Organization | None) -> None:
    if organization is None:
        if not roles.is_organizer(actor):
            raise PermissionDenied
    elif not registry_access.can_change_organization(actor, organization):
        raise PermissionDenied


@transaction.atomic
def save_product(
    *, actor, organization: Organization, fields: dict[str, Any], product: Product | None = None
) -> Product:
    """Create a product for `organization`, or change `product` when given."""
    _check_organization(actor, organization)
    if product is not None and product.organization_id != organization.pk:
        raise PermissionDenied
    if product is None:
        product = Product(organization=organization)
        given = set_fields(product, fields=Product.EDITABLE_FIELDS, data=fields)
        product.full_clean()
        product.save()
        audit.record(
            actor=actor,
            action="registry.product.created",
            obj=product,
            created=True,
            data={"organization": organization.pk, "fields": given},
        )
        return product
    update = model_update(instance=product, fields=Product.EDITABLE_FIELDS, data=fields)
    audit.record(
        actor=actor,
        action="registry.product.changed",
        obj=product,
        changes=update.changes,
        data={"organization": organization.pk, "fields": update.fields},
    )
    return product


@transaction.atomic
def delete_product(*, actor, product: Product) -> None:
    _check_organization(actor, product.organization)
    audit.record(
        actor=actor,
        action="registry.product.deleted",
        obj=product,
        deleted=True,
        data={"organization": product.organization_id},
    )
    product.delete()


def _clean_person(person: Person) -> None:
    organization = person.organization
    _place_commune(
        person,
        province=organization.province if organization else None,
        region=organization.region if organization else None,
    )
    person.full_clean()


@transaction.atomic
def save_person(*, actor, fields: dict[str, Any], person: Person | None = None) -> Person:
    """Create a beneficiary, or change `person` when given."""
    if person is not None:
        _check_organization(actor, person.organization)
    _check_organization(actor, fields.get("organization", person.organization if person else None))
    if "commune_name" in fields and "commune" not in fields:
        fields = {**fields, "commune": None}
    if person is None:
        person = Person()
        given = set_fields(person, fields=Person.EDITABLE_FIELDS, data=fields)
        _clean_person(person)
        person.save()
        audit.record(
            actor=actor,
            action="registry.person.created",
            obj=person,
            created=True,
            data={"fields": given},
        )
        return person
    update = model_update(
        instance=person, fields=Person.EDITABLE_FIELDS, data=fields, clean=_clean_person
    )
    audit.record(
        actor=actor,
        action="registry.person.changed",
        obj=person,
        changes=update.changes,
        data={"fields": update.fields},
    )
    return person


@transaction.atomic
def add_commune(
    *, actor, province: Province, name_ar: str, name_fr: str, kind: str = ""
) -> Commune:
    """Organizers add communes that the reference list does not have yet."""
    if not roles.is_organizer(actor):
        raise PermissionDenied
    commune = Commune(
        province=province,
        name_ar=name_ar.strip(),
        name_fr=name_fr.strip(),
        kind=kind,
        added_by=actor,
    )
    commune.full_clean()
    commune.save()
    audit.record(actor=actor, action="registry.commune.added", obj=commune)
    return commune
