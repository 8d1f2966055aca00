"""Demonstration accounts: one per role of SPEC section 2, all with the same password."""

from dataclasses import dataclass

from tadamon.accounts.models import Role, User
from tadamon.core import audit
from tadamon.demo.registry import DemoRegistry
from tadamon.registry.models import Organization

# For demonstration only: printed by `load_demo`, never to be used on a real installation.
DEMO_PASSWORD = "tadamon-demo"
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    first_name: str
    last_name: str
    organization: tuple[str, str] | None = None
    """Where to find it in DemoRegistry: ("organizers", key) or ("featured", key)."""


USERS: tuple[UserSpec, ...] = (
    UserSpec("organizer", Role.ORGANIZER, "Salma", "Bennani", ("organizers", "region_tta")),
    UserSpec("organizer_bmk", Role.ORGANIZER, "Youssef", "Amzian", ("organizers", "region_bmk")),
    UserSpec("reviewer", Role.REVIEWER, "Nadia", "Tazi"),
    UserSpec("exhibitor", Role.EXHIBITOR, "Khadija", "Mrabet", ("featured", "mdiq_exhibitor")),
    UserSpec("trainer", Role.TRAINER, "Rachid", "Alaoui", ("organizers", "m6_centre")),
    UserSpec("gate", Role.GATE_AGENT, "Hamza", "Bakkali", ("organizers", "region_tta")),
    UserSpec("observer", Role.OBSERVER, "Latifa", "Idrissi"),
)
USERNAMES: tuple[str, ...] = (ADMIN_USERNAME, *(spec.username for spec in USERS))


def create_admin(*, password: str = DEMO_PASSWORD) -> User:
    """The platform administrator, on whose behalf the rest of the demo is recorded."""
    admin = User(
        username=ADMIN_USERNAME,
        email=f"{ADMIN_USERNAME}@tadamon.example.org",
        first_name="Admin",
        last_name="Tadamon",
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    return save_account(admin, password=password, actor=admin)


def save_account(user: User, *, password: str, actor: User) -> User:
    """Save a demo account with its password, audited as created by `actor`."""
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(
        actor=actor, action="accounts.user.created", obj=user,
        data={"role": user.role, "source": "demo"},
    )  # fmt: skip
    return user


def build_users(
    registry: DemoRegistry, *, admin: User, password: str = DEMO_PASSWORD
) -> list[User]:
    """One account for every other role; returns all demo accounts, the administrator first."""
    users = [admin]
    for spec in USERS:
        user = User(
            username=spec.username,
            email=f"{spec.username}@tadamon.example.org",
            first_name=spec.first_name,
            last_name=spec.last_name,
            role=spec.role,
            organization=_organization(registry, spec),
        )
        users.append(save_account(user, password=password, actor=admin))
    return users


def _organization(registry: DemoRegistry, spec: UserSpec) -> Organization | None:
    if spec.organization is None:
        return None
    group, key = spec.organization
    organizations: dict[str, Organization] = getattr(registry, group)
    if key not in organizations:
        raise LookupError(f"The demo has no {group} organization {key!r} for {spec.username}.")
    return organizations[key]
