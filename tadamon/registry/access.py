"""Who may see and change the registry (SPEC sections 2 and 3L).

- platform administrators see and change everything;
- organizer staff keep the shared registry: they see every organization and change any
  organization except another organizer body;
- reviewers and observers read the registry and change nothing in it;
- an exhibitor's representative sees and changes only their own organization, its people
  and its products; trainers and gate agents see only their own organization.
"""

from typing import Any

from django.db.models import QuerySet

from tadamon.accounts import roles
from tadamon.accounts.models import Role
from tadamon.registry.models import Organization, Person, Product


def organizer_bodies() -> QuerySet:
    """Organizations that organizer staff work for."""
    return Organization.objects.filter(users__role=Role.ORGANIZER).distinct()


def organizations_for(user: Any) -> QuerySet:
    """The organizations this user may see."""
    if roles.reads_whole_registry(user):
        return Organization.objects.all()
    if roles.organization_id(user):
        return Organization.objects.filter(pk=user.organization_id)
    return Organization.objects.none()


def changeable_organizations_for(user: Any) -> QuerySet:
    """The organizations this user may change (and add people and products to)."""
    if roles.is_platform_admin(user):
        return Organization.objects.all()
    if roles.has_role(user, Role.ORGANIZER):
        others = organizer_bodies().exclude(pk=user.organization_id).values("pk")
        return Organization.objects.exclude(pk__in=others)
    if roles.has_role(user, Role.EXHIBITOR) and user.organization_id:
        return Organization.objects.filter(pk=user.organization_id)
    return Organization.objects.none()


def can_create_organization(user: Any) -> bool:
    return roles.is_organizer(user)


def can_change_organization(user: Any, organization: Organization) -> bool:
    return changeable_organizations_for(user).filter(pk=organization.pk).exists()


def people_for(user: Any) -> QuerySet:
    if roles.reads_whole_registry(user):
        return Person.objects.all()
    if not roles.is_active(user):
        return Person.objects.none()
    return Person.objects.filter(organization__in=organizations_for(user))


def products_for(user: Any) -> QuerySet:
    return Product.objects.filter(organization__in=organizations_for(user))


def can_import(user: Any) -> bool:
    return roles.is_organizer(user)


def can_merge_organizations(user: Any, organization: Organization) -> bool:
    """Finding `organization`'s likely duplicates and merging them into it is organizer
    work: the list names other organizations, which an exhibitor may not see."""
    return roles.is_organizer(user) and can_change_organization(user, organization)


def can_decide_claims(user: Any) -> bool:
    """Confirming or refusing who represents an organization (issue 19) is organizer work,
    as keeping the shared registry is."""
    return roles.is_organizer(user)
