"""A participant's B2B page: its profile and availability, suggested meetings, requests made
and received, its agenda with outcomes, collective meetings, and its agenda as PDF and .ics.

Every participant acts only as itself (the users of its organization); the event's managers
may open any participant's agenda documents.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tadamon.accounts.device import keep_offline
from tadamon.b2b import access as b2b_access
from tadamon.b2b import documents
from tadamon.b2b.forms import AnswerForm, AvailabilityForm, OutcomeForm, ProfileForm, RequestForm
from tadamon.b2b.models import Meeting, MeetingRequest, Participant
from tadamon.b2b.selectors import agenda as selectors
from tadamon.b2b.selectors import matching
from tadamon.b2b.services import collective, outcomes, participants, requests
from tadamon.core.params import parse_id
from tadamon.events import access as event_access
from tadamon.events.access import require_event_viewer
from tadamon.events.models import Event, Participation


def _mine(event: Event) -> str:
    return reverse("b2b:my_b2b", args=[event.pk])


def _participant(request: HttpRequest, event: Event) -> Participant:
    participant = b2b_access.b2b_participant_for(request.user, event)
    if participant is None:
        raise PermissionDenied(_("Your organization does not take part in these B2B meetings."))
    return participant


def _can_opt_in(request: HttpRequest, event: Event) -> bool:
    organization_id = request.user.organization_id
    return bool(
        organization_id
        and Participation.objects.filter(
            event=event, organization_id=organization_id, status=Participation.Status.CONFIRMED
        ).exists()
    )


def _check_can_opt_in(request: HttpRequest, event: Event) -> None:
    if not _can_opt_in(request, event):
        raise PermissionDenied(_("Your organization does not take part in these B2B meetings."))


@login_required
@require_GET
def my_events(request: HttpRequest) -> HttpResponse:
    organization_id = request.user.organization_id
    events = []
    if organization_id:
        taking_part = Participant.objects.filter(organization_id=organization_id).values("event_id")
        exhibiting = Participation.objects.filter(
            organization_id=organization_id, status=Participation.Status.CONFIRMED
        ).values("event_id")
        events = (
            event_access.events_for(request.user)
            .filter(Q(pk__in=taking_part) | Q(pk__in=exhibiting, b2b_sessions__isnull=False))
            .distinct()
            .order_by("-start_date")
        )
    return render(request, "b2b/my_events.html", {"events": events})


@keep_offline
@login_required
@require_GET
def my_b2b(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, event_pk)
    participant = b2b_access.b2b_participant_for(request.user, event)
    if participant is None:
        _check_can_opt_in(request, event)
        form = ProfileForm(initial={"language": "ar"})
        return render(request, "b2b/opt_in.html", {"event": event, "form": form})
    slots = selectors.slots_of(event)
    now = timezone.now()
    context = {
        "event": event,
        "participant": participant,
        "suggestions": matching.suggestions(participant),
        "requests": selectors.requests_of(participant),
        "agenda": selectors.agenda(participant),
        "collectives": [
            meeting
            for meeting in selectors.collective_meetings(event)
            if meeting.host.side != participant.side
        ],
        "profile_form": ProfileForm(
            initial={
                "sectors": participant.sectors.all(),
                "offers": participant.offers,
                "seeks": participant.seeks,
                "volumes": participant.volumes,
                "language": participant.language,
            }
        ),
        "availability_form": AvailabilityForm(
            slots=slots, initial={"unavailable": participant.unavailable_slots.all()}
        ),
        "request_form": RequestForm(),
        "answer_form": AnswerForm(),
        "outcome_form": OutcomeForm(),
        "now": now,
    }
    return render(request, "b2b/my_b2b.html", context)


def _say_errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


@login_required
@require_POST
def opt_in(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, event_pk)
    # A refusal is the 403 page, not the form shown again (issue 16).
    _check_can_opt_in(request, event)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            participants.join(
                event=event,
                organization=request.user.organization,
                side=Participant.Side.EXHIBITOR,
                actor=request.user,
                sectors=form.cleaned_data["sectors"],
                **form.profile(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("You take part in the B2B meetings."))
            return redirect(_mine(event))
    return render(request, "b2b/opt_in.html", {"event": event, "form": form})


@login_required
@require_POST
def save_profile(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, event_pk)
    participant = _participant(request, event)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            participants.update_profile(
                participant=participant,
                actor=request.user,
                sectors=form.cleaned_data["sectors"],
                **form.profile(),
            )
        except ValidationError as error:
            _say_errors(request, error)
        else:
            messages.success(request, _("Your B2B profile was saved."))
    else:
        _form_errors(request, form)
    return redirect(_mine(event) + "#profile")


@login_required
@require_POST
def save_availability(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, event_pk)
    participant = _participant(request, event)
    form = AvailabilityForm(request.POST, slots=selectors.slots_of(event))
    if form.is_valid():
        participants.set_unavailable(
            participant=participant, slots=form.cleaned_data["unavailable"], actor=request.user
        )
        messages.success(request, _("Your availability was saved."))
    else:
        _form_errors(request, form)
    return redirect(_mine(event) + "#availability")


@login_required
@require_POST
def make_request(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = require_event_viewer(request.user, event_pk)
    participant = _participant(request, event)
    form = RequestForm(request.POST)
    if form.is_valid():
        recipient = Participant.objects.filter(
            event=event, pk=form.cleaned_data["recipient"]
        ).first()
        if recipient is None:
            raise Http404
        try:
            requests.request_meeting(
                requester=participant,
                recipient=recipient,
                actor=request.user,
                priority=form.cleaned_data["priority"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _say_errors(request, error)
        else:
            messages.success(request, _("Your request was sent to %(name)s.") % {"name": recipient})
    else:
        _form_errors(request, form)
    return redirect(_mine(event) + "#requests")


def _own_request(request: HttpRequest, pk: int) -> tuple[MeetingRequest, Participant]:
    meeting_request = get_object_or_404(MeetingRequest.objects.select_related("event"), pk=pk)
    participant = _participant(request, meeting_request.event)
    if participant.pk not in (meeting_request.requester_id, meeting_request.recipient_id):
        raise Http404
    return meeting_request, participant


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting_request, participant = _own_request(request, pk)
    accept = request.POST.get("answer") == "accept"
    form = AnswerForm(request.POST)
    priority = form.cleaned_data["priority"] if form.is_valid() else None
    try:
        requests.answer(
            request=meeting_request, accept=accept, actor=request.user, priority=priority
        )
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, _("Request accepted.") if accept else _("Request declined."))
    return redirect(_mine(meeting_request.event) + "#requests")


@login_required
@require_POST
def cancel_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting_request, _participant_ = _own_request(request, pk)
    requests.cancel(request=meeting_request, actor=request.user)
    messages.success(request, _("The request was withdrawn."))
    return redirect(_mine(meeting_request.event) + "#requests")


@login_required
@require_POST
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("event", "slot"), pk=pk)
    participant = _participant(request, meeting.event)
    if not meeting.seats.filter(participant=participant).exists():
        raise Http404
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            outcomes.record_outcome(
                meeting=meeting, participant=participant, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _say_errors(request, error)
        else:
            messages.success(request, _("The outcome was recorded."))
    else:
        _form_errors(request, form)
    return redirect(_mine(meeting.event) + "#agenda")


@login_required
@require_POST
def join_collective(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("event", "host"), pk=pk)
    participant = _participant(request, meeting.event)
    try:
        collective.register(meeting=meeting, participant=participant, actor=request.user)
    except ValidationError as error:
        _say_errors(request, error)
    else:
        messages.success(request, _("Your place is booked."))
    return redirect(_mine(meeting.event) + "#collective")


def _document_participant(request: HttpRequest, event_pk: int) -> Participant:
    """Your own agenda; a manager may ask for anyone's (?participant=id)."""
    event = require_event_viewer(request.user, event_pk)
    wanted = request.GET.get("participant", "")
    if wanted and b2b_access.can_manage_b2b(request.user, event):
        participant_id = parse_id(wanted)
        if participant_id is None:
            raise Http404
        return get_object_or_404(
            Participant.objects.select_related("organization"), event=event, pk=participant_id
        )
    return _participant(request, event)


@login_required
@require_GET
def agenda_pdf(request: HttpRequest, event_pk: int) -> HttpResponse:
    participant = _document_participant(request, event_pk)
    response = HttpResponse(documents.agenda_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="b2b-agenda-{participant.pk}.pdf"'
    return response


@login_required
@require_GET
def agenda_ics(request: HttpRequest, event_pk: int) -> HttpResponse:
    participant = _document_participant(request, event_pk)
    response = HttpResponse(
        documents.agenda_ics(participant), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="b2b-agenda-{participant.pk}.ics"'
    return response
