"""Issuing and revoking certificates, one by one or for everyone eligible; their PDFs.

Only the event's managers act here (event_access.can_manage_event); every change is audited in
the transaction that makes it. A certificate's ``statement`` freezes what its PDF prints
(names, event, sessions, signatories, logo, verification address): the PDF is rendered from
it on demand, and the public verification page shows it, so what was certified stays what
was certified even when the event or the person is edited later.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.core.origin import public_base_url
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.programme.certificates import eligibility, numbering, pdf
from tadamon.programme.models import Certificate
from tadamon.registry.models import Organization, Person

logger = logging.getLogger(__name__)

Kind = Certificate.Kind
_ARABIC = re.compile("[\u0600-\u06ff]")


def check_kind(kind: str) -> None:
    if kind not in Kind.values:
        raise ValidationError(
            {"kind": _("Choose one of: %(choices)s.") % {"choices": ", ".join(Kind.values)}}
        )


def verify_url(number: str, base_url: str = "") -> str:
    """The public check of `number`: under TADAMON_PUBLIC_BASE_URL when set, else under
    `base_url` (the origin of the request that issues it, in development)."""
    base = (settings.TADAMON_PUBLIC_BASE_URL or base_url or public_base_url()).rstrip("/")
    return base + reverse("certificate_verify", args=[number])


# What a certificate states ------------------------------------------------------------------


def person_names(person: Person) -> dict[str, str]:
    """A person has one name, written in one script: it is the Arabic name when it has
    Arabic letters, the Latin one otherwise; the other stays empty unless given."""
    name = f"{person.first_name} {person.last_name}".strip()
    if _ARABIC.search(name):
        return {"name_ar": name, "name_fr": ""}
    return {"name_ar": "", "name_fr": name}


def _holder(holder: Person | Organization, name_ar: str, name_fr: str) -> dict[str, Any]:
    if isinstance(holder, Person):
        names = person_names(holder)
        organization = holder.organization
        data = {
            "type": "person",
            "id": holder.pk,
            **names,
            "organization_ar": organization.name_ar if organization else "",
            "organization_fr": organization.name_fr if organization else "",
        }
    else:
        data = {"type": "organization", "id": holder.pk, "name_ar": holder.name_ar}
        data["name_fr"] = holder.name_fr
    # Names given at issue (e.g. the Latin spelling of an Arabic name) win.
    if name_ar.strip():
        data["name_ar"] = name_ar.strip()
    if name_fr.strip():
        data["name_fr"] = name_fr.strip()
    return data


def _event(event: Event) -> dict[str, Any]:
    organizer = event.organizer
    city_ar = city_fr = event.city
    if not event.city and event.province_id:
        city_ar, city_fr = event.province.name_ar, event.province.name_fr
    return {
        "id": event.pk,
        "kind": event.kind,
        "title_ar": event.title_ar,
        "title_fr": event.title_fr,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "city_ar": city_ar,
        "city_fr": city_fr,
        "organizer_ar": organizer.name_ar,
        "organizer_fr": organizer.name_fr,
    }


def _sessions(event: Event, person: Person) -> list[dict[str, str]]:
    sessions = eligibility.attended_sessions(event, person).select_related("commune")
    return [
        {
            "id": session.pk,
            "title_ar": session.title_ar,
            "title_fr": session.title_fr,
            "date": timezone.localtime(session.starts_at).date().isoformat(),
            "commune": session.commune_label,
        }
        for session in sessions
    ]


def build_statement(
    *,
    event: Event,
    kind: str,
    holder: Person | Organization,
    number: str,
    name_ar: str = "",
    name_fr: str = "",
    base_url: str = "",
) -> dict[str, Any]:
    rule = eligibility.rule_for(event)
    return {
        "number": number,
        "kind": kind,
        "holder": _holder(holder, name_ar, name_fr),
        "event": _event(event),
        "sessions": _sessions(event, holder) if isinstance(holder, Person) else [],
        "signatories": list(rule.signatories or []),
        "logo": rule.logo.name if rule.logo else "",
        "verify_url": verify_url(number, base_url),
        "issued_on": timezone.localdate().isoformat(),
    }


# Issuing and revoking -----------------------------------------------------------------------


def live_certificate(event: Event, kind: str, holder: Person | Organization) -> Certificate | None:
    certificates = Certificate.objects.filter(event=event, kind=kind, revoked_at__isnull=True)
    if isinstance(holder, Person):
        return certificates.filter(person=holder).first()
    return certificates.filter(person__isnull=True, organization=holder).first()


def _issue(
    *,
    actor: Any,
    event: Event,
    kind: str,
    holder: Person | Organization,
    name_ar: str = "",
    name_fr: str = "",
    base_url: str = "",
) -> Certificate:
    """Issue without the permission check (done once by the callers)."""
    check_kind(kind)
    eligibility.check_holder(event, kind, holder)
    field = "person" if isinstance(holder, Person) else "organization"
    if live_certificate(event, kind, holder) is not None:
        raise ValidationError(
            {field: _("%(name)s already has this certificate.") % {"name": holder}},
            code="already_issued",
        )
    try:
        with transaction.atomic():
            number = numbering.next_number()
            certificate = Certificate(
                number=number,
                kind=kind,
                event=event,
                person=holder if isinstance(holder, Person) else None,
                organization=holder if isinstance(holder, Organization) else None,
                statement=build_statement(
                    event=event,
                    kind=kind,
                    holder=holder,
                    number=number,
                    name_ar=name_ar,
                    name_fr=name_fr,
                    base_url=base_url,
                ),
                issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            certificate.full_clean(validate_constraints=False)
            certificate.save()
            audit.record(
                actor=actor,
                action="programme.certificate.issued",
                obj=certificate,
                created=True,
                data={"event": event.pk, "kind": kind, field: holder.pk},
            )
    except IntegrityError:
        # Two managers issuing the same certificate at the same moment: one wins.
        raise ValidationError(
            {field: _("%(name)s already has this certificate.") % {"name": holder}},
            code="already_issued",
        ) from None
    return certificate


def issue(
    *,
    actor: Any,
    event: Event,
    kind: str,
    holder: Person | Organization,
    name_ar: str = "",
    name_fr: str = "",
    base_url: str = "",
) -> Certificate:
    """Issue one certificate of `kind` at `event` to `holder` (a person for attendance, an
    organization otherwise); `name_ar`/`name_fr` complete or correct the printed names;
    `base_url` is the request's origin, used by the QR code in development (verify_url)."""
    require_event_manager(actor, event)
    return _issue(
        actor=actor,
        event=event,
        kind=kind,
        holder=holder,
        name_ar=name_ar,
        name_fr=name_fr,
        base_url=base_url,
    )


@transaction.atomic
def revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """Mark a certificate revoked; its number stays taken and its page says it was revoked."""
    require_event_manager(actor, certificate.event)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    if len(reason) > 255:
        raise ValidationError({"reason": _("At most 255 characters.")})
    if certificate.is_revoked:
        raise ValidationError(_("This certificate was already revoked."), code="already_revoked")
    before = audit.snapshot(certificate, ["revoked_at", "revoked_reason"])
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(
        actor=actor,
        action="programme.certificate.revoked",
        obj=certificate,
        before=before,
        data={"reason": reason},
    )
    return certificate


def missing_holders(event: Event, kind: str) -> QuerySet:
    """Eligible holders without a live certificate of `kind`."""
    live = Certificate.objects.filter(event=event, kind=kind, revoked_at__isnull=True)
    holders = eligibility.eligible_holders(event, kind)
    if kind in eligibility.PERSON_KINDS:
        return holders.exclude(pk__in=live.values("person_id")).order_by("pk")
    organizations = live.filter(person__isnull=True).values("organization_id")
    return holders.exclude(pk__in=organizations).order_by("pk")


def batch_issue(
    *,
    actor: Any,
    event: Event,
    kind: str,
    progress: Callable[[int, int], None] | None = None,
    base_url: str = "",
) -> list[Certificate]:
    """Issue `kind` to everyone eligible who has none yet; each in its own transaction, so a
    long batch shows its progress and a failure keeps what was issued before it."""
    require_event_manager(actor, event)
    check_kind(kind)
    holders = list(missing_holders(event, kind))
    issued = []
    for index, holder in enumerate(holders, start=1):
        issued.append(_issue(actor=actor, event=event, kind=kind, holder=holder, base_url=base_url))
        if progress is not None:
            progress(index, len(holders))
    return issued


# PDFs ---------------------------------------------------------------------------------


def logo_bytes(name: str) -> bytes | None:
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as logo:
            return logo.read()
    except OSError:
        logger.warning("The logo %s of a certificate is missing.", name)
        return None


def certificate_pdf(certificate: Certificate) -> bytes:
    return pdf.render(certificate.statement, logo=logo_bytes(certificate.statement.get("logo")))


def pdf_filename(certificate: Certificate) -> str:
    holder = certificate.statement.get("holder", {})
    name = holder.get("name_fr") or holder.get("name_ar") or ""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip()[:80]
    return f"{certificate.number} {safe}.pdf" if safe else f"{certificate.number}.pdf"
