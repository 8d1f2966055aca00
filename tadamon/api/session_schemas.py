"""Request and response bodies of the sessions and registrations endpoints (SPEC 4)."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from tadamon.api.schemas import MAX_COUNT, Id, Name, ShortText
from tadamon.programme.models import Registration, Session
from tadamon.programme.selectors import sessions as selectors

SessionKindCode = Literal["workshop", "training", "seminar", "ceremony"]
RegistrationStatus = Literal["registered", "waitlisted", "cancelled"]
Places = Annotated[int, Field(ge=1, le=MAX_COUNT)]
TopicCode = Annotated[str, Field(min_length=1, max_length=40)]


class SessionIn(Schema):
    kind: SessionKindCode
    title_ar: Name = ""
    title_fr: Name = ""
    starts_at: datetime.datetime = Field(
        description="ISO 8601; without an offset, the local time of Morocco"
    )
    ends_at: datetime.datetime
    commune: ShortText = Field(
        "", description="The commune's name as text (matched to the reference list when known)"
    )
    room: ShortText = ""
    capacity: Places | None = Field(None, description="Places; empty: no limit")
    topics: list[TopicCode] = Field(
        default_factory=list, max_length=50, description="Topic codes (GET /topics)"
    )
    trainers: list[Id] = Field(
        default_factory=list, max_length=50, description="Ids of users with the trainer role"
    )
    audience: Name = Field("", description="The target audience, as text")


class SessionPatch(SessionIn):
    """Only the fields sent change; `topics` and `trainers`, when sent, replace the lists;
    `capacity: null` removes the limit (and gives places to everyone waiting)."""

    kind: SessionKindCode = None
    starts_at: datetime.datetime = None
    ends_at: datetime.datetime = None
    topics: list[TopicCode] | None = Field(None, max_length=50)
    trainers: list[Id] | None = Field(None, max_length=50)


class SessionOut(Schema):
    id: int
    event: int
    kind: str
    title_ar: str
    title_fr: str
    topics: list[str]
    trainers: list[int]
    room: str
    commune: str
    commune_id: int | None = Field(description="The reference commune the text was matched to")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int | None
    audience: str
    registered: int
    waitlisted: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_event(obj: Session) -> int:
        return obj.event_id

    @staticmethod
    def resolve_topics(obj: Session) -> list[str]:
        return [topic.code for topic in obj.topics.all()]

    @staticmethod
    def resolve_trainers(obj: Session) -> list[int]:
        return sorted(user.pk for user in obj.trainers.all())

    @staticmethod
    def resolve_commune(obj: Session) -> str:
        return obj.commune_name or (obj.commune.name_fr if obj.commune_id else "")

    @staticmethod
    def resolve_registered(obj: Session) -> int:
        # Lists come annotated; a session just saved is counted here.
        if hasattr(obj, "registered"):
            return obj.registered
        return selectors.registration_counts(obj)[Registration.Status.REGISTERED]

    @staticmethod
    def resolve_waitlisted(obj: Session) -> int:
        if hasattr(obj, "waitlisted"):
            return obj.waitlisted
        return selectors.registration_counts(obj)[Registration.Status.WAITLISTED]


class RegistrationIn(Schema):
    person: Id = Field(description="The person's id (POST /people creates one)")


class RegistrationOut(Schema):
    id: int
    session: int
    person: int
    person_name: str
    organization: int | None
    status: str
    position: int | None = Field(description="Place on the waiting list, from 1; else null")
    code: str = Field(description="What the QR code of the badge holds")
    registered_by: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_session(obj: Registration) -> int:
        return obj.session_id

    @staticmethod
    def resolve_person(obj: Registration) -> int:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj: Registration) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organization(obj: Registration) -> int | None:
        return obj.person.organization_id

    @staticmethod
    def resolve_position(obj: Registration) -> int | None:
        return selectors.waitlist_position(obj)

    @staticmethod
    def resolve_code(obj: Registration) -> str:
        return str(obj.code)

    @staticmethod
    def resolve_registered_by(obj: Registration) -> int | None:
        return obj.registered_by_id
