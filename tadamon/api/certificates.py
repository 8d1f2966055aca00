"""Certificates (issue 5, SPEC 3E).

- ``POST /events/{id}/certificates`` ``{"kind", "person" | "organization", "name_ar",
  "name_fr"}``: issue one; 201 with the certificate. ``kind`` is ``attendance`` (a person),
  ``participation`` or ``appreciation`` (an organization); the names, optional, complete or
  correct the printed names of a person. 400 names the field when the holder does not
  qualify under the event's rule or already has one.
- ``GET /events/{id}/certificates?kind=&state=live|revoked&q=``: the event's certificates.
- ``POST /events/{id}/certificates/batch`` ``{"kind"}``: everyone eligible who has none gets
  one, and every valid certificate of the kind goes in one ZIP, in the background: 202 with
  the batch (done at once with the default in-process task backend).
- ``GET /certificate-batches/{id}``: its status and progress; ``GET
  /certificate-batches/{id}/zip``: the ZIP once done.
- ``GET /certificates/{number}`` and ``GET /certificates/{number}/pdf``: one certificate,
  for the event's managers and the holder's own organization.
- ``POST /certificates/{number}/revoke`` ``{"reason"}``: the event's managers.
- ``GET``/``PUT /events/{id}/certificate-settings`` ``{"rule": "min_sessions" |
  "all_sessions" | "by_hand", "min_sessions", "signatories": [{name_ar, name_fr, title_ar,
  title_fr}]}``; ``POST /events/{id}/certificate-settings/logo`` (multipart, field ``logo``:
  a PNG or JPEG) and ``DELETE`` it.

Managers only, except reading one's own certificates: 404 when the caller cannot see the
event (or the certificate), 403 when they see it without managing it.
"""

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tadamon.api.inputs import Pages, organization_field
from tadamon.core.origin import public_base_url
from tadamon.events.access import require_event_manager
from tadamon.programme import access as programme_access
from tadamon.programme.certificates import batches, eligibility, rules, selectors, services
from tadamon.programme.models import Certificate, CertificateBatch, CertificateRule
from tadamon.registry import access as registry_access
from tadamon.registry.models import Person

router = Router(tags=["certificates"])

KindCode = Literal["attendance", "participation", "appreciation"]
PrintedName = Annotated[str, Field(max_length=200)]


class CertificateIn(Schema):
    kind: KindCode
    person: int | None = Field(None, description="Person id, for a certificate of attendance")
    organization: int | None = Field(
        None, description="Organization id, for participation or appreciation"
    )
    name_ar: PrintedName = Field("", description="The name to print in Arabic, if not as recorded")
    name_fr: PrintedName = Field("", description="The name to print in Latin letters")


class BatchIn(Schema):
    kind: KindCode


class RevokeIn(Schema):
    reason: Annotated[str, Field(min_length=1, max_length=255)]


class Signatory(Schema):
    name_ar: Annotated[str, Field(max_length=rules.SIGNATORY_MAX_LENGTH)] = ""
    name_fr: Annotated[str, Field(max_length=rules.SIGNATORY_MAX_LENGTH)] = ""
    title_ar: Annotated[str, Field(max_length=rules.SIGNATORY_MAX_LENGTH)] = ""
    title_fr: Annotated[str, Field(max_length=rules.SIGNATORY_MAX_LENGTH)] = ""


class SettingsIn(Schema):
    rule: Literal["min_sessions", "all_sessions", "by_hand"]
    min_sessions: Annotated[int, Field(ge=1, le=1000)] = 1
    signatories: list[Signatory] = Field(default_factory=list, max_length=rules.MAX_SIGNATORIES)


class SettingsOut(Schema):
    rule: str
    min_sessions: int
    signatories: list[Signatory]
    logo: str | None = Field(description="Address of the logo, when one is set")

    @staticmethod
    def resolve_logo(obj: CertificateRule) -> str | None:
        return obj.logo.url if obj.logo else None


class CertificateOut(Schema):
    id: int
    number: str
    kind: str
    event: int
    person: int | None
    organization: int | None
    statement: dict[str, Any] = Field(description="What the certificate states, as printed")
    verify_url: str
    issued_at: datetime.datetime
    revoked: bool
    revoked_at: datetime.datetime | None
    revoked_reason: str

    @staticmethod
    def resolve_event(obj: Certificate) -> int:
        return obj.event_id

    @staticmethod
    def resolve_person(obj: Certificate) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_organization(obj: Certificate) -> int | None:
        return obj.organization_id

    @staticmethod
    def resolve_verify_url(obj: Certificate) -> str:
        return obj.statement.get("verify_url") or services.verify_url(obj.number)

    @staticmethod
    def resolve_revoked(obj: Certificate) -> bool:
        return obj.is_revoked


class BatchOut(Schema):
    id: int
    event: int
    kind: str
    status: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="Percent")
    issued: int = Field(description="Certificates issued by this batch")
    total: int = Field(description="Certificates in the ZIP")
    message: str
    zip: str | None = Field(description="Address of the ZIP, once done")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None

    @staticmethod
    def resolve_event(obj: CertificateBatch) -> int:
        return obj.event_id

    @staticmethod
    def resolve_zip(obj: CertificateBatch) -> str | None:
        if obj.status != CertificateBatch.Status.DONE or not obj.file:
            return None
        return f"/api/v1/certificate-batches/{obj.pk}/zip"


def _person_field(request: HttpRequest, pk: int) -> Person:
    try:
        return registry_access.people_for(request.user).get(pk=pk)
    except Person.DoesNotExist:
        raise ValidationError(
            {"person": _("Unknown person: %(id)s.") % {"id": pk}}, code="unknown_reference"
        ) from None


def _certificate(request: HttpRequest, number: str) -> Certificate:
    """A certificate the caller may read, by number; 404 otherwise."""
    certificate = selectors.by_number(number)
    if certificate is None or not programme_access.can_download_certificate(
        request.user, certificate
    ):
        raise Http404
    return certificate


@router.post("/events/{event_id}/certificates", response={201: CertificateOut})
def issue_certificate(
    request: HttpRequest, event_id: int, payload: CertificateIn
) -> Status[Certificate]:
    event = require_event_manager(request.user, event_id)
    if (payload.person is None) == (payload.organization is None):
        field = "person" if payload.kind == Certificate.Kind.ATTENDANCE else "organization"
        raise ValidationError({field: _("Give either a person or an organization.")})
    if payload.person is not None:
        holder = _person_field(request, payload.person)
    else:
        holder = organization_field(user=request.user, pk=payload.organization)
    certificate = services.issue(
        actor=request.user,
        event=event,
        kind=payload.kind,
        holder=holder,
        name_ar=payload.name_ar,
        name_fr=payload.name_fr,
        base_url=public_base_url(request),
    )
    return Status(201, certificate)


@router.get("/events/{event_id}/certificates", response=list[CertificateOut])
@paginate(Pages)
def list_certificates(
    request: HttpRequest,
    event_id: int,
    kind: KindCode | None = None,
    state: Literal["live", "revoked"] | None = None,
    q: str = Query("", max_length=100, description="Number or part of a printed name"),
) -> QuerySet:
    event = require_event_manager(request.user, event_id)
    return selectors.certificate_list(event=event, kind=kind or "", state=state or "", q=q)


@router.post("/events/{event_id}/certificates/batch", response={202: BatchOut})
def start_batch(request: HttpRequest, event_id: int, payload: BatchIn) -> Status[CertificateBatch]:
    event = require_event_manager(request.user, event_id)
    batch = batches.start_batch(
        actor=request.user, event=event, kind=payload.kind, base_url=public_base_url(request)
    )
    return Status(202, batch)


def _batch(request: HttpRequest, batch_id: int) -> CertificateBatch:
    batch = CertificateBatch.objects.select_related("event").filter(pk=batch_id).first()
    if batch is None:
        raise Http404
    require_event_manager(request.user, batch.event_id)
    return batch


@router.get("/certificate-batches/{batch_id}", response=BatchOut)
def get_batch(request: HttpRequest, batch_id: int) -> CertificateBatch:
    return _batch(request, batch_id)


@router.get("/certificate-batches/{batch_id}/zip", response={200: None})
def get_batch_zip(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch(request, batch_id)
    if batch.status != CertificateBatch.Status.DONE or not batch.file:
        raise Http404
    try:
        archive = default_storage.open(batch.file.name, "rb")
    except OSError:
        raise Http404 from None
    filename = f"certificates-{batch.event_id}-{batch.kind}-{batch.pk}.zip"
    return FileResponse(archive, as_attachment=True, filename=filename)


@router.get("/certificates/{number}", response=CertificateOut)
def get_certificate(request: HttpRequest, number: str) -> Certificate:
    return _certificate(request, number)


@router.get("/certificates/{number}/pdf", response={200: None})
def get_certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate(request, number)
    response = HttpResponse(services.certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, services.pdf_filename(certificate)
    )
    return response


@router.post("/certificates/{number}/revoke", response=CertificateOut)
def revoke_certificate(request: HttpRequest, number: str, payload: RevokeIn) -> Certificate:
    certificate = _certificate(request, number)
    return services.revoke(actor=request.user, certificate=certificate, reason=payload.reason)


@router.get("/events/{event_id}/certificate-settings", response=SettingsOut)
def get_settings(request: HttpRequest, event_id: int) -> CertificateRule:
    return eligibility.rule_for(require_event_manager(request.user, event_id))


@router.put("/events/{event_id}/certificate-settings", response=SettingsOut)
def put_settings(request: HttpRequest, event_id: int, payload: SettingsIn) -> CertificateRule:
    event = require_event_manager(request.user, event_id)
    return rules.save_settings(
        actor=request.user,
        event=event,
        rule=payload.rule,
        min_sessions=payload.min_sessions,
        signatories=[signatory.model_dump() for signatory in payload.signatories],
    )


@router.post("/events/{event_id}/certificate-settings/logo", response=SettingsOut)
def put_logo(request: HttpRequest, event_id: int, logo: File[UploadedFile]) -> CertificateRule:
    event = require_event_manager(request.user, event_id)
    current = eligibility.rule_for(event)
    return rules.save_settings(
        actor=request.user,
        event=event,
        rule=current.rule,
        min_sessions=current.min_sessions,
        signatories=current.signatories,
        logo=logo,
    )


@router.delete("/events/{event_id}/certificate-settings/logo", response=SettingsOut)
def delete_logo(request: HttpRequest, event_id: int) -> CertificateRule:
    event = require_event_manager(request.user, event_id)
    current = eligibility.rule_for(event)
    return rules.save_settings(
        actor=request.user,
        event=event,
        rule=current.rule,
        min_sessions=current.min_sessions,
        signatories=current.signatories,
        logo="",
    )
