"""Queries of broadcasts: which organizations a broadcast reaches and by which addresses,
and the delivery of an event's messages for its status page."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from tadamon.accounts.models import User
from tadamon.broadcasts.models import Broadcast
from tadamon.calls.models import Application, ApplicationStatus
from tadamon.calls.notifications import language_for
from tadamon.core.sms_length import SmsLength, sms_length
from tadamon.events.models import Event, Participation
from tadamon.messaging.models import Channel, Message, OptOut, Status
from tadamon.registry.models import Organization

# What a message needs of an organization and of an account (the rest is not loaded).
RECIPIENT_FIELDS = ("name_ar", "name_fr", "email", "phone")
ACCOUNT_FIELDS = ("email", "phone", "organization_id", "is_active")

# How many failed messages the status page lists (the oldest first are the ones to fix).
FAILED_SHOWN = 200


@dataclass(frozen=True)
class Audience:
    """Who a broadcast is for: the organizations whose application to the event's call or
    participation in the event has one of the statuses (both lists empty: any, drafts
    excepted), in one of the waves, with one of the sectors (main or other), in one of the
    provinces. An empty list does not filter."""

    application_statuses: tuple[str, ...] = ()
    participation_statuses: tuple[str, ...] = ()
    waves: tuple[int, ...] = ()
    sectors: tuple[int, ...] = ()
    provinces: tuple[int, ...] = ()

    def as_json(self) -> dict[str, list]:
        return {name: list(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Audience":
        return cls(**{name: tuple(data.get(name) or ()) for name in cls.__dataclass_fields__})


def audience(event: Event, chosen: Audience) -> QuerySet:
    """The organizations `chosen` designates at `event`, by primary key, with the fields a
    message needs (names for the language, e-mail, phone)."""
    applications = Application.objects.filter(call__event=event).exclude(
        status=ApplicationStatus.DRAFT
    )
    participations = Participation.objects.filter(event=event)
    if chosen.application_statuses or chosen.participation_statuses:
        applications = applications.filter(status__in=chosen.application_statuses)
        participations = participations.filter(status__in=chosen.participation_statuses)
    if chosen.waves:
        applications = applications.filter(wave_id__in=chosen.waves)
        participations = participations.filter(wave_id__in=chosen.waves)
    organizations = Organization.objects.filter(
        Q(pk__in=applications.values("organization_id"))
        | Q(pk__in=participations.values("organization_id"))
    )
    if chosen.sectors:
        with_sector = Organization.sectors.through.objects.filter(sector_id__in=chosen.sectors)
        organizations = organizations.filter(
            Q(primary_sector_id__in=chosen.sectors)
            | Q(pk__in=with_sector.values("organization_id"))
        )
    if chosen.provinces:
        organizations = organizations.filter(province_id__in=chosen.provinces)
    return organizations.only(*RECIPIENT_FIELDS).order_by("pk")


def candidates(event: Event) -> QuerySet:
    """Every organization a broadcast of `event` may reach (the choices of its filters)."""
    return audience(event, Audience())


@dataclass(frozen=True)
class Recipient:
    """One message of a broadcast: an organization reached on one channel at one address
    (e-mail, SMS) or account (inbox). `user` is the account whose opt-outs apply."""

    organization: Organization
    channel: str
    address: str = ""
    user: User | None = None

    @property
    def key(self) -> str:
        """What names this recipient in the message's idempotency key."""
        if self.channel == Channel.INBOX:
            return str(self.user.pk)
        return self.address.lower()


def _addresses(organization: Organization, users: list[User]) -> list[Recipient]:
    """The organization's e-mail, then its active accounts' e-mails, each once (as
    tadamon.calls.notifications.recipients, with the account an address belongs to)."""
    seen: dict[str, Recipient] = {}
    owners = [(organization.email, None)] + [(user.email, user) for user in users]
    for address, user in owners:
        if address and address.lower() not in seen:
            seen[address.lower()] = Recipient(organization, Channel.EMAIL, address, user)
    return list(seen.values())


def recipients(organizations: Iterable[Organization], channels: Iterable[str]) -> list[Recipient]:
    """The messages a broadcast on `channels` sends to `organizations` (opt-outs not yet
    applied): e-mail to the organization and its active accounts, SMS to the organization's
    phone, the inbox of each active account."""
    channels = set(channels)
    active = User.objects.filter(is_active=True).only(*ACCOUNT_FIELDS).order_by("pk")
    if isinstance(organizations, QuerySet):
        organizations = organizations.prefetch_related(
            Prefetch("users", queryset=active, to_attr="active_users")
        )
    else:
        organizations = list(organizations)
        by_org: dict[int, list[User]] = defaultdict(list)
        for user in active.filter(organization__in=[o.pk for o in organizations]):
            by_org[user.organization_id].append(user)
        for organization in organizations:
            organization.active_users = by_org[organization.pk]
    found: list[Recipient] = []
    for organization in organizations:
        users = organization.active_users
        if Channel.EMAIL in channels:
            found += _addresses(organization, users)
        if Channel.SMS in channels and organization.phone:
            owner = next((user for user in users if user.phone == organization.phone), None)
            found.append(Recipient(organization, Channel.SMS, organization.phone, owner))
        if Channel.INBOX in channels:
            found += [Recipient(organization, Channel.INBOX, user=user) for user in users]
    return found


def without_opt_outs(found: list[Recipient]) -> list[Recipient]:
    """The recipients left once the accounts' opt-outs are honoured."""
    users = {r.user.pk for r in found if r.user is not None}
    refused = set(OptOut.objects.filter(user_id__in=users).values_list("user_id", "channel"))
    return [r for r in found if r.user is None or (r.user.pk, r.channel) not in refused]


@dataclass
class Preview:
    """What a broadcast would send, shown before it is sent."""

    organizations: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_language: dict[str, int] = field(default_factory=dict)
    sms: dict[str, SmsLength] = field(default_factory=dict)

    @property
    def messages(self) -> int:
        return sum(self.by_channel.values())

    @property
    def long_sms(self) -> bool:
        return any(length.segments > 1 for length in self.sms.values())


def preview(
    event: Event, chosen: Audience, *, channels: Iterable[str], texts: Mapping[str, str]
) -> Preview:
    """How many organizations `chosen` reaches, the messages per channel (opt-outs honoured),
    the organizations per language, and the SMS parts of each text written."""
    organizations = list(audience(event, chosen))
    found = without_opt_outs(recipients(organizations, channels))
    result = Preview(organizations=len(organizations))
    for channel in Channel.values:
        if channel in channels:
            result.by_channel[channel] = sum(1 for r in found if r.channel == channel)
    written = {language for language, text in texts.items() if text.strip()}
    for organization in organizations:
        language = language_for(organization)
        if language not in written and written:
            language = next(iter(sorted(written)))
        result.by_language[language] = result.by_language.get(language, 0) + 1
    result.sms = {
        language: sms_length(text.strip()) for language, text in texts.items() if text.strip()
    }
    return result


# The status page.


def broadcasts_of(event: Event) -> QuerySet:
    return Broadcast.objects.filter(event=event).select_related("author")


def messages_of(event: Event) -> QuerySet:
    """Every message about `event`: its broadcasts and its notices."""
    return Message.objects.filter(event=event)


@dataclass
class Delivery:
    """The messages of one broadcast, or of one kind of notice, counted."""

    batch: str
    kind: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    broadcast: Broadcast | None = None
    label: str = ""

    @property
    def total(self) -> int:
        return sum(sum(statuses.values()) for statuses in self.counts.values())

    def status_total(self, status: str) -> int:
        return sum(statuses.get(status, 0) for statuses in self.counts.values())

    @property
    def sent(self) -> int:
        return self.status_total(Status.SENT)

    @property
    def failed(self) -> int:
        return self.status_total(Status.FAILED)

    @property
    def waiting(self) -> int:
        return self.status_total(Status.QUEUED) + self.status_total(Status.SENDING)

    @property
    def channel_rows(self) -> list[tuple[Channel, list[tuple[str, int]]]]:
        """Per channel used, the count of each status, in the order of Status."""
        return [
            (channel, [(status, self.counts[channel][status]) for status in Status.values])
            for channel in Channel
            if channel.value in self.counts
        ]


def deliveries(event: Event) -> list[Delivery]:
    """The event's broadcasts (newest first, with their messages counted per channel and
    status), then its notices grouped by kind."""
    rows = (
        messages_of(event)
        .values("batch", "kind", "channel", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    groups: dict[tuple[str, str], Delivery] = {}
    for row in rows:
        batch = row["batch"] if row["batch"].startswith("broadcast:") else ""
        kind = "" if batch else row["kind"]
        group = groups.setdefault((batch, kind), Delivery(batch=batch, kind=kind))
        statuses = group.counts.setdefault(row["channel"], dict.fromkeys(Status.values, 0))
        statuses[row["status"]] += row["n"]
    result = []
    for broadcast in broadcasts_of(event):
        group = groups.pop((broadcast.batch, ""), None) or Delivery(broadcast.batch, "")
        group.broadcast = broadcast
        result.append(group)
    return result + sorted(groups.values(), key=lambda group: group.kind)


def failed_messages(event: Event) -> QuerySet:
    return (
        messages_of(event)
        .filter(status=Status.FAILED)
        .select_related("user")
        .order_by("created_at", "pk")[:FAILED_SHOWN]
    )


def failed_count(event: Event) -> int:
    return messages_of(event).filter(status=Status.FAILED).count()


def waiting_count(event: Event) -> int:
    """Messages the worker has still to send (queued or being sent)."""
    return messages_of(event).filter(status__in=[Status.QUEUED, Status.SENDING]).count()
