"""The beneficiary figures of an event or training programme (SPEC section 5), computed from
recorded attendance, never typed in.

Definitions:
- a beneficiary is a distinct person with at least one recorded attendance at a session of
  the event; ``beneficiaries_women`` are those of them recorded as women;
- ``beneficiary_organizations`` counts the distinct organizations of those people (people
  without an organization count for none);
- a beneficiary's commune is the commune of their registry entry (the reference commune
  when linked, else the name as typed, compared after Arabic-aware normalisation), else the
  commune of the first session they attended; ``communes`` counts the distinct ones;
- a session is *held* once it has started or has any attendance; ``sessions`` counts them
  by kind (every kind is listed, with 0 when none).

Each commune's row counts its beneficiaries, and of them the women and the men (the others
have no gender recorded). ``by_session_commune`` counts instead where the sessions took
place: a person trained in two communes counts once in each (E5's "30 women beneficiaries
in Ait Amdis").
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from tadamon.core.text import normalize
from tadamon.events.models import Event
from tadamon.programme.models import Attendance, Session, SessionKind, Topic
from tadamon.registry.models import Commune, Organization, Person

WOMAN = Person.Gender.FEMALE
MAN = Person.Gender.MALE
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")

# A commune is keyed by its reference row ("id", pk) or by its typed name ("name", folded).
CommuneKey = tuple[str, Any]


def sessions_held(event: Event) -> dict[str, int]:
    """Sessions held by kind (SPEC 5 ``sessions``)."""
    held = event.sessions.filter(
        Q(starts_at__lte=timezone.now()) | Q(attendances__isnull=False)
    ).values("pk")
    counts = dict(
        Session.objects.filter(pk__in=held).values_list("kind").annotate(n=Count("id")).order_by()
    )
    return {kind: counts.get(kind, 0) for kind in SessionKind.values}


def _commune_key(commune_id: int | None, name: str) -> CommuneKey | None:
    if commune_id:
        return ("id", commune_id)
    folded = normalize(name)
    return ("name", folded) if folded else None


def _attended(event: Event) -> list[dict[str, Any]]:
    """One row per attendance: who, and where the session took place."""
    return list(
        Attendance.objects.filter(session__event=event)
        .order_by("session__starts_at", "session_id")
        .values(
            "person_id",
            "person__gender",
            "person__age_band",
            "person__organization_id",
            "person__commune_id",
            "person__commune_name",
            "session__commune_id",
            "session__commune_name",
        )
    )


def _people_communes(rows: Iterable[dict[str, Any]]) -> tuple[dict[int, CommuneKey], dict]:
    """Each beneficiary's commune, and the label typed for each name-keyed commune."""
    communes: dict[int, CommuneKey | None] = {}
    typed: dict[CommuneKey, str] = {}
    for row in rows:  # in session order: the first session decides for people without one
        person = row["person_id"]
        own = _commune_key(row["person__commune_id"], row["person__commune_name"])
        if own is not None:
            communes[person] = own
            typed.setdefault(own, row["person__commune_name"])
            continue
        if communes.get(person) is None:
            where = _commune_key(row["session__commune_id"], row["session__commune_name"])
            communes[person] = where
            if where is not None:
                typed.setdefault(where, row["session__commune_name"])
    return {person: key for person, key in communes.items() if key is not None}, typed


def _commune_rows(
    people_by_key: dict[CommuneKey, set[int]],
    women: set[int],
    typed: dict[CommuneKey, str],
    men: set[int] = frozenset(),
) -> list[dict[str, Any]]:
    references = Commune.objects.in_bulk([value for kind, value in people_by_key if kind == "id"])
    rows = []
    for key, people in people_by_key.items():
        kind, value = key
        if kind == "id" and value in references:
            commune = references[value]
            names = {"name": commune.name, "name_ar": commune.name_ar, "name_fr": commune.name_fr}
        else:
            label = typed.get(key, str(value))
            arabic = bool(_ARABIC_LETTER.search(label))
            names = {
                "name": label,
                "name_ar": label if arabic else "",
                "name_fr": "" if arabic else label,
            }
        rows.append(
            {
                "id": value if kind == "id" else None,
                **names,
                "beneficiaries": len(people),
                "women": len(people & women),
                "men": len(people & men),
            }
        )
    return sorted(rows, key=lambda row: (-row["beneficiaries"], row["name"]))


def _organization_rows(organizations: dict[int | None, set[int]], women: set[int]) -> list:
    found = Organization.objects.in_bulk([pk for pk in organizations if pk is not None])
    rows = []
    for pk, people in organizations.items():
        organization = found.get(pk)
        rows.append(
            {
                "id": pk,
                "name": str(organization) if organization else "",
                "name_ar": organization.name_ar if organization else "",
                "name_fr": organization.name_fr if organization else "",
                "beneficiaries": len(people),
                "women": len(people & women),
            }
        )
    return sorted(rows, key=lambda row: (row["id"] is None, -row["beneficiaries"], row["name"]))


def _topic_rows(event: Event) -> list[dict[str, Any]]:
    counts = (
        Attendance.objects.filter(session__event=event, session__topics__isnull=False)
        .values("session__topics")
        .annotate(
            people=Count("person", distinct=True),
            women=Count("person", distinct=True, filter=Q(person__gender=WOMAN)),
        )
        .order_by()
    )
    topics = Topic.objects.in_bulk([row["session__topics"] for row in counts])
    rows = [
        {
            "code": topics[row["session__topics"]].code,
            "name": topics[row["session__topics"]].name,
            "name_ar": topics[row["session__topics"]].name_ar,
            "name_fr": topics[row["session__topics"]].name_fr,
            "beneficiaries": row["people"],
            "women": row["women"],
        }
        for row in counts
    ]
    return sorted(rows, key=lambda row: (-row["beneficiaries"], row["code"]))


def _choice_rows(counter: Counter, choices: list[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = [
        {"code": code, "label": str(label), "beneficiaries": counter[code]}
        for code, label in choices
        if counter[code]
    ]
    if counter[""]:
        rows.append({"code": "", "label": "", "beneficiaries": counter[""]})
    return rows


def event_beneficiaries(event: Event) -> dict[str, Any]:
    """The SPEC 5 programme figures of `event` and their breakdowns. Callers check that the
    user may read them (event_access.can_read_beneficiaries)."""
    rows = _attended(event)
    people: dict[int, dict[str, Any]] = {}
    by_session_commune: dict[CommuneKey, set[int]] = defaultdict(set)
    session_typed: dict[CommuneKey, str] = {}
    for row in rows:
        people.setdefault(row["person_id"], row)
        where = _commune_key(row["session__commune_id"], row["session__commune_name"])
        if where is not None:
            by_session_commune[where].add(row["person_id"])
            session_typed.setdefault(where, row["session__commune_name"])
    women = {pk for pk, row in people.items() if row["person__gender"] == WOMAN}
    men = {pk for pk, row in people.items() if row["person__gender"] == MAN}

    communes, typed = _people_communes(rows)
    by_commune: dict[CommuneKey, set[int]] = defaultdict(set)
    for person, key in communes.items():
        by_commune[key].add(person)
    organizations: dict[int | None, set[int]] = defaultdict(set)
    for pk, row in people.items():
        organizations[row["person__organization_id"]].add(pk)

    held = sessions_held(event)
    return {
        "event": event.pk,
        "sessions": held,
        "sessions_held": sum(held.values()),
        "beneficiaries": len(people),
        "beneficiaries_women": len(women),
        "beneficiary_organizations": len([pk for pk in organizations if pk is not None]),
        "communes": len(by_commune),
        "by_gender": _choice_rows(
            Counter(row["person__gender"] for row in people.values()), Person.Gender.choices
        ),
        "by_age_band": _choice_rows(
            Counter(row["person__age_band"] for row in people.values()), Person.AgeBand.choices
        ),
        "by_organization": _organization_rows(organizations, women),
        "by_commune": _commune_rows(by_commune, women, typed, men),
        "by_session_commune": _commune_rows(by_session_commune, women, session_typed, men),
        "by_topic": _topic_rows(event),
    }


REPORT_KEYS = (
    "sessions",
    "beneficiaries",
    "beneficiaries_women",
    "beneficiary_organizations",
    "communes",
)


def report_figures(event: Event) -> dict[str, Any]:
    """Just the keys the closing report (SPEC 5) publishes. Without any session the
    beneficiary figures are unknown (None), not zero; `sessions` still lists every kind."""
    if not event.sessions.exists():
        return {"sessions": dict.fromkeys(SessionKind.values, 0)} | {
            key: None for key in REPORT_KEYS if key != "sessions"
        }
    figures = event_beneficiaries(event)
    return {key: figures[key] for key in REPORT_KEYS}
