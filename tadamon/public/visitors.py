"""Public pages of the free visitor registration: the form, the badge with its QR code, and
the arrival recorded at the gate by an agent who opened the badge's address."""

import uuid

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tadamon.accounts.device import keep_offline
from tadamon.events.models import Event
from tadamon.public.forms import VisitorForm
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import VisitorRegistration
from tadamon.visitors.selectors import visitor_badges as selectors
from tadamon.visitors.selectors import visitors as visitor_selectors
from tadamon.visitors.services import visitor_badges as services


def _published(event_pk: int) -> Event:
    return get_object_or_404(
        Event.objects.select_related("province"), pk=event_pk, is_published=True
    )


@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = _published(event_pk)
    is_open = services.registration_open(event)
    form = VisitorForm(request.POST if request.method == "POST" and is_open else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            registration, _created = services.register_visitor(
                event=event,
                name=data["name"],
                phone=data["phone"],
                commune_name=data["commune_name"],
                gender=data["gender"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return redirect("public:badge", code=registration.code)
    context = {"event": event, "form": form, "is_open": is_open}
    return render(request, "public/visit.html", context)


def _badge(code: uuid.UUID) -> VisitorRegistration:
    try:
        return selectors.badge(code)
    except VisitorRegistration.DoesNotExist:
        raise Http404 from None


@keep_offline
def badge(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    registration = _badge(code)
    address = request.build_absolute_uri(reverse("public:badge", args=[registration.code]))
    context = {
        "registration": registration,
        "event": registration.event,
        "qr_svg": segno.make(address, error="m").svg_inline(scale=6, border=2),
        "short_code": str(registration.code)[:8].upper(),
        "can_record": visitor_access.can_count_visitors(request.user, registration.event),
        "gates": visitor_selectors.gates_of(registration.event),
    }
    return render(request, "public/badge.html", context)


@login_required
@require_POST
def badge_arrival(request: HttpRequest, code: uuid.UUID) -> HttpResponse:
    registration = _badge(code)
    gate = None
    if request.POST.get("gate"):
        gate = registration.event.gates.filter(pk=request.POST["gate"]).first()
    try:
        _registration, first = services.record_arrival(
            registration=registration, actor=request.user, gate=gate
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if first:
            messages.success(request, _("Welcome: the arrival is recorded."))
        else:
            messages.warning(request, _("This badge was already seen at the entrance."))
    return redirect("public:badge", code=registration.code)
