"""Calendar links: the page where a user sees, makes and revokes them, and the feed itself,
which calendars read without a session (the token in the address is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.calendars import access, ics, selectors, services
from tadamon.calendars.models import CalendarFeed
from tadamon.core.origin import public_base_url
from tadamon.core.params import parse_id
from tadamon.events.models import Event
from tadamon.programme.models import Session


def feed_address(request: HttpRequest, feed: CalendarFeed) -> str:
    return public_base_url(request) + feed_path(feed)


def feed_path(feed: CalendarFeed) -> str:
    return reverse("calendars:feed", args=[feed.token])


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    feeds = list(selectors.feeds_of(request.user))
    rows = []
    for feed in feeds:
        address = feed_address(request, feed)
        # webcal:// makes a phone offer to subscribe rather than download the file once.
        rows.append((feed, address, "webcal://" + address.split("://", 1)[1]))
    subscribed = {feed.event_id for feed in feeds if feed.kind == "agenda" and not feed.is_revoked}
    context = {
        "rows": rows,
        "participations": selectors.agenda_participations(request.user),
        "subscribed": subscribed,
    }
    return render(request, "calendars/home.html", context)


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind not in CalendarFeed.Kind.values:
        messages.error(request, _("Choose what the calendar link shows."))
        return redirect("calendars:home")
    event = get_object_or_404(Event, pk=parse_id(request.POST.get("event")))
    session = None
    if kind == CalendarFeed.Kind.SESSION:
        session = get_object_or_404(Session, pk=parse_id(request.POST.get("session")), event=event)
    feed = services.create_feed(
        actor=request.user, kind=kind, event=event, session=session, language=get_language()
    )
    messages.success(
        request,
        _("Your calendar link is ready: add it to your phone's calendar (“%(what)s”).")
        % {"what": str(feed)},
    )
    return redirect("calendars:home")


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(selectors.feeds_of(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.revoke_feed(actor=request.user, feed=feed)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The calendar link was revoked: it no longer answers."))
        return redirect("calendars:home")
    return render(request, "calendars/revoke.html", {"feed": feed})


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.feed_by_token(token)
    if found is None:
        raise Http404
    if found.is_revoked:
        return HttpResponse(
            _("This calendar link was revoked by its owner."),
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    if not access.is_readable(found):
        raise Http404
    response = HttpResponse(ics.feed_ics(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="tadamon-{found.kind}-{found.pk}.ics"'
    # A calendar's address is a secret: no shared cache keeps it, nor the search engines.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
