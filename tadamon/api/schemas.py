"""Request and response bodies of the API (SPEC section 4).

Inputs take reference codes (or names, see tadamon.registry.references), ids as integers,
money as a decimal string or number with at most 2 decimals. Text fields accept null as
"". The bounds here only keep values within what the database can store; the business
rules (founding year range, women members within members, ...) are the models'.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from tadamon.core.params import MAX_ID
from tadamon.registry.models import Organization, Person, Product

CENTS = Decimal("0.01")
MAX_COUNT = 2_147_483_647  # the largest value every supported database stores in an integer


def _empty_when_null(value: object) -> object:
    return "" if value is None else value


def _no_null_characters(value: str) -> str:
    if "\x00" in value:
        raise PydanticCustomError("null_character", "Null characters are not allowed.")
    return value


def _text(max_length: int, min_length: int = 0) -> object:
    return Annotated[
        str,
        BeforeValidator(_empty_when_null),
        Field(min_length=min_length, max_length=max_length),
        AfterValidator(_no_null_characters),
    ]


Text = _text(10_000)
Name = _text(255)
ShortText = _text(120)
Code = _text(200, min_length=1)  # a reference code, or the reference row's name
OptionalCode = _text(200)  # "" or null for none
PersonName = _text(120, min_length=1)
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Year = Annotated[int, Field(ge=0, le=9999)]
# An id beyond the largest primary key (BigAutoField) reached SQLite as an integer it cannot
# hold (an OverflowError, a 500): it is refused as out of range instead (the bound is the one
# of tadamon.core.params, which reads the ids of query strings and forms).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Money = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


# Reference data ------------------------------------------------------------------------


class ReferenceOut(Schema):
    code: str
    name_ar: str
    name_fr: str
    name_en: str


class ProvinceOut(ReferenceOut):
    region: str
    kind: str

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region.code


# Organizations -------------------------------------------------------------------------


class OrganizationIn(Schema):
    name_ar: Name = ""
    name_fr: Name = ""
    kind: Code = Field(description="Organization kind code, e.g. cooperative")
    region: Code = Field(description='Region code, "01".."12"')
    province: OptionalCode = Field("", description="Province or prefecture code")
    commune: ShortText = Field("", description="The commune's name as text")
    sectors: list[Code] = Field(
        default_factory=list, max_length=50, description="Sector codes; the first is the main one"
    )
    founded_year: Year | None = None
    members: Count | None = None
    women_members: Count | None = None
    women_led: bool = False
    youth_led: bool = False
    microcredit_beneficiary: bool = False
    endangered_craft: bool = False
    eco_friendly: bool = False
    public_profile: bool = Field(False, description="Consents to appear on the public site")
    public_contact: bool = Field(False, description="Shows its contacts on its public page")
    registration_number: Name = ""
    phone: ShortText = ""
    email: Name = ""
    website: Name = ""
    description_ar: Text = ""
    description_fr: Text = ""


class OrganizationPatch(OrganizationIn):
    """Only the fields sent change; `sectors`, when sent, replaces the list."""

    kind: Code = None
    region: Code = None


class OrganizationOut(Schema):
    id: int
    name_ar: str
    name_fr: str
    kind: str
    region: str
    province: str | None
    commune: str
    commune_id: int | None = Field(description="The reference commune the text was matched to")
    sectors: list[str]
    primary_sector: str | None
    founded_year: int | None
    members: int | None
    women_members: int | None
    women_led: bool
    youth_led: bool
    microcredit_beneficiary: bool
    endangered_craft: bool
    eco_friendly: bool
    public_profile: bool
    public_contact: bool
    registration_number: str
    phone: str
    email: str
    website: str
    description_ar: str
    description_fr: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_kind(obj: Organization) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_region(obj: Organization) -> str:
        return obj.region.code

    @staticmethod
    def resolve_province(obj: Organization) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_commune(obj: Organization) -> str:
        if obj.commune_name or not obj.commune_id:
            return obj.commune_name
        return obj.commune.name_fr

    @staticmethod
    def resolve_primary_sector(obj: Organization) -> str | None:
        return obj.primary_sector.code if obj.primary_sector_id else None

    @staticmethod
    def resolve_sectors(obj: Organization) -> list[str]:
        codes = [sector.code for sector in obj.sectors.all()]
        primary = obj.primary_sector.code if obj.primary_sector_id else None
        return sorted(codes, key=lambda code: code != primary)


# Products ------------------------------------------------------------------------------


class ProductIn(Schema):
    """For a change, only the fields sent change."""

    name_ar: Name = ""
    name_fr: Name = ""
    price_mad: Money | None = Field(None, description="MAD, at most 2 decimals")
    sector: OptionalCode = Field("", description="Sector code")
    description_ar: Text = ""
    description_fr: Text = ""


class ProductOut(Schema):
    id: int
    organization: int
    name_ar: str
    name_fr: str
    price_mad: Decimal | None
    sector: str | None
    description_ar: str
    description_fr: str
    photo: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_organization(obj: Product) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_price_mad(obj: Product) -> Decimal | None:
        return None if obj.price_mad is None else Decimal(obj.price_mad).quantize(CENTS)

    @staticmethod
    def resolve_sector(obj: Product) -> str | None:
        return obj.sector.code if obj.sector_id else None

    @staticmethod
    def resolve_photo(obj: Product) -> str | None:
        return obj.photo.url if obj.photo else None


# People --------------------------------------------------------------------------------


class PersonIn(Schema):
    first_name: PersonName
    last_name: PersonName
    gender: Literal["f", "m"]
    age_band: ShortText = Field("", description="under_18, 18_24, 25_34, ..., 65_plus")
    phone: ShortText = ""
    organization: Id | None = Field(None, description="The organization's id")
    commune: ShortText = Field("", description="The commune's name as text")


class PersonPatch(PersonIn):
    """Only the fields sent change."""

    first_name: PersonName = None
    last_name: PersonName = None
    gender: Literal["f", "m"] = None


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    gender: str
    age_band: str
    phone: str
    organization: int | None
    commune: str
    commune_id: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_organization(obj: Person) -> int | None:
        return obj.organization_id

    @staticmethod
    def resolve_commune(obj: Person) -> str:
        if obj.commune_name or not obj.commune_id:
            return obj.commune_name
        return obj.commune.name_fr
