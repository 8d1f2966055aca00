"""Request and response bodies of the events endpoints (SPEC section 4)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from tadamon.api.schemas import (
    MAX_COUNT,
    Code,
    Count,
    Id,
    Name,
    OptionalCode,
    ShortText,
    Text,
)
from tadamon.events.models import Booth, Event, EventPartner, Participation, Wave

EventKindCode = Literal[
    "bazaar", "mobile_market", "regional_exhibition", "national_fair", "training_programme"
]
PartnerRole = Literal["co_organizer", "sponsor", "institutional_partner"]
ParticipationStatus = Literal["pending", "confirmed", "withdrawn", "cancelled"]
Edition = Annotated[int, Field(ge=1, le=32767)]
Places = Annotated[int, Field(ge=1, le=MAX_COUNT)]
SmallCount = Annotated[int, Field(ge=1, le=32767)]
BoothCode = Annotated[str, Field(min_length=1, max_length=20)]
Area = Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)]
SeriesRef = Annotated[
    int | Annotated[str, Field(max_length=255)] | None,
    Field(
        description="A series id, or a name: the organizer's series of that name (created when new)"
    ),
]


# Events ----------------------------------------------------------------------------------


class EventIn(Schema):
    kind: EventKindCode
    title_ar: Name = ""
    title_fr: Name = ""
    series: SeriesRef = None
    edition: Edition | None = None
    theme_ar: Name = ""
    theme_fr: Name = ""
    region: Code = Field(description='Region code, "01".."12"')
    province: OptionalCode = Field("", description="Province or prefecture code")
    city: ShortText = ""
    venue: Name = ""
    start_date: datetime.date
    end_date: datetime.date
    opening_hours: ShortText = Field("", description='e.g. "10:00–22:00"')
    area_m2: Count | None = None
    description_ar: Text = ""
    description_fr: Text = ""
    is_published: bool = False
    visitor_registration: bool = Field(
        False, description="Visitors may register (free) and receive a QR badge"
    )
    organizer: Id | None = Field(
        None, description="The organizing body's id (administrators only; else your own)"
    )


class EventPatch(EventIn):
    """Only the fields sent change."""

    kind: EventKindCode = None
    region: Code = None
    start_date: datetime.date = None
    end_date: datetime.date = None


class PartnerOut(Schema):
    id: int
    organization: int
    organization_name: str
    role: str

    @staticmethod
    def resolve_organization(obj: EventPartner) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: EventPartner) -> str:
        return str(obj.organization)


class PartnerIn(Schema):
    organization: Id
    role: PartnerRole


class EventOut(Schema):
    id: int
    kind: str
    title_ar: str
    title_fr: str
    theme_ar: str
    theme_fr: str
    series: int | None
    series_name: str | None
    edition: int | None
    organizer: int
    region: str
    province: str | None
    city: str
    venue: str
    start_date: datetime.date
    end_date: datetime.date
    days: int
    opening_hours: str
    area_m2: int | None
    description_ar: str
    description_fr: str
    is_published: bool
    visitor_registration: bool
    partners: list[PartnerOut]
    created_at: datetime.datetime

    @staticmethod
    def resolve_series(obj: Event) -> int | None:
        return obj.series_id

    @staticmethod
    def resolve_series_name(obj: Event) -> str | None:
        return str(obj.series) if obj.series_id else None

    @staticmethod
    def resolve_organizer(obj: Event) -> int:
        return obj.organizer_id

    @staticmethod
    def resolve_region(obj: Event) -> str:
        return obj.region.code

    @staticmethod
    def resolve_province(obj: Event) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_partners(obj: Event) -> list[EventPartner]:
        return list(obj.partners.all())


# Waves -----------------------------------------------------------------------------------


class WaveIn(Schema):
    label: Annotated[ShortText, Field(min_length=1)]
    label_ar: ShortText = Field("", description="How Arabic pages show the label")
    start_date: datetime.date
    end_date: datetime.date
    capacity: Places | None = Field(None, description="Places; empty: as many as the booths")


class WavePatch(WaveIn):
    """Only the fields sent change."""

    label: Annotated[ShortText, Field(min_length=1)] = None
    label_ar: ShortText = None
    start_date: datetime.date = None
    end_date: datetime.date = None


class WaveOut(Schema):
    id: int
    event: int
    label: str
    label_ar: str
    start_date: datetime.date
    end_date: datetime.date
    capacity: int | None

    @staticmethod
    def resolve_event(obj: Wave) -> int:
        return obj.event_id


# Booths ----------------------------------------------------------------------------------


class BoothIn(Schema):
    code: BoothCode
    zone: Annotated[str, Field(max_length=60)] = ""
    accessible: bool = False
    size_m2: Area | None = Field(None, description="m², at most 2 decimals")
    row: SmallCount | None = None
    column: SmallCount | None = None


class BoothGridIn(Schema):
    rows: Annotated[int, Field(ge=1, le=100)]
    columns: Annotated[int, Field(ge=1, le=200)]
    zones: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list,
        max_length=100,
        description="One zone name per row, or a single one for every row",
    )
    prefix: Annotated[str, Field(max_length=8)] = ""
    accessible_rows: list[Annotated[int, Field(ge=1, le=100)]] = Field(
        default_factory=list, max_length=100, description="Rows (from 1) of accessible booths"
    )
    size_m2: Area | None = None


class BoothOut(Schema):
    id: int
    code: str
    zone: str
    accessible: bool
    size_m2: Decimal | None
    row: int | None
    column: int | None

    @staticmethod
    def resolve_size_m2(obj: Booth) -> Decimal | None:
        return None if obj.size_m2 is None else Decimal(obj.size_m2).quantize(Decimal("0.01"))


# Participations --------------------------------------------------------------------------


class ParticipationIn(Schema):
    organization: Id
    wave: Id | None = None
    status: Literal["pending", "confirmed"] = Field(
        "confirmed", description="confirmed counts as an exhibitor"
    )


class ParticipationPatch(Schema):
    """Only the fields sent change; `wave: null` takes the participation out of its wave."""

    status: ParticipationStatus = None
    wave: Id | None = None


class ParticipationOut(Schema):
    id: int
    event: int
    organization: int
    organization_name: str
    wave: int | None
    status: str
    source: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_event(obj: Participation) -> int:
        return obj.event_id

    @staticmethod
    def resolve_organization(obj: Participation) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_organization_name(obj: Participation) -> str:
        return str(obj.organization)

    @staticmethod
    def resolve_wave(obj: Participation) -> int | None:
        return obj.wave_id
