"""Buyers' applications: the public form (no account needed) and the organizer's decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tadamon.b2b.forms import BuyerApplicationForm
from tadamon.b2b.models import BuyerApplication
from tadamon.b2b.services import buyers
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=event_pk, is_published=True)
    is_open = buyers.accepts_buyers(event)
    form = BuyerApplicationForm(
        request.POST if request.method == "POST" and is_open else None, initial={"language": "ar"}
    )
    if form.is_bound and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "website"}
        try:
            buyers.apply(event=event, **data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return render(request, "b2b/buyer_applied.html", {"event": event})
    return render(
        request, "b2b/buyer_apply.html", {"event": event, "form": form, "is_open": is_open}
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(BuyerApplication.objects.select_related("event"), pk=pk)
    event = require_event_manager(request.user, application.event_id)
    try:
        if request.POST.get("decision") == "accept":
            participant = buyers.accept(application=application, actor=request.user)
            messages.success(request, _("%(name)s takes part as a buyer.") % {"name": participant})
        else:
            buyers.reject(application=application, actor=request.user)
            messages.info(request, _("The application was not accepted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("b2b:home", args=[event.pk]) + "#participants")
