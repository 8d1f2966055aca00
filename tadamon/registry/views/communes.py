"""Organizers add a commune that the reference list does not have yet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tadamon.accounts import roles
from tadamon.registry import services
from tadamon.registry.forms import CommuneForm


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def commune_create(request: HttpRequest) -> HttpResponse:
    if not roles.is_organizer(request.user):
        raise PermissionDenied
    form = CommuneForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            commune = services.add_commune(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("The commune “%(name)s” was added to %(province)s.")
                % {"name": commune, "province": commune.province},
            )
            return redirect(_next_url(request) or "registry:organization_list")
    return render(request, "registry/commune_form.html", {"form": form, "next": _next_url(request)})
