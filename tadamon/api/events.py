"""Events, their waves, booths, partners and participations (SPEC 3B and 4).

Reading: any signed-in user reads the events they may see (published ones, and those they
manage or take part in). Writing: only the event's managers; 403 for an event the caller
can see but not manage, 404 for one they cannot see.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from tadamon.api.event_schemas import (
    BoothGridIn,
    BoothIn,
    BoothOut,
    EventIn,
    EventKindCode,
    EventOut,
    EventPatch,
    ParticipationIn,
    ParticipationOut,
    ParticipationPatch,
    ParticipationStatus,
    PartnerIn,
    PartnerOut,
    WaveIn,
    WaveOut,
    WavePatch,
)
from tadamon.api.inputs import Errors, Pages, organization_field
from tadamon.core.params import MAX_ID
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event, EventPartner, EventSeries, Participation, Wave
from tadamon.events.selectors import events as selectors
from tadamon.events.services import booths as booth_services
from tadamon.events.services import events as services
from tadamon.events.services import participations as participation_services
from tadamon.registry import references

router = Router(tags=["events"])

# The event bodies' fields are Event.EDITABLE_FIELDS (tests/core/test_editable_fields); these
# are sent as codes or ids, or a series by name, and resolved below; the others pass as sent.
_REFERENCES = ("series", "organizer", "region", "province")
_PLAIN_FIELDS = tuple(name for name in Event.EDITABLE_FIELDS if name not in _REFERENCES)


def _event_fields(
    request: HttpRequest, data: dict[str, Any], *, current: Event | None
) -> tuple[dict[str, Any], str]:
    """Model fields and a series name for the services, from the body fields sent."""
    errors = Errors()
    fields = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    region = current.region if current is not None else None
    if "region" in data:
        region = fields["region"] = errors.check(references.resolve, "region", data["region"])
    if "province" in data:
        fields["province"] = errors.check(
            references.resolve_province, data["province"], region=region
        )
    if data.get("organizer") is not None:
        fields["organizer"] = errors.check(
            organization_field, user=request.user, pk=data["organizer"], field="organizer"
        )
    series_name = ""
    if "series" in data:
        series = data["series"]
        if series is None or series == "":
            fields["series"] = None
        elif isinstance(series, int):
            fields["series"] = errors.check(_series_by_id, series)
        else:
            series_name = series
    errors.raise_if_any()
    return fields, series_name


def _series_by_id(pk: int) -> EventSeries:
    try:
        return EventSeries.objects.get(pk=pk)
    except EventSeries.DoesNotExist:
        raise ValidationError(
            {"series": _("Unknown series: %(id)s.") % {"id": pk}}, code="unknown_reference"
        ) from None


def _wave_of(event: Event, pk: int | None) -> Wave | None:
    if pk is None:
        return None
    try:
        return event.waves.get(pk=pk)
    except Wave.DoesNotExist:
        raise ValidationError(
            {"wave": _("This event has no wave %(id)s.") % {"id": pk}}, code="unknown_reference"
        ) from None


# Events ----------------------------------------------------------------------------------


@router.post("/events", response={201: EventOut})
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    fields, series_name = _event_fields(request, payload.model_dump(), current=None)
    event = services.create_event(actor=request.user, fields=fields, series_name=series_name)
    return Status(201, event)


@router.get("/events", response=list[EventOut])
@paginate(Pages)
def list_events(
    request: HttpRequest,
    kind: EventKindCode | None = None,
    series: str = Query("", max_length=255, description="A series id, or part of its name"),
    region: str = Query("", max_length=200, description="Region code"),
    year: int | None = Query(None, ge=1900, le=2200, description="Events taking place that year"),
    q: str = Query("", max_length=200, description="Words of the title, theme or city"),
) -> QuerySet:
    return selectors.event_list(
        user=request.user, kind=kind or "", series=series, region=region, year=year, q=q
    ).prefetch_related("partners__organization")


@router.get("/events/{event_id}", response=EventOut)
def get_event(request: HttpRequest, event_id: int) -> Event:
    return selectors.event_for_view(user=request.user, pk=event_id)


@router.patch("/events/{event_id}", response=EventOut)
def update_event(request: HttpRequest, event_id: int, payload: EventPatch) -> Event:
    """Only the fields sent change; `series: null` takes the event out of its series."""
    event = require_event_manager(request.user, event_id)
    fields, series_name = _event_fields(
        request, payload.model_dump(exclude_unset=True), current=event
    )
    return services.update_event(
        actor=request.user, event=event, fields=fields, series_name=series_name
    )


# Partners --------------------------------------------------------------------------------


@router.post("/events/{event_id}/partners", response={201: PartnerOut})
def add_partner(request: HttpRequest, event_id: int, payload: PartnerIn) -> Status[EventPartner]:
    event = require_event_manager(request.user, event_id)
    organization = organization_field(user=request.user, pk=payload.organization)
    partner = services.add_partner(
        actor=request.user, event=event, organization=organization, role=payload.role
    )
    return Status(201, partner)


@router.delete("/events/{event_id}/partners/{partner_id}", response={204: None})
def remove_partner(request: HttpRequest, event_id: int, partner_id: int) -> Status[None]:
    event = require_event_manager(request.user, event_id)
    services.remove_partner(actor=request.user, partner=event.partners.get(pk=partner_id))
    return Status(204, None)


# Waves -----------------------------------------------------------------------------------


@router.post("/events/{event_id}/waves", response={201: WaveOut})
def add_wave(request: HttpRequest, event_id: int, payload: WaveIn) -> Status[Wave]:
    event = require_event_manager(request.user, event_id)
    wave = services.add_wave(actor=request.user, event=event, fields=payload.model_dump())
    return Status(201, wave)


@router.get("/events/{event_id}/waves", response=list[WaveOut])
def list_waves(request: HttpRequest, event_id: int) -> QuerySet:
    event = selectors.event_for_view(user=request.user, pk=event_id)
    return event.waves.order_by("start_date", "id")


def _wave_to_manage(request: HttpRequest, wave_id: int) -> Wave:
    try:
        return selectors.wave_for_manage(user=request.user, pk=wave_id)
    except Wave.DoesNotExist:
        selectors.wave_for_view(user=request.user, pk=wave_id)
        raise PermissionDenied from None


@router.patch("/waves/{wave_id}", response=WaveOut)
def update_wave(request: HttpRequest, wave_id: int, payload: WavePatch) -> Wave:
    wave = _wave_to_manage(request, wave_id)
    return services.update_wave(
        actor=request.user, wave=wave, fields=payload.model_dump(exclude_unset=True)
    )


@router.delete("/waves/{wave_id}", response={204: None})
def delete_wave(request: HttpRequest, wave_id: int) -> Status[None]:
    services.delete_wave(actor=request.user, wave=_wave_to_manage(request, wave_id))
    return Status(204, None)


# Booths ----------------------------------------------------------------------------------


@router.post("/events/{event_id}/booths", response={201: list[BoothOut]})
def add_booths(request: HttpRequest, event_id: int, payload: list[BoothIn]) -> Status[list]:
    """All or nothing: a code given twice, or already used in the event, creates none."""
    event = require_event_manager(request.user, event_id)
    booths = booth_services.add_booths(
        actor=request.user, event=event, booths=[booth.model_dump() for booth in payload]
    )
    return Status(201, booths)


@router.post("/events/{event_id}/booths/grid", response={201: list[BoothOut]})
def generate_booth_grid(request: HttpRequest, event_id: int, payload: BoothGridIn) -> Status[list]:
    """rows × columns booths coded "A-01", "A-02", ...; `zones` names each row's zone."""
    event = require_event_manager(request.user, event_id)
    booths = booth_services.generate_booth_grid(
        actor=request.user, event=event, **payload.model_dump()
    )
    return Status(201, booths)


@router.get("/events/{event_id}/booths", response=list[BoothOut])
def list_booths(request: HttpRequest, event_id: int) -> QuerySet:
    event = selectors.event_for_view(user=request.user, pk=event_id)
    return selectors.booth_list(event)


@router.delete("/events/{event_id}/booths", response={204: None})
def delete_booths(request: HttpRequest, event_id: int) -> Status[None]:
    """Delete every booth of the event."""
    booth_services.delete_booths(
        actor=request.user, event=require_event_manager(request.user, event_id)
    )
    return Status(204, None)


# Participations --------------------------------------------------------------------------


@router.post("/events/{event_id}/participations", response={201: ParticipationOut})
def register_participation(
    request: HttpRequest, event_id: int, payload: ParticipationIn
) -> Status[Participation]:
    """Direct registration by an organizer; `confirmed` counts as an exhibitor."""
    event = require_event_manager(request.user, event_id)
    errors = Errors()
    organization = errors.check(organization_field, user=request.user, pk=payload.organization)
    wave = errors.check(_wave_of, event, payload.wave)
    errors.raise_if_any()
    participation = participation_services.register_participation(
        actor=request.user,
        event=event,
        organization=organization,
        wave=wave,
        status=payload.status,
    )
    return Status(201, participation)


@router.get("/events/{event_id}/participations", response=list[ParticipationOut])
@paginate(Pages)
def list_participations(
    request: HttpRequest,
    event_id: int,
    status: ParticipationStatus | None = None,
    wave: int | None = Query(None, ge=1, le=MAX_ID, description="A wave id"),
) -> QuerySet:
    event = selectors.event_for_view(user=request.user, pk=event_id)
    return selectors.participation_list(
        user=request.user, event=event, status=status or "", wave=wave
    )


@router.get("/participations/{participation_id}", response=ParticipationOut)
def get_participation(request: HttpRequest, participation_id: int) -> Participation:
    return selectors.participation_for_view(user=request.user, pk=participation_id)


def _participation_to_manage(request: HttpRequest, participation_id: int) -> Participation:
    try:
        return selectors.participation_for_manage(user=request.user, pk=participation_id)
    except Participation.DoesNotExist:
        selectors.participation_for_view(user=request.user, pk=participation_id)
        raise PermissionDenied from None


@router.patch("/participations/{participation_id}", response=ParticipationOut)
def update_participation(
    request: HttpRequest, participation_id: int, payload: ParticipationPatch
) -> Participation:
    """Only the fields sent change; `wave: null` takes it out of its wave."""
    participation = _participation_to_manage(request, participation_id)
    data = payload.model_dump(exclude_unset=True)
    changes: dict[str, Any] = {}
    if "status" in data and data["status"] is not None:
        changes["status"] = data["status"]
    if "wave" in data:
        changes["wave"] = _wave_of(participation.event, data["wave"])
    return participation_services.change_participation(
        actor=request.user, participation=participation, **changes
    )


@router.delete("/participations/{participation_id}", response={204: None})
def remove_participation(request: HttpRequest, participation_id: int) -> Status[None]:
    participation = _participation_to_manage(request, participation_id)
    participation_services.remove_participation(actor=request.user, participation=participation)
    return Status(204, None)
