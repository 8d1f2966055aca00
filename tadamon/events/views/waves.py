"""An event's waves: add, change, delete (with a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tadamon.core.figures import date_range_text
from tadamon.events.access import require_event_manager
from tadamon.events.forms.events import WaveForm
from tadamon.events.models import Event, Wave
from tadamon.events.selectors import events as selectors
from tadamon.events.services import events as services


def _managed_wave(user, pk: int) -> Wave:
    """The wave if `user` manages its event; 403 if they only see it, 404 otherwise."""
    try:
        return selectors.wave_for_manage(user=user, pk=pk)
    except Wave.DoesNotExist:
        try:
            selectors.wave_for_view(user=user, pk=pk)
        except Wave.DoesNotExist:
            raise Http404 from None
        raise PermissionDenied from None


def waves_of(event: Event) -> str:
    return reverse("events:event_detail", args=[event.pk]) + "#waves"


def _edit(request: HttpRequest, event: Event, wave: Wave | None) -> HttpResponse:
    form = WaveForm(request.POST if request.method == "POST" else None, instance=wave)
    if form.is_bound and form.is_valid():
        try:
            if wave is None:
                saved = services.add_wave(
                    actor=request.user, event=event, fields=form.wave_fields()
                )
            else:
                saved = services.update_wave(
                    actor=request.user, wave=wave, fields=form.wave_fields()
                )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The wave “%(wave)s” was saved.") % {"wave": saved})
            if "add_another" in request.POST:
                return redirect("events:wave_create", pk=event.pk)
            return redirect(waves_of(event))
    context = {"form": form, "event": event, "wave": wave}
    return render(request, "events/event_wave_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wave_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, require_event_manager(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def wave_edit(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _managed_wave(request.user, pk)
    return _edit(request, wave.event, wave)


@login_required
@require_http_methods(["GET", "POST"])
def wave_delete(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _managed_wave(request.user, pk)
    event = wave.event
    if request.method == "POST":
        try:
            services.delete_wave(actor=request.user, wave=wave)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The wave “%(wave)s” was deleted.") % {"wave": wave})
        return redirect(waves_of(event))
    context = {
        "event": event,
        "heading": _("Delete the wave"),
        "question": _("Delete the wave “%(wave)s” (%(dates)s)? This cannot be undone.")
        % {"wave": wave.name, "dates": date_range_text(wave.start_date, wave.end_date)},
        "cancel_url": waves_of(event),
    }
    return render(request, "events/event_confirm_delete.html", context)
