"""Actions that change the registry. The web UI, the API, the importer and the demo data
all call these; each checks permission, validates, saves in a transaction and writes
the audit trail."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.accounts import delivery, roles
from tadamon.core import audit
from tadamon.core.updates import model_update, set_fields
from tadamon.registry import access as registry_access
from tadamon.registry.merging import merge_organizations
from tadamon.registry.models import (
    Commune,
    Organization,
    OrganizationClaim,
    Person,
    Product,
    Province,
    Sector,
)
from tadamon.registry.selectors import claim_matches, match_commune


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


# Sign-up and registry claims (issue 19) -----------------------------------------------

#: What a person signing up types about the organization they represent.
SIGNUP_FIELDS = ("name_ar", "name_fr", "kind", "province", "registration_number", "phone", "email")


@transaction.atomic
def create_provisional_organization(*, fields: dict[str, Any]) -> Organization:
    """The record typed in at sign-up, awaiting an organizer's confirmation. Nobody is signed
    in yet: the entry has no actor. A registration number another record already holds is
    left out (the claim keeps it, and it names that record as the likely match)."""
    unknown = set(fields) - set(SIGNUP_FIELDS)
    if unknown:
        raise ValueError(f"Not sign-up fields: {sorted(unknown)}")
    data = dict(fields)
    number = (data.get("registration_number") or "").strip()
    if number and Organization.objects.filter(registration_number__iexact=number).exists():
        data["registration_number"] = ""
    province = data["province"]
    data["region"] = province.region
    organization = Organization(awaiting_confirmation=True)
    set_fields(organization, fields=Organization.EDITABLE_FIELDS, data=data)
    _clean_organization(organization)
    organization.save()
    audit.record(
        actor=None,
        action="registry.organization.created",
        obj=organization,
        created=True,
        data={"signed_up": True},
    )
    return organization


@transaction.atomic
def open_claim(
    *, user: Any, organization: Organization, registration_number: str = ""
) -> OrganizationClaim:
    """The person who just signed up represents `organization`, until an organizer decides."""
    claim = OrganizationClaim(
        user=user, organization=organization, registration_number=registration_number.strip()
    )
    claim.full_clean()
    claim.save()
    audit.record(actor=user, action="registry.claim.opened", obj=claim, created=True)
    return claim


@transaction.atomic
def choose_match(
    *, actor: Any, claim: OrganizationClaim, match: Organization | None
) -> OrganizationClaim:
    """The person says which likely match is theirs ("this is us"), or none (their record
    is new). Only a record shown to them may be chosen; an organizer still decides."""
    if claim.user_id != getattr(actor, "pk", None) or not claim.is_pending:
        raise PermissionDenied
    if match is not None:
        shown = {candidate.organization.pk for candidate in claim_matches(claim)}
        if match.pk not in shown:
            raise ValidationError(
                {"match": _("Choose one of the records shown.")}, code="not_a_match"
            )
    before = audit.snapshot(claim, ["match", "matches_reviewed_at"])
    claim.match = match
    claim.matches_reviewed_at = timezone.now()
    claim.save(update_fields=["match", "matches_reviewed_at"])
    audit.record(actor=actor, action="registry.claim.matched", obj=claim, before=before)
    return claim


def _pending_for_decision(actor: Any, claim: OrganizationClaim) -> OrganizationClaim:
    if not registry_access.can_decide_claims(actor):
        raise PermissionDenied
    locked = OrganizationClaim.objects.select_for_update().get(pk=claim.pk)
    if not locked.is_pending:
        raise ValidationError(_("This claim was already decided."), code="decided")
    return locked


def _tell(claim: OrganizationClaim, *, subject: str, text: str, kind: str) -> None:
    user = claim.user
    transaction.on_commit(
        lambda: delivery.send_notice(user=user, subject=subject, text=text, kind=kind)
    )


@transaction.atomic
def confirm_claim(*, actor: Any, claim: OrganizationClaim) -> OrganizationClaim:
    """An organizer confirms: a chosen match absorbs the record typed in (merging moves the
    account and its applications), otherwise that record joins the registry as it is."""
    claim = _pending_for_decision(actor, claim)
    typed_in = claim.organization
    merged = None
    if claim.match_id:
        merged = merge_organizations(keep=claim.match, duplicate=typed_in, actor=actor)
        claim.refresh_from_db()
    else:
        before = audit.snapshot(typed_in, ["awaiting_confirmation"])
        typed_in.awaiting_confirmation = False
        typed_in.save(update_fields=["awaiting_confirmation", "search_text", "search_key"])
        audit.record(
            actor=actor, action="registry.organization.changed", obj=typed_in, before=before
        )
    claim.status = OrganizationClaim.Status.CONFIRMED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="registry.claim.confirmed",
        obj=claim,
        data={"organization": claim.organization_id, "merged": merged},
    )
    _tell(
        claim,
        subject=_("Tadamon: your organization is confirmed"),
        text=_("Tadamon: %(name)s is confirmed. You now represent it.")
        % {"name": claim.organization},
        kind="claim_confirmed",
    )
    return claim


@transaction.atomic
def refuse_claim(*, actor: Any, claim: OrganizationClaim, reason: str) -> OrganizationClaim:
    """An organizer refuses, saying why; the person is told. Their account and the record
    they typed in stay as they are (still awaiting confirmation): nothing is removed."""
    claim = _pending_for_decision(actor, claim)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why, for the person who signed up.")}, code="reason_required"
        )
    claim.status = OrganizationClaim.Status.REFUSED
    claim.reason = reason
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.full_clean()
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(actor=actor, action="registry.claim.refused", obj=claim, data={"reason": reason})
    _tell(
        claim,
        subject=_("Tadamon: your organization was not confirmed"),
        text=_("Tadamon: %(name)s was not confirmed. Reason: %(reason)s")
        % {"name": claim.organization, "reason": reason},
        kind="claim_refused",
    )
    return claim
