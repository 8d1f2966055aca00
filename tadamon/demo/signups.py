"""A sign-up waiting for an organizer (issue 19), made through the registry's sign-up
services so that the organizer's list of claims, a claim's page with its likely match and
the newcomer's own view have something to show. Invented: the president of a cooperative
already in the registry signed up by phone without knowing it was there; she typed its
Arabic name as people type on a phone (ه for ة), confirmed her number by the SMS
code, and answered "this is us" to the record the sign-up showed her. No organizer has
decided yet: she may apply to calls and sees nobody else's data until one does.

Run after the search index is rebuilt: the likely matches are found through it.
"""

import random

from tadamon.accounts.models import Role, User
from tadamon.demo.names import mobile_phone
from tadamon.demo.registry import DemoRegistry
from tadamon.demo.users import save_account
from tadamon.registry import selectors as registry_selectors
from tadamon.registry import services as registry_services
from tadamon.registry.models import Organization, OrganizationClaim

NEWCOMER = "newcomer"
NEWCOMER_NAME = ("Zahra", "Ouchen")


def build_signups(
    rng: random.Random, registry: DemoRegistry, *, password: str
) -> OrganizationClaim | None:
    """The newcomer's pending claim, or None when the registry has no cooperative to find."""
    existing = _registered_cooperative(registry)
    if existing is None:
        return None
    phone = mobile_phone(rng)
    organization = registry_services.create_provisional_organization(
        fields={
            "name_ar": _as_typed_on_a_phone(existing.name_ar),
            "name_fr": "",
            "kind": existing.kind,
            "province": existing.province,
            "registration_number": "",
            "phone": phone,
            "email": "",
        }
    )
    user = User(
        username=NEWCOMER,
        first_name=NEWCOMER_NAME[0],
        last_name=NEWCOMER_NAME[1],
        role=Role.EXHIBITOR,
        signed_up=True,
        phone=phone,
        phone_verified=True,
        organization=organization,
    )
    # She signed up herself: the account's creation is hers.
    save_account(user, password=password, actor=user)
    claim = registry_services.open_claim(user=user, organization=organization)
    matches = registry_selectors.claim_matches(claim)
    match = next((c.organization for c in matches if c.organization.pk == existing.pk), None)
    if match is not None:
        claim = registry_services.choose_match(actor=user, claim=claim, match=match)
    return claim


def _registered_cooperative(registry: DemoRegistry) -> Organization | None:
    """An invented cooperative with an Arabic name and a province, none the demo's accounts
    or featured records rely on."""
    featured = {organization.pk for organization in registry.featured.values()}
    for organization in registry.organizations:
        if (
            organization.pk not in featured
            and organization.kind.code == "cooperative"
            and organization.province_id
            and "ة" in organization.name_ar
        ):
            return organization
    return None


def _as_typed_on_a_phone(name: str) -> str:
    return name.replace("ة", "ه")
