"""Who may see and change what. Every view, API endpoint and export asks here.

Rules (SPEC section 2 and 3L):
- platform administrators see and change everything;
- organizer staff keep the shared registry: they see every organization and change any
  organization except another organizer body;
- reviewers and observers read the registry and change nothing in it;
- an exhibitor's representative sees and changes only their own organization, its people
  and its products; trainers and gate agents see only their own organization.
"""

from django.db.models import QuerySet

from tadamon.accounts.models import Role, User
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


__all__ = [
    "User",
    "can_change_organization",
    "can_create_organization",
    "can_import",
    "changeable_organizations_for",
    "is_organizer",
    "is_platform_admin",
    "organizations_for",
    "people_for",
    "products_for",
]
