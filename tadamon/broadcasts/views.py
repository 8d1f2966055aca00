"""An event's broadcasts and the delivery of its messages, for its managers (the organizers
of the event and the platform administrators): others get 403 when they see the event, 404
when they do not (tadamon.events.access.require_event_manager)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.broadcasts import selectors, services
from tadamon.broadcasts.forms import BroadcastForm
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.messaging import services as outbox
from tadamon.messaging.models import Status

# How often the status page asks again while messages wait for the worker.
POLL_SECONDS = 3


def _notice_labels() -> dict[str, str]:
    return {
        "calls.submitted": _("Application received"),
        "calls.accepted": _("Decision: selected"),
        "calls.waitlisted": _("Decision: waiting list"),
        "calls.rejected": _("Decision: not selected"),
        "calls.offer": _("Place offered"),
        "calls.offer_reminder": _("Reminder of an offer"),
        "calls.offer_expired": _("Offer expired"),
        "b2b.agenda_changed": _("B2B agenda changed"),
    }


def _status_context(event: Event) -> dict[str, Any]:
    deliveries = selectors.deliveries(event)
    labels = _notice_labels()
    for delivery in deliveries:
        delivery.label = labels.get(delivery.kind, delivery.kind)
    failed = list(selectors.failed_messages(event))
    for message in failed:
        message.label = labels.get(message.kind, message.kind)
    return {
        "event": event,
        "deliveries": deliveries,
        "statuses": Status.choices,
        "failed": failed,
        "failed_count": selectors.failed_count(event),
        "waiting": selectors.waiting_count(event),
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_GET
def status(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The event's broadcasts and notices with their delivery; htmx asks for the figures
    alone every few seconds while messages are still queued."""
    event = require_event_manager(request.user, event_pk)
    context = _status_context(event)
    if request.htmx:
        return render(request, "broadcasts/delivery.html", context)
    return render(request, "broadcasts/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Write a broadcast; a first POST shows what will be sent, the confirmed one sends it."""
    event = require_event_manager(request.user, event_pk)
    form = BroadcastForm(request.POST or None, event=event)
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        if request.POST.get("confirm") == "1":
            # Sent as confirmed: the service counts the recipients again, nothing more.
            try:
                broadcast = services.send_broadcast(
                    actor=request.user,
                    event=event,
                    audience=form.audience(),
                    subject=form.cleaned_data["subject"],
                    text_ar=form.cleaned_data["text_ar"],
                    text_fr=form.cleaned_data["text_fr"],
                    channels=form.cleaned_data["channels"],
                    token=form.cleaned_data["token"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("“%(subject)s” is on its way: %(count)s messages queued.")
                    % {"subject": broadcast.subject, "count": broadcast.messages_queued},
                )
                return redirect("broadcasts:status", event.pk)
        else:
            preview = selectors.preview(
                event, form.audience(), channels=form.chosen_channels(), texts=form.texts()
            )
            if preview.organizations:
                return render(
                    request,
                    "broadcasts/confirm.html",
                    {"event": event, "form": form, "preview": preview},
                )
            form.add_error(None, _("No organization matches these filters."))
    preview = selectors.preview(
        event, form.audience(), channels=form.chosen_channels(), texts=form.texts()
    )
    return render(
        request, "broadcasts/compose.html", {"event": event, "form": form, "preview": preview}
    )


@login_required
@require_GET
def preview(request: HttpRequest, event_pk: int) -> HttpResponse:
    """The figures of the form as it stands (htmx): organizations and messages per channel,
    and the SMS parts of each text."""
    event = require_event_manager(request.user, event_pk)
    form = BroadcastForm(request.GET, event=event)
    form.is_valid()  # the preview reads whatever is valid so far
    result = selectors.preview(
        event, form.audience(), channels=form.chosen_channels(), texts=form.texts()
    )
    return render(request, "broadcasts/preview.html", {"event": event, "preview": result})


@login_required
@require_POST
def resend(request: HttpRequest, event_pk: int, message_pk: int) -> HttpResponse:
    """Send a failed message of the event again (the same message, audited)."""
    event = require_event_manager(request.user, event_pk)
    message = get_object_or_404(selectors.messages_of(event), pk=message_pk)
    try:
        outbox.resend(actor=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The message is queued again."))
    return redirect("broadcasts:status", event.pk)
