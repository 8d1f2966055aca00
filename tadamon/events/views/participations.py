"""Organizations taking part in an event: register one directly, change its status or
wave, remove it (with a confirmation page); and the organization search the forms use."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.events.access import require_event_manager
from tadamon.events.forms.events import ParticipationChangeForm, ParticipationForm
from tadamon.events.models import Event, Participation
from tadamon.events.selectors import events as selectors
from tadamon.events.services import participations as services
from tadamon.registry.selectors import organization_list

# An organization search shows this many matches; typing more narrows them.
OPTIONS_SHOWN = 50


def _managed_participation(user, pk: int) -> Participation:
    """The participation if `user` manages its event; 403 if they only see it, else 404."""
    try:
        return selectors.participation_for_manage(user=user, pk=pk)
    except Participation.DoesNotExist:
        try:
            selectors.participation_for_view(user=user, pk=pk)
        except Participation.DoesNotExist:
            raise Http404 from None
        raise PermissionDenied from None


def participations_of(event: Event) -> str:
    return reverse("events:event_detail", args=[event.pk]) + "#participations"


def search_query(request: HttpRequest) -> str:
    return (request.GET.get("q") or request.POST.get("q") or "").strip()[:200]


@login_required
@require_GET
def organization_options(request: HttpRequest, pk: int) -> HttpResponse:
    """The <option>s of the organizations matching `q` (htmx, for the pickers)."""
    require_event_manager(request.user, pk)
    matches = organization_list(user=request.user, q=search_query(request))[:OPTIONS_SHOWN]
    return render(request, "events/includes/organization_options.html", {"matches": matches})


@login_required
@require_http_methods(["GET", "POST"])
def participation_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = require_event_manager(request.user, pk)
    query = search_query(request)
    form = ParticipationForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        event=event,
        query=query,
        queryset=organization_list(user=request.user, q=query),
    )
    if form.is_bound and form.is_valid():
        try:
            participation = services.register_participation(
                actor=request.user,
                event=event,
                organization=form.cleaned_data["organization"],
                wave=form.cleaned_data["wave"],
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(organization)s is registered.") % {"organization": participation.organization},
            )
            if "add_another" in request.POST:
                return redirect("events:participation_create", pk=event.pk)
            return redirect(participations_of(event))
    return render(request, "events/event_participation_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def participation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _managed_participation(request.user, pk)
    form = ParticipationChangeForm(
        request.POST if request.method == "POST" else None, participation=participation
    )
    if form.is_bound and form.is_valid():
        try:
            services.change_participation(
                actor=request.user,
                participation=participation,
                status=form.cleaned_data["status"],
                wave=form.cleaned_data["wave"],
            )
        except ValidationError as error:
            form.add_service_error(error)
            participation.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(participations_of(participation.event))
    context = {"form": form, "event": participation.event, "participation": participation}
    return render(request, "events/event_participation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _managed_participation(request.user, pk)
    event = participation.event
    if request.method == "POST":
        services.remove_participation(actor=request.user, participation=participation)
        messages.success(
            request,
            _("%(organization)s no longer takes part in the event.")
            % {"organization": participation.organization},
        )
        return redirect(participations_of(event))
    context = {
        "event": event,
        "heading": _("Remove a participation"),
        "question": _(
            "Remove %(organization)s from “%(event)s”? To keep a trace, change its status to "
            "withdrawn or cancelled instead."
        )
        % {"organization": participation.organization, "event": event},
        "cancel_url": participations_of(event),
    }
    return render(request, "events/event_confirm_delete.html", context)
