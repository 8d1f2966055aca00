"""The registry part of the demonstration data.

The organizer bodies of the reference events (SPEC section 1) and the partner institutions of
E4 are created through the registry services, like any organization an administrator adds.
The invented organizations — several hundred, with their products and beneficiaries — are
written in bulk: through the services (about fifteen queries per organization, seven per
product or person) the default 400 took 11.4 s on SQLite, in bulk 0.6 s. The bulk path keeps
what the services guarantee: values are valid by construction (tests run `full_clean` on
them), the search columns are computed as `Organization.save` computes them, and every
created row gets the audit entry the service would have written.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from tadamon.core import audit
from tadamon.core.models import AuditEntry
from tadamon.core.text import search_document, skeleton_document
from tadamon.demo.inventor import Invented, Inventor, References
from tadamon.demo.specs import FEATURED, ORGANIZER_BODIES, PARTNER_INSTITUTIONS, InstitutionSpec
from tadamon.registry import services
from tadamon.registry.models import Organization, Person, Product

DEFAULT_ORGANIZATIONS = 400


@dataclass
class DemoRegistry:
    """What `build_registry` created, for the parts of the demo that build on it."""

    organizers: dict[str, Organization]
    """The organizing bodies of E1–E5, by key (see ORGANIZER_BODIES)."""
    partners: dict[str, Organization]
    """The partner institutions of E4, by key (see PARTNER_INSTITUTIONS)."""
    featured: dict[str, Organization]
    """Invented organizations that the events rely on, by key (see FEATURED)."""
    organizations: list[Organization]
    """Every invented organization, the featured ones first."""
    people: int = 0
    products: int = 0


def build_registry(
    rng: random.Random, *, actor, organizations: int = DEFAULT_ORGANIZATIONS
) -> DemoRegistry:
    """Create the organizer bodies, E4's partners and `organizations` invented organizations.

    `actor` is the platform administrator on whose behalf everything is recorded.
    """
    references = References()
    if not references.complete:
        raise LookupError("The reference data is missing: run `manage.py migrate` first.")
    organizers = {
        spec.key: _create_institution(spec, actor=actor, references=references)
        for spec in ORGANIZER_BODIES
    }
    partners = {
        spec.key: _create_institution(spec, actor=actor, references=references)
        for spec in PARTNER_INSTITUTIONS
    }
    inventor = Inventor(rng, references, lender=organizers["m6_centre"])
    invented = inventor.invent(organizations)
    _write(invented, actor=actor)
    featured_keys = [spec.key for spec in FEATURED]
    return DemoRegistry(
        organizers=organizers,
        partners=partners,
        featured={
            key: item.organization
            for key, item in zip(featured_keys, invented[: len(featured_keys)], strict=False)
        },
        organizations=[item.organization for item in invented],
        people=sum(len(item.people) for item in invented),
        products=sum(len(item.products) for item in invented),
    )


def _create_institution(spec: InstitutionSpec, *, actor, references: References) -> Organization:
    province = references.province(spec.region, spec.province)
    return services.create_organization(
        actor=actor,
        fields={
            "kind": references.kinds[spec.kind],
            "name_ar": spec.name_ar,
            "name_fr": spec.name_fr,
            "region": references.regions[spec.region],
            "province": province,
            "commune": references.commune(province, spec.commune),
        },
        sectors=[references.sectors["services"]],
    )


def _write(invented: list[Invented], *, actor) -> None:
    """Insert the invented organizations, their sectors, products and people in bulk."""
    organizations = [item.organization for item in invented]
    for organization in organizations:
        # Exactly what Organization.save stores.
        organization.search_text = search_document(
            organization.name_ar,
            organization.name_fr,
            organization.registration_number,
            organization.commune_name,
        )
        organization.search_key = skeleton_document(organization.name_ar, organization.name_fr)
    Organization.objects.bulk_create(organizations, batch_size=500)
    through = Organization.sectors.through
    through.objects.bulk_create(
        [
            through(organization_id=item.organization.pk, sector_id=sector.pk)
            for item in invented
            for sector in item.sectors
        ],
        batch_size=1000,
    )
    products = [product for item in invented for product in item.products]
    for product in products:
        product.search_text = search_document(product.name_ar, product.name_fr)
    Product.objects.bulk_create(products, batch_size=1000)
    people = [person for item in invented for person in item.people]
    for person in people:
        person.search_text = search_document(person.first_name, person.last_name)
    Person.objects.bulk_create(people, batch_size=1000)

    _audit_created(
        actor,
        ((item.organization, {"sectors": [s.code for s in item.sectors]}) for item in invented),
        "registry.organization.created",
    )
    _audit_created(
        actor,
        ((p, {"organization": p.organization_id, "fields": []}) for p in products),
        "registry.product.created",
    )
    _audit_created(actor, ((p, {"fields": []}) for p in people), "registry.person.created")


def _audit_created(actor, entries: Iterable[tuple[models.Model, dict]], action: str) -> None:
    """The audit entries the services would have written, one per object, in bulk."""
    if audit.action_type(action) is None:  # the check `audit.record` would have made
        raise ValueError(f"Undeclared audit action {action!r}.")
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:255],
                data={**data, "source": "demo"},
            )
            for obj, data in entries
        ],
        batch_size=1000,
    )
