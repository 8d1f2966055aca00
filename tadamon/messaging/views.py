"""A person's inbox and the channels they accept announcements on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tadamon.messaging import selectors, services
from tadamon.messaging.forms import OPTIONAL_CHANNELS, ChannelsForm


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.inbox_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page})


@login_required
def read(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(selectors.inbox_of(request.user), pk=pk)
    services.mark_read(user=request.user, message=message)
    return render(request, "messaging/message.html", {"message": message})


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    optional = {value for value, _label in OPTIONAL_CHANNELS}
    refused = selectors.opted_out_channels(request.user) & optional
    form = ChannelsForm(request.POST or None, initial={"channels": sorted(optional - refused)})
    if request.method == "POST" and form.is_valid():
        services.set_opt_outs(
            actor=request.user,
            user=request.user,
            channels=optional - set(form.cleaned_data["channels"]),
        )
        messages.success(request, _("Your choice was saved."))
        return redirect("messaging:preferences")
    return render(request, "messaging/preferences.html", {"form": form})
