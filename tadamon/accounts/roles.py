"""Who a user is: the roles of SPEC section 2, read the same way by every app.

The apps decide what each role may see and do with their own objects (each app's
`access.py`); this module only answers questions about the user, so that accounts imports
no domain app.
"""

from typing import Any

from tadamon.accounts.models import Role

# Roles that read the whole registry (organizations, people, products).
READ_ALL_ROLES = frozenset({Role.ORGANIZER, Role.REVIEWER, Role.OBSERVER})


def is_active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_platform_admin(user: Any) -> bool:
    return is_active(user) and user.is_platform_admin


def is_organizer(user: Any) -> bool:
    return is_active(user) and (user.is_platform_admin or user.role == Role.ORGANIZER)


def has_role(user: Any, role: Role) -> bool:
    return is_active(user) and user.role == role


def reads_everything(user: Any) -> bool:
    """Administrators and observers (partners) read every event's figures and lists."""
    return is_active(user) and (user.is_platform_admin or user.role == Role.OBSERVER)


def reads_whole_registry(user: Any) -> bool:
    return is_active(user) and (user.is_platform_admin or user.role in READ_ALL_ROLES)


def organization_id(user: Any) -> int | None:
    """The organization the user acts for, if they are signed in and have one."""
    return user.organization_id if is_active(user) else None


def can_read_audit(user: Any) -> bool:
    """Organizers and administrators read the audit trail (of what they keep)."""
    return is_organizer(user)
