"""Open data: aggregated figures of published events and their exhibitor lists, as CSV,
XLSX or JSON, with every column documented.

Nothing personal is published: no phone, no e-mail, no person's name. Organizations are
named only with their consent, by the public site's rule (registry.models.consents_to_public):
the others count in the events' figures but have no row in an exhibitors' file. Individual
artisans, whose name is a person's, appear as their kind only. Only published events are
exported, whoever asks.
"""

import io
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook

from tadamon.b2b.models import Meeting
from tadamon.core import spreadsheets
from tadamon.events.models import Event, Participation
from tadamon.programme.models import Attendance
from tadamon.registry.models import Person, consents_to_public
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import VisitorCount

INDIVIDUAL_KINDS = frozenset({"artisan"})
Column = tuple[str, Callable[[], str]]


def event_columns() -> list[tuple[str, str]]:
    return [
        ("event", _("Tadamon's id of the event")),
        ("title_ar", _("Title in Arabic")),
        ("title_fr", _("Title in French")),
        ("kind", _("Kind of event (bazaar, mobile_market, regional_exhibition, ...)")),
        ("region", _("Region code of the event")),
        ("province", _("Province or prefecture code")),
        ("city", _("City")),
        ("start_date", _("First day (ISO 8601)")),
        ("end_date", _("Last day (ISO 8601)")),
        ("edition", _("Edition number in its series; empty if none")),
        ("area_m2", _("Area in square metres; empty if unknown")),
        ("exhibitors", _("Organizations with a confirmed participation")),
        ("women_led_exhibitors", _("Of them, organizations led by women")),
        ("visitors", _("Sum of the visitor counts at the gates; empty if none was recorded")),
        ("turnover_mad", _("Sum of the validated sales declarations in MAD; empty if none")),
        ("beneficiaries", _("Distinct people with a recorded attendance; empty without sessions")),
        ("beneficiaries_women", _("Of them, women")),
        ("b2b_meetings", _("B2B meetings scheduled and not cancelled; empty without B2B")),
    ]


def exhibitor_columns() -> list[tuple[str, str]]:
    return [
        ("organization_ar", _("Name in Arabic (individual artisans are not named)")),
        ("organization_fr", _("Name in French (individual artisans are not named)")),
        ("kind", _("Kind of organization (code)")),
        ("region", _("Home region code")),
        ("province", _("Home province code; empty if unknown")),
        ("sector", _("Main sector code; empty if unknown")),
        ("women_led", _("1 if led by women, else 0")),
        ("wave", _("Wave of the event the organization exhibited in; empty if none")),
    ]


def published_events() -> QuerySet:
    return Event.objects.filter(is_published=True).select_related("region", "province")


def _grouped(queryset: QuerySet, value) -> dict[int, Any]:
    return {
        row["event_id"]: row["v"]
        for row in queryset.values("event_id").annotate(v=value).order_by()
    }


def event_rows(events: QuerySet) -> list[dict[str, Any]]:
    """One row per event; a fixed number of grouped queries whatever the number of events."""
    ids = events.order_by().values("pk")
    confirmed = Participation.objects.filter(event__in=ids, status=Participation.Status.CONFIRMED)
    exhibitors = _grouped(confirmed, Count("id"))
    women_led = _grouped(confirmed.filter(organization__women_led=True), Count("id"))
    any_participation = set(
        Participation.objects.filter(event__in=ids).values_list("event_id", flat=True)
    )
    visitors = _grouped(VisitorCount.objects.filter(event__in=ids), Sum("count"))
    declared = set(
        SalesDeclaration.objects.filter(event__in=ids).values_list("event_id", flat=True)
    )
    turnover = _grouped(
        SalesDeclaration.objects.filter(
            event__in=ids, status=SalesDeclaration.Status.VALIDATED, superseded=False
        ),
        Sum("amount_mad"),
    )
    attendance = {
        row["session__event_id"]: row
        for row in Attendance.objects.filter(session__event__in=ids)
        .values("session__event_id")
        .annotate(
            people=Count("person_id", distinct=True),
            women=Count("person_id", distinct=True, filter=Q(person__gender=Person.Gender.FEMALE)),
        )
        .order_by()
    }
    with_sessions = set(
        Event.objects.filter(pk__in=ids, sessions__isnull=False).values_list("pk", flat=True)
    )
    meetings = _grouped(
        Meeting.objects.filter(event__in=ids).exclude(status=Meeting.Status.CANCELLED), Count("id")
    )
    with_b2b = set(
        Event.objects.filter(pk__in=ids)
        .filter(Q(b2b_sessions__isnull=False) | Q(b2b_participants__isnull=False))
        .values_list("pk", flat=True)
    )
    rows = []
    for event in events.order_by("-start_date", "pk"):
        known = event.pk in any_participation
        people = attendance.get(event.pk, {})
        rows.append(
            {
                "event": event.pk,
                "title_ar": event.title_ar,
                "title_fr": event.title_fr,
                "kind": event.kind,
                "region": event.region.code,
                "province": event.province.code if event.province_id else None,
                "city": event.city,
                "start_date": event.start_date.isoformat(),
                "end_date": event.end_date.isoformat(),
                "edition": event.edition,
                "area_m2": event.area_m2,
                "exhibitors": exhibitors.get(event.pk, 0) if known else None,
                "women_led_exhibitors": women_led.get(event.pk, 0) if known else None,
                "visitors": visitors.get(event.pk),
                "turnover_mad": f"{Decimal(turnover.get(event.pk) or 0):.2f}"
                if event.pk in declared
                else None,
                "beneficiaries": people.get("people", 0) if event.pk in with_sessions else None,
                "beneficiaries_women": people.get("women", 0)
                if event.pk in with_sessions
                else None,
                "b2b_meetings": meetings.get(event.pk, 0) if event.pk in with_b2b else None,
            }
        )
    return rows


def exhibitor_rows(event: Event) -> list[dict[str, Any]]:
    """The confirmed exhibitors that agreed to appear in public, as the event's public page."""
    participations = (
        Participation.objects.filter(
            consents_to_public("organization__"),
            event=event,
            status=Participation.Status.CONFIRMED,
        )
        .select_related(
            "organization__kind",
            "organization__region",
            "organization__province",
            "organization__primary_sector",
            "wave",
        )
        .order_by("organization__name_fr", "organization__name_ar", "pk")
    )
    rows = []
    for participation in participations:
        organization = participation.organization
        individual = organization.kind.code in INDIVIDUAL_KINDS
        rows.append(
            {
                "organization_ar": organization.kind.name_ar
                if individual
                else organization.name_ar,
                "organization_fr": organization.kind.name_fr
                if individual
                else organization.name_fr,
                "kind": organization.kind.code,
                "region": organization.region.code,
                "province": organization.province.code if organization.province_id else None,
                "sector": organization.primary_sector.code
                if organization.primary_sector_id
                else None,
                "women_led": 1 if organization.women_led else 0,
                "wave": participation.wave.label if participation.wave_id else None,
            }
        )
    return rows


def _table(columns: list[tuple[str, str]], rows: Iterable[dict[str, Any]]) -> list[list[Any]]:
    names = [name for name, _meaning in columns]
    return [names, *([row[name] for name in names] for row in rows)]


def as_csv(columns: list[tuple[str, str]], rows: Iterable[dict[str, Any]]) -> bytes:
    return spreadsheets.csv_bytes(_table(columns, rows))


def as_xlsx(columns: list[tuple[str, str]], rows: Iterable[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for values in _table(columns, rows):
        spreadsheets.append_row(sheet, values)
    about = book.create_sheet("columns")
    spreadsheets.append_row(about, ["column", "meaning"])
    for name, meaning in columns:
        spreadsheets.append_row(about, [name, str(meaning)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_json(columns: list[tuple[str, str]], rows: Iterable[dict[str, Any]]) -> bytes:
    document = {
        "columns": [{"name": name, "meaning": str(meaning)} for name, meaning in columns],
        "rows": list(rows),
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


FORMATS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (as_json, "application/json"),
}
