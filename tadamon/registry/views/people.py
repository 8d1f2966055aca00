"""Beneficiaries (people) of an organization: add and change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tadamon.accounts import roles
from tadamon.accounts.models import User
from tadamon.registry import access as registry_access
from tadamon.registry import selectors, services
from tadamon.registry.forms import PersonForm
from tadamon.registry.models import Organization, Person
from tadamon.registry.views.organizations import changeable_organization


def _changeable_person(user: User, pk: int) -> Person:
    """The person if `user` may change them; 403 if they only see them, 404 otherwise."""
    try:
        person = selectors.people_list(user=user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None
    if person.organization is not None:
        allowed = registry_access.can_change_organization(user, person.organization)
    else:
        allowed = roles.is_organizer(user)
    if not allowed:
        raise PermissionDenied
    return person


def _edit(
    request: HttpRequest, organization: Organization | None, person: Person | None
) -> HttpResponse:
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        organization=organization,
        instance=person,
    )
    if form.is_bound and form.is_valid():
        fields = form.person_fields()
        if person is None:
            fields["organization"] = organization
        try:
            saved = services.save_person(actor=request.user, person=person, fields=fields)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": saved})
            if organization is None:
                return redirect("registry:organization_list")
            detail = reverse("registry:organization_detail", args=[organization.pk])
            return redirect(detail + "#people")
    context = {"form": form, "organization": organization, "person": person}
    return render(request, "registry/person_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, changeable_organization(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _changeable_person(request.user, pk)
    return _edit(request, person.organization, person)
