"""What the demonstration database holds: whether it has data, and the closing lines of
`load_demo`."""

from dataclasses import dataclass

from django.db.models import Count

from tadamon.accounts.models import User
from tadamon.registry.models import Organization, Person, Product

DEFAULT_SEED = 2024


def has_data() -> bool:
    """Whether the database already holds registry data or one of the demo accounts."""
    from tadamon.demo.users import USERNAMES

    return Organization.objects.exists() or User.objects.filter(username__in=USERNAMES).exists()


@dataclass(frozen=True)
class Summary:
    organizations_by_kind: list[tuple[str, int]]
    organizations_by_region: list[tuple[str, int]]
    organizations: int
    women_led: int
    microcredit_beneficiaries: int
    people: int
    products: int
    users: int


def summarize() -> Summary:
    """What the database holds, for the closing lines of `load_demo`."""
    by_kind = (
        Organization.objects.values("kind__code")
        .annotate(n=Count("pk"))
        .order_by("kind__position", "kind__code")
    )
    by_region = (
        Organization.objects.values("region__code", "region__name_fr")
        .annotate(n=Count("pk"))
        .order_by("region__code")
    )
    return Summary(
        organizations_by_kind=[(row["kind__code"], row["n"]) for row in by_kind],
        organizations_by_region=[
            (f"{row['region__code']} {row['region__name_fr']}", row["n"]) for row in by_region
        ],
        organizations=Organization.objects.count(),
        women_led=Organization.objects.filter(women_led=True).count(),
        microcredit_beneficiaries=Organization.objects.filter(microcredit_beneficiary=True).count(),
        people=Person.objects.count(),
        products=Product.objects.count(),
        users=User.objects.count(),
    )
