"""Booths and waves of an event, for its managers: compute the allocation (with its progress),
see it per wave with the floor plans, and move an exhibitor by hand. Others get 403 when
they see the event, 404 when they do not."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.core.forms import ServiceForm
from tadamon.events import floorplan
from tadamon.events.access import require_event_manager
from tadamon.events.models import AllocationRun, Booth, Event, Participation, Wave
from tadamon.events.selectors import allocation as selectors
from tadamon.events.services import allocation as services
from tadamon.events.services import booth_moves

SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


class RunForm(ServiceForm):
    method = forms.ChoiceField(
        label=gettext_lazy("Computation"),
        choices=[
            ("optimal", gettext_lazy("Best allocation, with its proof (up to a minute)")),
            ("greedy", gettext_lazy("Quick preview (a few seconds, not optimal)")),
        ],
        initial="optimal",
        widget=forms.RadioSelect,
    )
    sector_zones = forms.CharField(
        label=gettext_lazy("Zones per sector"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=gettext_lazy(
            "Optional. One zone a line: the zone, a colon, then the codes of the sectors it "
            "receives, e.g. “A: sewing, textile”. A sector not listed may go anywhere."
        ),
    )

    @staticmethod
    def as_text(sector_zones: dict[str, list[str]] | None) -> str:
        return "\n".join(
            f"{zone}: {', '.join(codes)}" for zone, codes in (sector_zones or {}).items()
        )

    def clean_sector_zones(self) -> dict[str, list[str]] | None:
        text = self.cleaned_data["sector_zones"]
        mapping: dict[str, list[str]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            zone, colon, codes = line.partition(":")
            if not colon or not zone.strip():
                raise ValidationError(
                    _("Line %(number)s: write the zone, a colon, then sector codes.")
                    % {"number": number}
                )
            mapping[zone.strip()] = [code.strip() for code in codes.split(",") if code.strip()]
        return mapping or None


class MoveForm(ServiceForm):
    """The booth by its code (typed, or chosen from the list) and, with waves, the wave."""

    booth = forms.CharField(label=gettext_lazy("Booth"), max_length=20)
    wave = forms.TypedChoiceField(label=gettext_lazy("Wave"), coerce=int, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.waves = {wave.pk: wave for wave in event.waves.order_by("start_date", "pk")}
        if self.waves:
            self.fields["wave"].choices = [(pk, wave.name) for pk, wave in self.waves.items()]
            self.fields["wave"].required = True
        else:
            del self.fields["wave"]
        self.fields["booth"].widget.attrs.update(
            {"dir": "ltr", "autocomplete": "off", "list": "booth-codes"}
        )

    def clean_booth(self) -> Booth:
        code = self.cleaned_data["booth"].strip()
        booth = self.event.booths.filter(code__iexact=code).first()
        if booth is None:
            raise ValidationError(
                _("The event has no booth with the code “%(code)s”.") % {"code": code}
            )
        return booth

    def chosen_wave(self) -> Wave | None:
        return self.waves.get(self.cleaned_data.get("wave")) if self.waves else None


def _floorplans(event: Event, plans: list[selectors.WavePlan]) -> list[tuple[Any, str]]:
    # Safe to insert as is: ElementTree built the SVG and escaped every text and attribute.
    return [(plan, mark_safe(floorplan.wave_svg(event, plan.wave))) for plan in plans]


@login_required
@require_http_methods(["GET", "POST"])
def allocation_home(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The run form, the last run's progress or figures, the booths per wave, the plans."""
    event = require_event_manager(request.user, event_pk)
    latest = selectors.latest_run(event)
    if request.method == "POST":
        form = RunForm(request.POST)
        if form.is_valid():
            try:
                services.start_allocation(
                    actor=request.user,
                    event=event,
                    method=form.cleaned_data["method"],
                    sector_zones=form.cleaned_data["sector_zones"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                return redirect("events:allocation", event_pk=event.pk)
    else:
        options = latest.outcome.input_options if latest else {}
        form = RunForm(
            initial={
                "method": options.get("method", "optimal"),
                "sector_zones": RunForm.as_text(options.get("sector_zones")),
            }
        )
    plans = selectors.wave_plans(event)
    context = {
        "event": event,
        "form": form,
        "report": selectors.describe(latest),
        "plans": _floorplans(event, plans),
        "unplaced": selectors.unplaced(event),
        "confirmed": selectors.confirmed_participations(event).count(),
        "booth_count": event.booths.count(),
        "booths": list(selectors.booths_of(event)),
        "waves": [plan.wave for plan in plans if plan.wave is not None],
    }
    return render(request, "events/allocation_home.html", context)


@login_required
@require_GET
def allocation_progress(request: HttpRequest, event_pk: int, run_pk: int) -> HttpResponse:
    """The progress box (polled by htmx); once the run has ended, htmx reloads the page."""
    event = require_event_manager(request.user, event_pk)
    try:
        run = selectors.run_of(event, run_pk)
    except AllocationRun.DoesNotExist:
        raise Http404 from None
    report = selectors.describe(run)
    response = render(
        request, "events/allocation_progress.html", {"event": event, "report": report}
    )
    if request.htmx and not report["active"]:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def allocation_move(request: HttpRequest, event_pk: int, participation_pk: int) -> HttpResponse:
    """Move one exhibitor to another booth and/or wave; each broken rule is listed."""
    event = require_event_manager(request.user, event_pk)
    try:
        participation = event.participations.select_related(
            "organization__primary_sector", "wave", "booth_assignment__booth"
        ).get(pk=participation_pk)
    except Participation.DoesNotExist:
        raise Http404 from None
    assignment = getattr(participation, "booth_assignment", None)
    if request.method == "POST":
        form = MoveForm(request.POST, event=event)
    else:
        initial = {}
        if assignment is not None:
            initial = {"booth": assignment.booth.code, "wave": assignment.wave_id}
        elif participation.wave_id:
            initial = {"wave": participation.wave_id}
        form = MoveForm(initial=initial, event=event)
    if form.is_bound and form.is_valid():
        try:
            result = booth_moves.move_exhibitor(
                actor=request.user,
                participation=participation,
                booth=form.cleaned_data["booth"],
                wave=form.chosen_wave(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(name)s is now in booth %(booth)s.")
                % {"name": participation.organization, "booth": result.assignment.booth},
            )
            for warning in result.warnings:
                messages.warning(request, warning)
            anchor = f"#participation-{participation.pk}"
            return redirect(reverse("events:allocation", args=[event.pk]) + anchor)
    context = {
        "event": event,
        "participation": participation,
        "assignment": assignment,
        "form": form,
        "booths": list(selectors.booths_of(event)),
    }
    return render(request, "events/allocation_move.html", context)


def _svg_response(svg: str) -> HttpResponse:
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Security-Policy"] = SVG_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def floorplan_wave(request: HttpRequest, event_pk: int, wave_pk: int) -> HttpResponse:
    event = require_event_manager(request.user, event_pk)
    wave = event.waves.filter(pk=wave_pk).first()
    if wave is None:
        raise Http404
    return _svg_response(floorplan.wave_svg(event, wave))


@login_required
@require_GET
def floorplan_all(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The plan of an event without waves."""
    event = require_event_manager(request.user, event_pk)
    if event.waves.exists():
        raise Http404
    return _svg_response(floorplan.wave_svg(event, None))
