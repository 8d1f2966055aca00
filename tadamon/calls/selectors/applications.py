"""Queries on calls and applications. Everything a user sees goes through events.access:
managers see the applications of their events, a reviewer those assigned to them, an
exhibitor its own organization's."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from tadamon.calls import access as call_access
from tadamon.calls.models import Application, Call
from tadamon.calls.models import ApplicationStatus as S
from tadamon.events import access as event_access
from tadamon.events.models import Event

ORDERINGS = {
    "score": [F("score").desc(nulls_last=True), "submitted_at", "pk"],
    "submitted": [F("submitted_at").asc(nulls_last=True), "pk"],
    "name": ["organization__name_ar", "organization__name_fr", "pk"],
    "status": ["status", F("score").desc(nulls_last=True), "pk"],
}


def visible_event(*, user, pk: int) -> Event:
    """An event the user may see, or Event.DoesNotExist."""
    return event_access.events_for(user).get(pk=pk)


def managed_event(*, user, pk: int) -> Event:
    """An event the user manages, or Event.DoesNotExist."""
    return event_access.managed_events_for(user).get(pk=pk)


def call_of(event: Event) -> Call | None:
    return (
        Call.objects.filter(event=event)
        .prefetch_related("eligible_kinds", "eligible_regions", "eligible_sectors", "criteria")
        .first()
    )


def _base(user) -> QuerySet:
    return call_access.applications_for(user).select_related(
        "organization__kind",
        "organization__region",
        "organization__province",
        "organization__primary_sector",
        "call__event",
        "wave",
    )


def application_list(
    *,
    user,
    call: Call,
    status: str = "",
    wave: int | None = None,
    region: str = "",
    women_led: bool | None = None,
    ordering: str = "score",
) -> QuerySet:
    """The applications of `call` that `user` may see, filtered; `wave` filters on the
    waves the applicants can attend."""
    queryset = _base(user).filter(call=call)
    if status:
        queryset = queryset.filter(status=status)
    if wave:
        queryset = queryset.filter(wave_preferences__pk=wave)
    if region:
        queryset = queryset.filter(organization__region__code=region)
    if women_led is not None:
        queryset = queryset.filter(organization__women_led=women_led)
    return queryset.order_by(*ORDERINGS.get(ordering, ORDERINGS["score"])).distinct()


def status_counts(*, user, call: Call) -> dict[str, int]:
    """Applications of the call by status (every status, zeros included)."""
    counts = dict(
        call_access.applications_for(user)
        .filter(call=call)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
    )
    return {status: counts.get(status, 0) for status in S.values}


def application_for_view(*, user, pk: int) -> Application:
    """One application the user may see, or Application.DoesNotExist."""
    return _base(user).prefetch_related("wave_preferences", "organization__sectors").get(pk=pk)


def own_applications(*, user) -> QuerySet:
    """The applications of the user's own organization (the exhibitor portal)."""
    if not user.is_authenticated or not user.organization_id:
        return Application.objects.none()
    return (
        _base(user)
        .filter(organization_id=user.organization_id)
        .prefetch_related("wave_preferences")
        .order_by("-call__event__start_date", "-pk")
    )


def open_calls(*, user) -> QuerySet:
    """Calls open today for events the user may see, the soonest closing first."""
    today = timezone.localdate()
    return (
        Call.objects.filter(
            event__in=event_access.events_for(user),
            event__is_published=True,
            opens_on__lte=today,
            closes_on__gte=today,
        )
        .select_related("event__region", "event__province")
        .prefetch_related("eligible_kinds", "eligible_regions", "eligible_sectors", "event__waves")
        .order_by("closes_on", "pk")
    )


def open_call_for(*, user, pk: int) -> Call:
    """An open call of a visible, published event, or Call.DoesNotExist."""
    return open_calls(user=user).get(pk=pk)


def applied_call_ids(*, user) -> dict[int, int]:
    """Call id → application id for the user's own organization."""
    if not user.is_authenticated or not user.organization_id:
        return {}
    rows = call_access.applications_for(user).filter(organization_id=user.organization_id)
    return dict(rows.values_list("call_id", "pk"))


def women_led_share(queryset: QuerySet) -> tuple[int, int]:
    """(women-led, all) among the applications of `queryset`."""
    figures = queryset.order_by().aggregate(
        total=Count("pk", distinct=True),
        women=Count("pk", filter=Q(organization__women_led=True), distinct=True),
    )
    return figures["women"], figures["total"]


def waiting_list(call: Call) -> QuerySet:
    """The call's waitlisted applications, best-ranked first."""
    return (
        call.applications.filter(status=S.WAITLISTED)
        .select_related("organization", "wave")
        .order_by(F("waitlist_rank").asc(nulls_last=True), F("score").desc(nulls_last=True), "id")
    )
