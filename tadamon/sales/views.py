"""Sales pages: an exhibitor's phone page (offline-tolerant: its queue posts to the API's
POST /events/{id}/sales) and the organizer's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tadamon.accounts.device import keep_offline
from tadamon.core.figures import day_text, figure_text
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.sales import access as sales_access
from tadamon.sales import selectors, services
from tadamon.sales.models import PaymentMethod, SalesDeclaration


def _event(request: HttpRequest, event_id: int) -> Event:
    try:
        return event_selectors.event_for_view(user=request.user, pk=event_id)
    except Event.DoesNotExist:
        raise Http404 from None


def _managed(request: HttpRequest, event_id: int) -> Event:
    """Validating declarations is the event's managers' work (sales_access.can_validate_sales)."""
    return require_event_manager(request.user, event_id)


@keep_offline
@login_required
def my_sales(request: HttpRequest) -> HttpResponse:
    """The exhibitor's sales menu: each fair it exhibits at, with what it declared."""
    events = selectors.exhibiting_events_for(request.user)
    today = timezone.localdate()
    return render(request, "sales/my_sales.html", {"events": events, "today": today})


@keep_offline
@login_required
def declare_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    organization = request.user.organization
    if organization is None or not sales_access.can_declare_sales(
        request.user, event, organization
    ):
        raise PermissionDenied
    mine = selectors.declarations_for(user=request.user, event=event).filter(
        organization=organization, superseded=False
    )
    today = timezone.localdate()
    context = {
        "event": event,
        "organization": organization,
        "today": min(max(today, event.start_date), event.end_date),
        "methods": PaymentMethod.choices,
        "declarations": mine.order_by("-date", "-id")[:30],
        # Days the organizers already validated: a second amount for one of them is asked
        # about before it is sent.
        "validated_days": selectors.validated_days(mine),
    }
    return render(request, "sales/declare.html", context)


@login_required
def review_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _managed(request, event_id)
    reasons = selectors.outliers(event)
    rows = [
        (declaration, reasons.get(declaration.pk, "")) for declaration in selectors.pending(event)
    ]
    return render(request, "sales/review.html", {"event": event, "rows": rows})


@login_required
@require_POST
def review_action(request: HttpRequest, sale_id: int) -> HttpResponse:
    try:
        declaration = selectors.declaration_for(user=request.user, pk=sale_id)
    except SalesDeclaration.DoesNotExist:
        raise Http404 from None
    action = request.POST.get("action", "validate")
    reason = request.POST.get("reason", "")
    try:
        if action == "query":
            services.query(declaration=declaration, actor=request.user, reason=reason)
            done = _("The exhibitor was asked about %(amount)s MAD on %(day)s.")
        elif action == "reject":
            services.reject(declaration=declaration, actor=request.user, reason=reason)
            done = _("The declaration of %(amount)s MAD on %(day)s was rejected.")
        elif action == "validate":
            services.validate(declaration=declaration, actor=request.user)
            done = _("%(amount)s MAD on %(day)s validated.")
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        amount, day = figure_text(declaration.amount_mad), day_text(declaration.date)
        messages.success(request, done % {"amount": amount, "day": day})
    return redirect("sales:review", declaration.event_id)


@login_required
def turnover_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    if not event_access.can_read_beneficiaries(request.user, event):
        raise PermissionDenied
    return render(request, "sales/turnover.html", {"event": event, "t": selectors.turnover(event)})
