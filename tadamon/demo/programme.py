"""The programme part of the demonstration data (SPEC section 1, capability E): sessions of
E2, E4 and E5 with their trainers, registrations and attendance.

- E5 reproduces its article: 298 beneficiaries from 21 associations and cooperatives of the
  province of Azilal, trained in the five rural communes it names, among them 30 women in
  Aït Oumdis (the article's Ait Amdis). A beneficiary's commune is the commune where they
  were trained, and they attend only the sessions held there.
- E2 and E4: the articles list the subjects of the trainings, workshops and seminars but give
  neither a schedule nor a head count. Both are invented here: a few tens of members of the
  events' own exhibitors (E2_SENDERS, E4_SENDERS), and E4's closing ceremony on its last day.

Beneficiaries are new people, members of the organizations that send them. Rows are written
in bulk, as the registry is (registry.py): values are valid by construction, `search_text` is
computed as `Person.save` computes it, and each event gets one audit entry.

A small registry (`load_demo --organizations 40`) gives a smaller E5 rather than more
organizations, as it gives smaller events (events.py). Only a full-size registry is topped
up, with invented associations and cooperatives of the five communes, when a seed leaves
Azilal with fewer than 21 of them.
"""

import math
import random
import re
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet
from django.utils import timezone

from tadamon.accounts.models import Role, User
from tadamon.core import audit
from tadamon.core.text import search_document
from tadamon.demo import audit_types, names  # noqa: F401  (audit_types declares the actions)
from tadamon.demo.events import DemoEvents
from tadamon.demo.inventor import (
    AGE_BAND_WEIGHTS,
    AZILAL_TRAINING_COMMUNES,
    Invented,
    Inventor,
    References,
)
from tadamon.demo.programme_specs import (
    CEREMONY,
    DEMO_TRAINER,
    E2_SENDERS,
    E2_SESSIONS,
    E4_SENDERS,
    E4_SESSIONS,
    E5_BENEFICIARIES,
    E5_KINDS,
    E5_ORGANIZATIONS,
    E5_QUOTAS,
    E5_ROOM,
    E5_THEMES,
    E5_WOMEN,
    E5_WOMEN_COMMUNE,
    MAN,
    MEMBER_KINDS,
    MEMBERS_SENT,
    NO_SHOW_ODDS,
    SESSIONS_ATTENDED,
    TRAINERS,
    TRAINING,
    WOMAN,
    SessionSpec,
)
from tadamon.demo.registry import DEFAULT_ORGANIZATIONS, DemoRegistry, _write
from tadamon.demo.users import DEMO_PASSWORD
from tadamon.events.models import Event, Participation
from tadamon.programme.models import Attendance, Registration, Session, Topic
from tadamon.programme.selectors.beneficiaries import report_figures
from tadamon.registry.models import Commune, Organization, Person, Province


@dataclass
class DemoProgramme:
    """What `build_programme` created."""

    events: dict[str, Event]
    """The events given a programme, by key."""
    sessions: dict[str, list[Session]]
    trainers: list[User]
    """The trainer accounts created here (build_users' "trainer" is reused, not listed)."""
    people: int = 0
    organizations_added: list[Organization] = field(default_factory=list)
    """Associations and cooperatives invented to give E5 its 21 (a full-size registry only)."""


@dataclass
class _Plan:
    """One event's sessions and beneficiaries, unsaved, with who registers for what."""

    key: str
    event: Event
    sessions: list[Session]
    specs: dict[int, SessionSpec]
    """By id() of the session: what it was made from (its topics and trainer)."""
    people: list[Person] = field(default_factory=list)
    seats: list[tuple[Person, Session, bool]] = field(default_factory=list)
    """(person, session, attended): a registration, with its check-in when attended."""


def build_programme(
    rng: random.Random,
    registry: DemoRegistry,
    events: DemoEvents,
    *,
    actor,
    top_up: bool | None = None,
) -> DemoProgramme:
    """Create the sessions of E2, E4 and E5 with trainers, registrations and attendance.

    `actor` is the platform administrator on whose behalf everything is recorded. `top_up`
    invents organizations when Azilal has fewer than E5's 21; by default only for a
    full-size registry (DEFAULT_ORGANIZATIONS or more).
    """
    if top_up is None:
        top_up = len(registry.organizations) >= DEFAULT_ORGANIZATIONS
    return _Builder(rng, registry, events, actor, top_up=top_up).build()


class _Builder:
    def __init__(
        self,
        rng: random.Random,
        registry: DemoRegistry,
        events: DemoEvents,
        actor,
        *,
        top_up: bool,
    ) -> None:
        self.rng = rng
        self.registry = registry
        self.events = events
        self.actor = actor if getattr(actor, "pk", None) else None
        self.top_up = top_up
        self.topics = {topic.code: topic for topic in Topic.objects.all()}
        # By username; DEMO_TRAINER is build_users' account, or a stand-in without it.
        self.trainers: dict[str, User] = {}
        self.added: list[Organization] = []

    def build(self) -> DemoProgramme:
        created, self.trainers = self._trainers()
        plans = [self._e2(), self._e4(), self._e5()]
        for plan in plans:
            self._write(plan)
        return DemoProgramme(
            events={plan.key: plan.event for plan in plans},
            sessions={plan.key: plan.sessions for plan in plans},
            trainers=created,
            people=sum(len(plan.people) for plan in plans),
            organizations_added=self.added,
        )

    # -- trainers --------------------------------------------------------------------------
    def _trainers(self) -> tuple[list[User], dict[str, User]]:
        existing = User.objects.filter(username=DEMO_TRAINER, role=Role.TRAINER).first()
        # The demo password, hashed once: copying the existing hash saves a slow hashing.
        password = existing.password if existing else make_password(DEMO_PASSWORD)
        created = []
        for spec in TRAINERS:
            user = User(
                username=spec.username,
                email=f"{spec.username}@tadamon.example.org",
                first_name=spec.first_name,
                last_name=spec.last_name,
                role=Role.TRAINER,
                organization=self.registry.organizers.get(spec.organizer or ""),
                password=password,
            )
            user.full_clean()
            user.save()
            audit.record(
                actor=self.actor, action="accounts.user.created", obj=user,
                data={"role": user.role, "source": "demo"},
            )  # fmt: skip
            created.append(user)
        by_name = {user.username: user for user in created}
        by_name[DEMO_TRAINER] = existing or by_name["trainer_digital"]
        return created, by_name

    # -- sessions ----------------------------------------------------------------------------
    def _sessions(self, key: str, specs: Sequence[SessionSpec]) -> _Plan:
        event = self.events.events[key]
        communes = _communes(event, {spec.commune for spec in specs if spec.commune})
        sessions, made_from = [], {}
        for spec in specs:
            day = event.start_date + timedelta(days=spec.day)
            commune = communes.get(spec.commune)
            session = Session(
                event=event,
                kind=spec.kind,
                title_ar=spec.title_ar,
                title_fr=spec.title_fr,
                room=spec.room,
                commune=commune,
                commune_name=commune.name_fr if commune else spec.commune,
                starts_at=timezone.make_aware(datetime.combine(day, spec.start)),
                ends_at=timezone.make_aware(datetime.combine(day, spec.end)),
            )
            sessions.append(session)
            made_from[id(session)] = spec
        return _Plan(key, event, sessions, made_from)

    def _trainer_of(self, plan: _Plan, session: Session) -> User | None:
        username = plan.specs[id(session)].trainer
        return self.trainers[username] if username else None

    # -- people ------------------------------------------------------------------------------
    def _members(self, organization: Organization, count: int, **where) -> list[Person]:
        """`count` new members of `organization`, women in the proportion of its members."""
        share = organization.women_members / organization.members if organization.members else 0.5
        women = min(count, round(count * share))
        genders = [WOMAN] * women + [MAN] * (count - women)
        self.rng.shuffle(genders)
        return [self._person(organization, gender, **where) for gender in genders]

    def _person(
        self, organization: Organization, gender: str, *, commune: Commune | None, name: str
    ) -> Person:
        rng = self.rng
        first = names.FEMALE_FIRST_NAMES if gender == WOMAN else names.MALE_FIRST_NAMES
        script = 1 if rng.random() < 0.3 else 0  # Arabic mostly, some in Latin letters
        person = Person(
            first_name=rng.choice(first)[script],
            last_name=rng.choice(names.FAMILY_NAMES)[script],
            gender=gender,
            age_band=names.weighted_choice(rng, AGE_BAND_WEIGHTS),
            phone=names.mobile_phone(rng) if rng.random() < 0.6 else "",
            organization=organization,
            commune=commune,
            commune_name=commune.name_fr if commune else name,
        )
        person.search_text = search_document(person.first_name, person.last_name)
        return person

    def _seat(self, plan: _Plan, person: Person, choices: Sequence[Session]) -> None:
        """`person` attends 1–3 of `choices`, sometimes registered for one more they miss."""
        rng = self.rng
        wanted = rng.choices(list(SESSIONS_ATTENDED), weights=list(SESSIONS_ATTENDED.values()))
        attended = rng.sample(list(choices), min(wanted[0], len(choices)))
        missed = [session for session in choices if session not in attended]
        plan.people.append(person)
        plan.seats += [(person, session, True) for session in attended]
        if missed and rng.random() < NO_SHOW_ODDS:
            plan.seats.append((person, rng.choice(missed), False))

    # -- E2 and E4: members of the exhibitors -----------------------------------------------
    def _e2(self) -> _Plan:
        plan = self._sessions("E2", E2_SESSIONS)
        self._exhibitors_attend(plan, senders=E2_SENDERS)
        return plan

    def _e4(self) -> _Plan:
        plan = self._sessions("E4", E4_SESSIONS)
        self._exhibitors_attend(plan, senders=E4_SENDERS)
        return plan

    def _exhibitors_attend(self, plan: _Plan, *, senders: int) -> None:
        exhibitors = list(
            Organization.objects.filter(
                participations__event=plan.event,
                participations__status=Participation.Status.CONFIRMED,
                kind__code__in=MEMBER_KINDS,
            )
            .select_related("commune")
            .order_by("pk")
        )
        chosen = self.rng.sample(exhibitors, min(senders, len(exhibitors)))
        sessions = [s for s in plan.sessions if s.kind != CEREMONY]
        ceremonies = [s for s in plan.sessions if s.kind == CEREMONY]
        for organization in chosen:
            where = {"commune": organization.commune, "name": organization.commune_name}
            members = self._members(organization, self.rng.choice(MEMBERS_SENT), **where)
            for person in members:
                self._seat(plan, person, sessions)
            # One representative of each takes the organization's certificate at the ceremony.
            plan.seats += [(members[0], ceremony, True) for ceremony in ceremonies]

    # -- E5: the Azilal training programme ---------------------------------------------------
    def _e5(self) -> _Plan:
        event = self.events.events["E5"]
        communes = _communes(event, set(AZILAL_TRAINING_COMMUNES))
        plan = self._sessions("E5", _e5_specs((event.end_date - event.start_date).days, communes))
        organizations = self._e5_organizations(event, communes)
        for name, people in self._e5_people(organizations).items():
            local = [s for s in plan.sessions if s.commune_name == name]
            for organization, count, women_only in people:
                where = {"commune": communes[name], "name": name}
                if women_only:
                    members = [self._person(organization, WOMAN, **where) for _ in range(count)]
                else:
                    members = self._members(organization, count, **where)
                for person in members:
                    self._seat(plan, person, local)
        return plan

    def _e5_organizations(
        self, event: Event, communes: dict[str, Commune | None]
    ) -> dict[str, list[Organization]]:
        """Up to 21 associations and cooperatives of the province, by the commune where their
        members are trained: first those of the five communes, then the province's others."""
        rng = self.rng
        by_pk = {commune.pk: name for name, commune in communes.items() if commune}
        pools: dict[str, list[Organization]] = {name: [] for name in AZILAL_TRAINING_COMMUNES}
        elsewhere = []
        for organization in self.registry.organizations:
            if organization.province_id != event.province_id:
                continue
            if organization.kind.code not in E5_KINDS:
                continue
            name = by_pk.get(organization.commune_id)
            (pools[name] if name else elsewhere).append(organization)
        for pool in pools.values():
            rng.shuffle(pool)
        # Aït Oumdis sends only women: its women's organizations first.
        pools[E5_WOMEN_COMMUNE].sort(key=lambda o: -o.women_members)
        chosen = {name: pool[: E5_QUOTAS[name]] for name, pool in pools.items()}
        spare = {name: pool[E5_QUOTAS[name] :] for name, pool in pools.items()}

        def neediest(candidates: list[str]) -> str:
            return min(candidates, key=lambda name: len(chosen[name]) - E5_QUOTAS[name])

        def missing() -> int:
            return E5_ORGANIZATIONS - sum(len(found) for found in chosen.values())

        while missing() > 0:
            open_ = [n for n in spare if spare[n] and n != E5_WOMEN_COMMUNE]
            open_ = open_ or [n for n in spare if spare[n]]
            if not open_:
                break
            name = neediest(open_)
            chosen[name].append(spare[name].pop(0))
        rng.shuffle(elsewhere)
        mixed = [name for name in chosen if name != E5_WOMEN_COMMUNE]
        while missing() > 0 and elsewhere:
            chosen[neediest(mixed)].append(elsewhere.pop())
        if missing() > 0 and self.top_up:
            here = [name for name in chosen if communes[name] is not None]
            wanted: list[str] = []
            while here and len(wanted) < missing():
                wanted.append(
                    min(here, key=lambda n: len(chosen[n]) + wanted.count(n) - E5_QUOTAS[n])
                )
            for name, organization in zip(wanted, self._invent(communes, wanted), strict=True):
                chosen[name].append(organization)
        return chosen

    def _e5_people(
        self, organizations: dict[str, list[Organization]]
    ) -> dict[str, list[tuple[Organization, int, bool]]]:
        """How many people each organization sends, by commune, and whether only women.

        298 in all for 21 organizations (in proportion for fewer); 30 of them, all women,
        from Aït Oumdis; the others shared between the communes as E5_QUOTAS are, then within
        a commune as its organizations' members are. Nobody sends more people than it has
        members (women members, from Aït Oumdis) while another still can.
        """
        count = sum(len(found) for found in organizations.values())
        total = round(E5_BENEFICIARIES * count / E5_ORGANIZATIONS)
        mixed = [n for n, found in organizations.items() if found and n != E5_WOMEN_COMMUNE]
        per_commune: dict[str, int] = {}
        if organizations[E5_WOMEN_COMMUNE]:
            women = round(E5_WOMEN * count / E5_ORGANIZATIONS)
            per_commune[E5_WOMEN_COMMUNE] = women if mixed else total
        rest = total - per_commune.get(E5_WOMEN_COMMUNE, 0)
        sizes = [sum(o.members for o in organizations[name]) for name in mixed]
        shares = _apportion(rest, [E5_QUOTAS[name] for name in mixed], sizes)
        per_commune.update(zip(mixed, shares, strict=True))
        people: dict[str, list[tuple[Organization, int, bool]]] = {}
        for name, found in organizations.items():
            women_only = name == E5_WOMEN_COMMUNE
            members = [o.women_members if women_only else o.members for o in found]
            # At least one each, even in a registry too small for the proportions.
            shares = _apportion(max(per_commune.get(name, 0), len(found)), members, members)
            people[name] = [
                (organization, share, women_only)
                for organization, share in zip(found, shares, strict=True)
            ]
        return people

    def _invent(self, communes: dict[str, Commune | None], wanted: list[str]) -> list[Organization]:
        """Associations and cooperatives in the `wanted` communes, written as build_registry
        writes its own (search columns, sectors, products, people, audit entries)."""
        if not wanted:
            return []
        inventor = _CommuneInventor(
            self.rng, References(), lender=self.registry.organizers["m6_centre"]
        )
        inventor.continue_after(Organization.objects.all())
        invented = [inventor.invent_in(communes[name], E5_KINDS) for name in wanted]
        _write(invented, actor=self.actor)
        organizations = [item.organization for item in invented]
        self.registry.organizations.extend(organizations)
        self.registry.people += sum(len(item.people) for item in invented)
        self.registry.products += sum(len(item.products) for item in invented)
        self.added += organizations
        return organizations

    # -- rows --------------------------------------------------------------------------------
    def _write(self, plan: _Plan) -> None:
        rng = self.rng
        taken = Counter(id(session) for _, session, _ in plan.seats)
        for session in plan.sessions:
            if session.kind != CEREMONY:
                # Room for everyone registered, rounded up to the next ten.
                session.capacity = 10 * math.ceil((taken[id(session)] + 1) / 10)
        Session.objects.bulk_create(plan.sessions)
        Session.topics.through.objects.bulk_create(
            Session.topics.through(session_id=session.pk, topic_id=self.topics[code].pk)
            for session in plan.sessions
            for code in plan.specs[id(session)].topics
        )
        trainers = {id(session): self._trainer_of(plan, session) for session in plan.sessions}
        Session.trainers.through.objects.bulk_create(
            Session.trainers.through(session_id=session.pk, user_id=trainers[id(session)].pk)
            for session in plan.sessions
            if trainers[id(session)] is not None
        )
        Person.objects.bulk_create(plan.people, batch_size=1000)
        Registration.objects.bulk_create(
            [
                Registration(
                    session=session,
                    person=person,
                    code=uuid.UUID(int=rng.getrandbits(128), version=4),
                    registered_by=self.actor,
                )
                for person, session, _ in plan.seats
            ],
            batch_size=1000,
        )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    session=session,
                    person=person,
                    checked_in_at=_check_in_time(rng, session),
                    checked_in_by=trainers[id(session)] or self.actor,
                )
                for person, session, attended in plan.seats
                if attended
            ],
            batch_size=1000,
        )
        audit.record(
            actor=self.actor,
            action="demo.programme.created",
            obj=plan.event,
            data={
                "source": "demo",
                "key": plan.key,
                "sessions": len(plan.sessions),
                "people": len(plan.people),
                "registrations": len(plan.seats),
                "attendances": sum(1 for *_, attended in plan.seats if attended),
            },
        )


class _CommuneInventor(Inventor):
    """The registry's Inventor, made to invent organizations of one given commune."""

    commune: Commune

    def continue_after(self, organizations: QuerySet[Organization]) -> None:
        """Never repeat a name or a registration number the database already holds."""
        serials = [0]
        for name_ar, name_fr, number in organizations.values_list(
            "name_ar", "name_fr", "registration_number"
        ):
            self.names_ar.add(name_ar)
            self.names_fr.add(name_fr)
            digits = re.search(r"(\d+)$", number)
            serials.append(int(digits.group(1)) if digits else 0)
        self.registration_serial = max(self.registration_serial, *serials)

    def invent_in(self, commune: Commune, kinds: frozenset[str]) -> Invented:
        self.commune = commune
        while True:  # the Inventor draws the kind: five draws in six give one of these
            item = self._random(commune.province.region.code)
            if item.organization.kind.code in kinds:
                return item

    def _pick_province(self, region_code: str) -> Province:
        return self.commune.province

    def _pick_commune(self, province: Province) -> Commune:
        return self.commune


def _communes(event: Event, wanted: set[str]) -> dict[str, Commune | None]:
    """The reference communes of the event's province named `wanted` (None if unknown)."""
    found: dict[str, Commune] = {}
    if event.province_id and wanted:
        communes = Commune.objects.filter(province_id=event.province_id, name_fr__in=wanted)
        found = {c.name_fr: c for c in communes.select_related("province__region")}
    return {name: found.get(name) for name in sorted(wanted)}


def _e5_specs(span_days: int, communes: dict[str, Commune | None]) -> list[SessionSpec]:
    """One full day per theme in each commune, the communes one after another, from the
    programme's first day to its last (26 September – 15 October)."""
    themes, count = len(E5_THEMES), len(AZILAL_TRAINING_COMMUNES)
    specs = []
    for index, name in enumerate(AZILAL_TRAINING_COMMUNES):
        first = round(index * (span_days - themes + 1) / max(1, count - 1))
        commune = communes.get(name)
        name_ar = commune.name_ar if commune and commune.name_ar else name
        specs += [
            SessionSpec(
                first + offset, TRAINING, f"{theme.title_ar} — {name_ar}",
                f"{theme.title_fr} — {name}", theme.topics, time(9), time(16), theme.trainer,
                E5_ROOM, name,
            )
            for offset, theme in enumerate(E5_THEMES)
        ]  # fmt: skip
    return specs


def _apportion(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """`total` split in proportion to the weights by highest averages (D'Hondt), at least 1
    each, none beyond its cap while another still has room."""
    if not weights:
        return []
    shares = [1] * len(weights)
    for _ in range(total - len(weights)):
        room = [i for i in range(len(weights)) if shares[i] < caps[i]] or range(len(weights))
        best = max(room, key=lambda i: max(weights[i], 1) / (shares[i] + 1))
        shares[best] += 1
    return shares


def _check_in_time(rng: random.Random, session: Session) -> datetime:
    """Arrival within the session's first 40 minutes (or its first half, if shorter)."""
    length = int((session.ends_at - session.starts_at).total_seconds() // 60)
    return session.starts_at + timedelta(minutes=rng.randrange(min(40, max(1, length // 2))))


@dataclass(frozen=True)
class ProgrammeLine:
    """One event in the closing lines of `load_demo`, as its closing report counts it."""

    key: str
    sessions: dict[str, int]
    beneficiaries: int
    women: int
    organizations: int
    communes: int
    attendances: int


def summarize_programme(programme: DemoProgramme) -> list[ProgrammeLine]:
    lines = []
    for key, event in programme.events.items():
        figures = report_figures(event)
        lines.append(
            ProgrammeLine(
                key=key,
                sessions={kind: n for kind, n in figures["sessions"].items() if n},
                beneficiaries=figures["beneficiaries"],
                women=figures["beneficiaries_women"],
                organizations=figures["beneficiary_organizations"],
                communes=figures["communes"],
                attendances=Attendance.objects.filter(session__event=event).count(),
            )
        )
    return lines
