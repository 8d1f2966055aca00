"""An organization's products: add, change, delete (with a confirmation page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tadamon.accounts.models import User
from tadamon.registry import access as registry_access
from tadamon.registry import selectors, services
from tadamon.registry.forms import ProductForm
from tadamon.registry.models import Organization, Product
from tadamon.registry.views.organizations import changeable_organization


def _changeable_product(user: User, pk: int) -> Product:
    """The product if `user` may change it; 403 if they only see it, 404 otherwise."""
    try:
        product = selectors.product_list(user=user).get(pk=pk)
    except Product.DoesNotExist:
        raise Http404 from None
    if not registry_access.can_change_organization(user, product.organization):
        raise PermissionDenied
    return product


def _products_of(organization: Organization) -> str:
    return reverse("registry:organization_detail", args=[organization.pk]) + "#products"


def _edit(
    request: HttpRequest, organization: Organization, product: Product | None
) -> HttpResponse:
    form = ProductForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=product,
    )
    if form.is_bound and form.is_valid():
        try:
            saved = services.save_product(
                actor=request.user,
                organization=organization,
                product=product,
                fields=form.product_fields(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The product “%(name)s” was saved.") % {"name": saved})
            return redirect(_products_of(organization))
    context = {"form": form, "organization": organization, "product": product}
    return render(request, "registry/product_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, changeable_organization(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = _changeable_product(request.user, pk)
    return _edit(request, product.organization, product)


@login_required
@require_http_methods(["GET", "POST"])
def product_delete(request: HttpRequest, pk: int) -> HttpResponse:
    product = _changeable_product(request.user, pk)
    if request.method == "POST":
        services.delete_product(actor=request.user, product=product)
        messages.success(request, _("The product “%(name)s” was deleted.") % {"name": product})
        return redirect(_products_of(product.organization))
    return render(request, "registry/product_confirm_delete.html", {"product": product})
