"""The certificate lists and look-ups the pages and the API show."""

from django.db.models import Q, QuerySet

from tadamon.events.models import Event
from tadamon.programme.certificates import numbering
from tadamon.programme.models import Certificate, CertificateBatch


def certificate_list(*, event: Event, kind: str = "", q: str = "", state: str = "") -> QuerySet:
    """The event's certificates, newest first; `q` matches the number or the printed names."""
    certificates = Certificate.objects.filter(event=event).select_related(
        "person", "organization", "issued_by"
    )
    if kind in Certificate.Kind.values:
        certificates = certificates.filter(kind=kind)
    if state == "live":
        certificates = certificates.filter(revoked_at__isnull=True)
    elif state == "revoked":
        certificates = certificates.filter(revoked_at__isnull=False)
    q = q.strip()
    if q:
        certificates = certificates.filter(
            Q(number__icontains=numbering.normalize(q))
            | Q(statement__holder__name_ar__icontains=q)
            | Q(statement__holder__name_fr__icontains=q)
        )
    return certificates.order_by("-issued_at", "-pk")


def certificate_counts(event: Event) -> dict[str, int]:
    certificates = Certificate.objects.filter(event=event)
    return {
        "total": certificates.count(),
        "revoked": certificates.filter(revoked_at__isnull=False).count(),
    }


def by_number(number: str) -> Certificate | None:
    """The certificate with this number as typed (case, spaces and Arabic digits forgiven);
    None for a malformed number, without asking the database."""
    canonical = numbering.normalize(number)
    if not numbering.is_well_formed(canonical):
        return None
    return (
        Certificate.objects.select_related("event", "person", "organization")
        .filter(number=canonical)
        .first()
    )


def latest_batch(event: Event) -> CertificateBatch | None:
    return event.certificate_batches.select_related("created_by").first()


def batch_of(event: Event, pk: int) -> CertificateBatch:
    return event.certificate_batches.select_related("created_by").get(pk=pk)
