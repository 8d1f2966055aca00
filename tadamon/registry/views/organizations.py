"""Organization pages: the searchable list, the profile, its form and its deletion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tadamon.accounts import roles
from tadamon.accounts.models import Role, User
from tadamon.core.params import parse_id
from tadamon.registry import access as registry_access
from tadamon.registry import duplicates, merging, selectors, services
from tadamon.registry.forms import OrganizationFilterForm, OrganizationForm
from tadamon.registry.models import Organization

PAGE_SIZE = 25


def visible_organization(user: User, pk: int) -> Organization:
    """The organization if `user` may see it; 404 otherwise."""
    try:
        return selectors.organization_for_view(user=user, pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None


def changeable_organization(user: User, pk: int) -> Organization:
    """The organization if `user` may change it; 403 if they only see it, 404 otherwise."""
    try:
        return selectors.organization_for_change(user=user, pk=pk)
    except Organization.DoesNotExist:
        visible_organization(user, pk)
        raise PermissionDenied from None


@login_required
@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    filters = OrganizationFilterForm(request.GET)
    organizations = selectors.organization_list(user=request.user, **filters.criteria())
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_create": registry_access.can_create_organization(request.user),
        "can_import": registry_access.can_import(request.user),
        "claims_waiting": selectors.claims_to_decide(user=request.user).count(),
    }
    template = (
        "registry/includes/organization_results.html"
        if request.htmx
        else "registry/organization_list.html"
    )
    response = render(request, template, context)
    # The same address answers a whole page or, to htmx, the results only.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _own_claim(user: User, organization: Organization):
    """The viewer's own latest claim on this organization (where their sign-up stands)."""
    claim = selectors.latest_claim_of(user)
    return claim if claim is not None and claim.organization_id == organization.pk else None


def _render_detail(request: HttpRequest, organization: Organization) -> HttpResponse:
    user = request.user
    can_change = registry_access.can_change_organization(user, organization)
    context = {
        "organization": organization,
        "people": selectors.people_list(user=user, organization=organization),
        "products": selectors.product_list(user=user, organization=organization),
        "can_change": can_change,
        "can_delete": can_change and roles.is_organizer(user),
        "can_read_audit": roles.can_read_audit(user),
        "duplicates": duplicates.likely_duplicates(organization)
        if registry_access.can_merge_organizations(user, organization)
        else [],
        "claim": _own_claim(user, organization),
    }
    return render(request, "registry/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_merge(request: HttpRequest, pk: int, duplicate_pk: int) -> HttpResponse:
    """Confirm, then merge `duplicate_pk` into `pk` (organizers who may change both)."""
    keep = visible_organization(request.user, pk)
    duplicate = visible_organization(request.user, duplicate_pk)
    if not (
        registry_access.can_merge_organizations(request.user, keep)
        and registry_access.can_change_organization(request.user, duplicate)
    ):
        raise PermissionDenied
    if request.method == "POST":
        try:
            merging.merge_organizations(keep=keep, duplicate=duplicate, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(duplicate)s” was merged into this organization.") % {"duplicate": duplicate},
            )
        return redirect("registry:organization_detail", pk=keep.pk)
    context = {
        "keep": keep,
        "duplicate": duplicate,
        "counts": {
            _("products"): duplicate.products.count(),
            _("people"): duplicate.people.count(),
            _("participations"): duplicate.participations.count(),
        },
    }
    return render(request, "registry/organization_merge.html", context)


@login_required
@require_GET
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, visible_organization(request.user, pk))


@login_required
@require_GET
def my_organization(request: HttpRequest) -> HttpResponse:
    """An exhibitor's own organization; everyone else goes to the list."""
    user = request.user
    if user.role != Role.EXHIBITOR or not user.organization_id:
        return redirect("registry:organization_list")
    return _render_detail(request, visible_organization(user, user.organization_id))


def _save_organization(
    request: HttpRequest, form: OrganizationForm, organization: Organization | None
) -> Organization | None:
    """Hand a valid form to the service; its ValidationErrors go back onto the form."""
    try:
        if organization is None:
            return services.create_organization(
                actor=request.user,
                fields=form.organization_fields(),
                sectors=form.chosen_sectors(),
            )
        return services.update_organization(
            actor=request.user,
            organization=organization,
            fields=form.organization_fields(),
            sectors=form.chosen_sectors(),
        )
    except ValidationError as error:
        form.add_service_error(error)
        return None


def _render_form(
    request: HttpRequest, form: OrganizationForm, organization: Organization | None
) -> HttpResponse:
    context = {
        "form": form,
        "organization": organization,
        "can_add_commune": roles.is_organizer(request.user),
    }
    return render(request, "registry/organization_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    if not registry_access.can_create_organization(request.user):
        raise PermissionDenied
    form = OrganizationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        organization = _save_organization(request, form, None)
        if organization is not None:
            messages.success(
                request, _("“%(name)s” was added to the registry.") % {"name": organization}
            )
            return redirect("registry:organization_detail", pk=organization.pk)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = changeable_organization(request.user, pk)
    form = OrganizationForm(
        request.POST if request.method == "POST" else None, instance=organization
    )
    if form.is_bound and form.is_valid() and _save_organization(request, form, organization):
        messages.success(request, _("The changes were saved."))
        return redirect("registry:organization_detail", pk=organization.pk)
    return _render_form(request, form, organization)


@login_required
@require_GET
def organization_location(request: HttpRequest) -> HttpResponse:
    """The province list and commune suggestions for the chosen region (htmx)."""
    form = OrganizationForm(
        initial={
            "region": request.GET.get("region"),
            "province": request.GET.get("province"),
            "commune_name": request.GET.get("commune_name", ""),
        }
    )
    region = form.chosen_region()
    province = parse_id(form.initial["province"])
    if province is None or (
        region is not None and not region.provinces.filter(pk=province).exists()
    ):
        form.initial["province"] = None
    return render(request, "registry/includes/location_fields.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def organization_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organization = changeable_organization(request.user, pk)
    if not roles.is_organizer(request.user):
        raise PermissionDenied
    if request.method == "POST":
        name = str(organization)
        try:
            services.delete_organization(actor=request.user, organization=organization)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("registry:organization_detail", pk=pk)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect("registry:organization_list")
    return render(
        request, "registry/organization_confirm_delete.html", {"organization": organization}
    )
