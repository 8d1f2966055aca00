"""Certificate pages of an event, for its managers: the list, the settings, issuing one by
hand, the batch for everyone eligible (its progress and its ZIP), revoking. The PDF of one
certificate is also for the holder's organization; "My certificates" lists those.

Managers only (event_access.can_manage_event): others get 403 when they see the event, 404 when
they do not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tadamon.core.origin import public_base_url
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme.certificates import batches, eligibility, rules, selectors, services
from tadamon.programme.certificates.forms import BatchForm, IssueForm, RevokeForm, SettingsForm
from tadamon.programme.models import Certificate, CertificateBatch
from tadamon.programme.views.sessions import managed_event

PAGE_SIZE = 50
Kind = Certificate.Kind


def _home(event: Event) -> str:
    return reverse("programme:certificates", args=[event.pk])


@login_required
@require_GET
def certificate_home(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = managed_event(request.user, event_pk)
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    q = request.GET.get("q", "")[:100]
    certificates = selectors.certificate_list(event=event, kind=kind, q=q, state=state)
    context = {
        "event": event,
        "rule": eligibility.rule_for(event),
        "page": Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page")),
        "counts": selectors.certificate_counts(event),
        "pending": [
            (value, label, services.missing_holders(event, value).count())
            for value, label in Kind.choices
        ],
        "kinds": Kind.choices,
        "filters": {"kind": kind, "state": state, "q": q},
        "batch_form": BatchForm(),
        "batch": selectors.latest_batch(event),
    }
    return render(request, "programme/certificate_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_settings(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = managed_event(request.user, event_pk)
    rule = eligibility.rule_for(event)
    if request.method == "POST":
        form = SettingsForm(request.POST, request.FILES, initial=SettingsForm.initial_for(rule))
        if form.is_valid():
            try:
                rules.save_settings(
                    actor=request.user,
                    event=event,
                    rule=form.cleaned_data["rule"],
                    min_sessions=form.cleaned_data["min_sessions"] or rule.min_sessions,
                    signatories=form.cleaned_data["signatories"],
                    logo=form.logo_value(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("The certificate settings were saved."))
                return redirect(_home(event))
    else:
        form = SettingsForm(initial=SettingsForm.initial_for(rule))
    context = {"event": event, "form": form, "rule": rule}
    return render(request, "programme/certificate_settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_issue(request: HttpRequest, event_pk: int) -> HttpResponse:
    """Issue one certificate: the kind is chosen first (?kind=), then the holder."""
    event = managed_event(request.user, event_pk)
    kind = request.GET.get("kind") or Kind.ATTENDANCE
    if kind not in Kind.values:
        raise Http404
    candidates = eligibility.candidates(event, kind).order_by("pk")
    data = request.POST if request.method == "POST" else None
    form = IssueForm(data, kind=kind, candidates=candidates)
    if form.is_bound and form.is_valid():
        try:
            certificate = services.issue(
                actor=request.user,
                event=event,
                kind=kind,
                holder=form.cleaned_data["holder"],
                name_ar=form.cleaned_data["name_ar"],
                name_fr=form.cleaned_data["name_fr"],
                base_url=public_base_url(request),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Certificate %(number)s was issued.") % {"number": certificate.number},
            )
            return redirect(_home(event))
    context = {
        "event": event,
        "form": form,
        "kind": kind,
        "kinds": Kind.choices,
        "rule": eligibility.rule_for(event),
    }
    return render(request, "programme/certificate_issue.html", context)


@login_required
@require_POST
def certificate_batch_start(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = managed_event(request.user, event_pk)
    form = BatchForm(request.POST)
    if form.is_valid():
        try:
            batches.start_batch(
                actor=request.user,
                event=event,
                kind=form.cleaned_data["kind"],
                base_url=public_base_url(request),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Choose which certificates to generate."))
    return redirect(_home(event) + "#batch")


@login_required
@require_GET
def certificate_batch_progress(request: HttpRequest, event_pk: int, batch_pk: int) -> HttpResponse:
    """The batch box, polled by htmx while the batch runs."""
    event = managed_event(request.user, event_pk)
    try:
        batch = selectors.batch_of(event, batch_pk)
    except CertificateBatch.DoesNotExist:
        raise Http404 from None
    response = render(request, "programme/certificate_batch.html", {"event": event, "batch": batch})
    if request.htmx and not batch.is_active:
        # The whole page changes once the batch ends (counts, list, the Generate button).
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def certificate_batch_download(request: HttpRequest, event_pk: int, batch_pk: int) -> HttpResponse:
    event = managed_event(request.user, event_pk)
    try:
        batch = selectors.batch_of(event, batch_pk)
    except CertificateBatch.DoesNotExist:
        raise Http404 from None
    if batch.status != CertificateBatch.Status.DONE or not batch.file:
        raise Http404
    try:
        archive = default_storage.open(batch.file.name, "rb")
    except OSError:
        raise Http404 from None
    filename = f"certificates-{event.pk}-{batch.kind}-{batch.pk}.zip"
    return FileResponse(archive, as_attachment=True, filename=filename)


def _certificate(user, pk: int) -> Certificate:
    """A certificate the user may download; 404 otherwise (its existence is not confirmed)."""
    try:
        return programme_access.certificates_for(user).select_related("event").get(pk=pk)
    except Certificate.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate(request.user, pk)
    response = HttpResponse(services.certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        bool(request.GET.get("download")), services.pdf_filename(certificate)
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _certificate(request.user, pk)
    event = require_event_manager(request.user, certificate.event)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Certificate %(number)s was revoked.") % {"number": certificate.number},
            )
            return redirect(_home(event))
    context = {"event": event, "certificate": certificate, "form": form}
    return render(request, "programme/certificate_revoke.html", context)


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    """The certificates the user may download: their organization's and its people's (and,
    for managers, those of their events)."""
    certificates = (
        programme_access.certificates_for(request.user)
        .select_related("event", "person", "organization")
        .order_by("-issued_at", "-pk")
    )
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programme/certificate_mine.html", {"page": page})
