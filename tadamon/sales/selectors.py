"""Reading sales declarations: pending lists, outliers and turnover (SPEC 3H, 5).

Turnover counts only validated declarations that no correction replaced.
"""

from collections import defaultdict
from decimal import Decimal
from statistics import median

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tadamon.events import access as event_access
from tadamon.events.models import Event, Participation
from tadamon.sales import access as sales_access
from tadamon.sales.models import SalesDeclaration

Status = SalesDeclaration.Status
CENTS = Decimal("0.01")
ZERO = Decimal("0.00")
# A day above this many times the exhibitor's own median of its other days is flagged.
OWN_FACTOR = 3
# A day above this many times the sector's median daily amount at the event is flagged.
SECTOR_FACTOR = 5


def declarations_for(*, user, event: Event) -> QuerySet:
    return (
        sales_access.sales_for(user)
        .filter(event=event)
        .select_related("organization", "product", "declared_by", "corrects")
    )


def validated_days(declarations: QuerySet) -> list[str]:
    """The days (ISO) of `declarations` that the organizers have validated."""
    days = declarations.filter(status=SalesDeclaration.Status.VALIDATED).values_list(
        "date", flat=True
    )
    return sorted({day.isoformat() for day in days})


def declaration_for(*, user, pk: int) -> SalesDeclaration:
    """One declaration the user may read, or SalesDeclaration.DoesNotExist."""
    return sales_access.sales_for(user).select_related("event", "organization").get(pk=pk)


def pending(event: Event) -> QuerySet:
    """Declarations waiting for the organizer: pending or queried, not replaced."""
    return (
        SalesDeclaration.objects.filter(
            event=event, superseded=False, status__in=[Status.PENDING, Status.QUERIED]
        )
        .select_related("organization", "organization__primary_sector", "product")
        .order_by("date", "organization__name_fr", "id")
    )


def counted(event: Event) -> QuerySet:
    return SalesDeclaration.objects.filter(event=event, status=Status.VALIDATED, superseded=False)


def in_play(event: Event) -> QuerySet:
    """Declarations still standing, validated or waiting: not rejected, not replaced by a
    correction (what the exhibitor declared)."""
    return SalesDeclaration.objects.filter(event=event, superseded=False).exclude(
        status=Status.REJECTED
    )


def organization_totals(event: Event, organization_id: int, date) -> dict[str, Decimal]:
    """One exhibitor's totals at the event in one query, for the answer to a phone's
    declaration: `validated` and `day_validated` by the turnover's rule (counted(): the
    organizer's turnover page and the exhibitor's sales menu), `declared` and `day_declared`
    by in_play() (validated, pending or queried)."""
    validated = Q(status=Status.VALIDATED)
    on_day = Q(date=date)
    sums = (
        in_play(event)
        .filter(organization_id=organization_id)
        .aggregate(
            declared=Sum("amount_mad"),
            day_declared=Sum("amount_mad", filter=on_day),
            validated=Sum("amount_mad", filter=validated),
            day_validated=Sum("amount_mad", filter=validated & on_day),
        )
    )
    return {key: Decimal(value or ZERO).quantize(CENTS) for key, value in sums.items()}


def _live(event: Event) -> list[SalesDeclaration]:
    # Outliers are judged against every declaration still in play, validated or not.
    return list(in_play(event).select_related("organization"))


def outliers(event: Event) -> dict[int, str]:
    """{declaration id: reason} for the declarations that look out of line."""
    live = _live(event)
    per_org_day: dict[tuple[int, object], Decimal] = defaultdict(Decimal)
    for row in live:
        per_org_day[(row.organization_id, row.date)] += row.amount_mad
    by_sector: dict[int | None, list[Decimal]] = defaultdict(list)
    sector_of = {row.organization_id: row.organization.primary_sector_id for row in live}
    for (org_id, _day), amount in per_org_day.items():
        by_sector[sector_of[org_id]].append(amount)
    reasons: dict[int, str] = {}
    for row in live:
        others = [
            amount
            for (org_id, day), amount in per_org_day.items()
            if org_id == row.organization_id and day != row.date
        ]
        own_median = median(others) if others else None
        sector_amounts = by_sector.get(row.organization.primary_sector_id) or []
        sector_median = median(sector_amounts) if len(sector_amounts) > 1 else None
        if own_median and row.amount_mad > OWN_FACTOR * own_median:
            reasons[row.pk] = _(
                "More than %(factor)s times this exhibitor's median of its other days "
                "(%(median)s MAD)."
            ) % {"factor": OWN_FACTOR, "median": Decimal(own_median).quantize(CENTS)}
        elif sector_median and row.amount_mad > SECTOR_FACTOR * sector_median:
            reasons[row.pk] = _(
                "More than %(factor)s times the sector's median daily amount at this event "
                "(%(median)s MAD)."
            ) % {"factor": SECTOR_FACTOR, "median": Decimal(sector_median).quantize(CENTS)}
    return reasons


def _sum(queryset: QuerySet) -> Decimal:
    total = queryset.aggregate(
        total=Coalesce(Sum("amount_mad"), Value(ZERO), output_field=DecimalField())
    )["total"]
    return Decimal(total).quantize(CENTS)


def total(event: Event) -> Decimal:
    return _sum(counted(event))


def _grouped(event: Event, key: str, name: str) -> list[dict]:
    """Validated turnover per `key`, each row named in the reader's language (`name` is the
    stem of the _ar and _fr fields)."""
    arabic, french = f"{name}_ar", f"{name}_fr"
    in_arabic = (get_language() or "ar")[:2] == "ar"
    rows = (
        counted(event)
        .values(key, arabic, french)
        .annotate(turnover_mad=Sum("amount_mad"))
        .order_by("-turnover_mad", key)
    )
    return [
        {
            "id": row[key],
            "name": (row[arabic] or row[french] if in_arabic else row[french] or row[arabic]) or "",
            "turnover_mad": Decimal(row["turnover_mad"]).quantize(CENTS),
        }
        for row in rows
    ]


def by_wave(event: Event) -> list[dict]:
    waves = dict(
        Participation.objects.filter(event=event).values_list("organization_id", "wave_id")
    )
    labels = {wave.pk: wave.name for wave in event.waves.all()}
    totals: dict[int | None, Decimal] = defaultdict(Decimal)
    for org_id, amount in counted(event).values_list("organization_id", "amount_mad"):
        totals[waves.get(org_id)] += amount
    return [
        {"id": wave_id, "name": labels.get(wave_id, ""), "turnover_mad": amount.quantize(CENTS)}
        for wave_id, amount in sorted(totals.items(), key=lambda item: -item[1])
    ]


def by_day(event: Event) -> list[dict]:
    rows = counted(event).values("date").annotate(turnover_mad=Sum("amount_mad")).order_by("date")
    return [
        {"date": row["date"], "turnover_mad": Decimal(row["turnover_mad"]).quantize(CENTS)}
        for row in rows
    ]


def turnover(event: Event) -> dict:
    """Turnover per exhibitor, sector, region, wave and day, and the event's total."""
    return {
        "event": event.pk,
        "turnover_mad": total(event),
        "pending_count": pending(event).count(),
        "by_organization": _grouped(event, "organization_id", "organization__name"),
        "by_sector": _grouped(
            event, "organization__primary_sector_id", "organization__primary_sector__name"
        ),
        "by_region": _grouped(event, "organization__region_id", "organization__region__name"),
        "by_wave": by_wave(event),
        "by_day": by_day(event),
    }


def report_figures(event: Event) -> dict:
    """The sales figure of the closing report (SPEC 5): validated declarations only; None
    (unknown) when nobody declared anything, since no declaration is not zero sales."""
    if not SalesDeclaration.objects.filter(event=event).exists():
        return {"turnover_mad": None}
    return {"turnover_mad": f"{total(event):.2f}"}


def exhibiting_events_for(user) -> list[Event]:
    """Events where the user's organization is a confirmed exhibitor, newest first, each with
    its validated total (`validated_mad`) and its declarations still to be reviewed
    (`waiting`): the exhibitor's sales menu."""
    if not user.organization_id:
        return []
    exhibiting = Participation.objects.filter(
        organization_id=user.organization_id, status=Participation.Status.CONFIRMED
    ).values("event_id")
    events = list(
        event_access.events_for(user).filter(pk__in=exhibiting).order_by("-start_date", "-pk")
    )
    figures = (
        SalesDeclaration.objects.filter(
            organization_id=user.organization_id,
            superseded=False,
            event_id__in=[event.pk for event in events],
        )
        .values("event_id")
        .annotate(
            validated_mad=Sum("amount_mad", filter=Q(status=Status.VALIDATED)),
            waiting=Count("id", filter=Q(status__in=[Status.PENDING, Status.QUERIED])),
        )
        .order_by()
    )
    by_event = {row["event_id"]: row for row in figures}
    for event in events:
        row = by_event.get(event.pk, {})
        event.validated_mad = Decimal(row.get("validated_mad") or ZERO).quantize(CENTS)
        event.waiting = row.get("waiting", 0)
    return events
