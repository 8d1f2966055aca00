"""Issuing, revoking, batches and settings: the rules, the permissions, the audit trail."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.events.models import EventPartner, Participation
from tadamon.programme.certificates import batches, rules, services
from tadamon.programme.models import Certificate, CertificateBatch, CertificateRule
from tests.factories import OrganizationFactory, UserFactory
from tests.programme.certificate_support import attendee, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return programme(organizer_body, sessions=3)


def png(size=(60, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_issuing_records_the_certificate_and_its_audit_entry(organizer, event):
    person = attendee(event, 2)
    certificate = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    assert certificate.person == person and certificate.issued_by == organizer
    assert certificate.number.startswith("TDM-")
    assert AuditEntry.objects.filter(
        action="programme.certificate.issued", object_id=str(certificate.pk)
    ).exists()


def test_only_the_event_managers_issue(event, exhibitor, observer, other_org):
    person = attendee(event, 1)
    stranger = UserFactory(role=Role.ORGANIZER, organization=other_org)
    for user in (exhibitor, observer, stranger):
        with pytest.raises(PermissionDenied):
            services.issue(actor=user, event=event, kind="attendance", holder=person)
    assert not Certificate.objects.exists()


def test_one_live_certificate_per_holder_and_kind(organizer, event):
    person = attendee(event, 1)
    services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    with pytest.raises(ValidationError) as error:
        services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    assert "person" in error.value.message_dict
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_keeps_its_number_and_a_new_one_gets_another(organizer, event):
    person = attendee(event, 1)
    first = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    with pytest.raises(ValidationError) as error:
        services.revoke(actor=organizer, certificate=first, reason="  ")
    assert "reason" in error.value.message_dict
    services.revoke(actor=organizer, certificate=first, reason="Name misspelt")
    first.refresh_from_db()
    assert first.is_revoked and first.revoked_reason == "Name misspelt"
    with pytest.raises(ValidationError):
        services.revoke(actor=organizer, certificate=first, reason="again")
    second = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    assert second.number != first.number
    assert AuditEntry.objects.filter(action="programme.certificate.revoked").count() == 1


def test_only_the_event_managers_revoke(organizer, event, exhibitor):
    certificate = services.issue(
        actor=organizer, event=event, kind="attendance", holder=attendee(event, 1)
    )
    with pytest.raises(PermissionDenied):
        services.revoke(actor=exhibitor, certificate=certificate, reason="no")


def test_organization_certificates(organizer, event):
    exhibitor_org, partner = OrganizationFactory(), OrganizationFactory()
    Participation.objects.create(event=event, organization=exhibitor_org, status="confirmed")
    EventPartner.objects.create(event=event, organization=partner, role="sponsor")
    participation = services.issue(
        actor=organizer, event=event, kind="participation", holder=exhibitor_org
    )
    appreciation = services.issue(actor=organizer, event=event, kind="appreciation", holder=partner)
    assert participation.statement["holder"]["name_fr"] == exhibitor_org.name_fr
    assert appreciation.organization == partner and appreciation.person is None
    with pytest.raises(ValidationError):
        services.issue(actor=organizer, event=event, kind="appreciation", holder=exhibitor_org)


def test_the_batch_issues_to_everyone_eligible_who_has_none(organizer, event):
    CertificateRule.objects.create(event=event, rule="min_sessions", min_sessions=2)
    people = [attendee(event, count) for count in (1, 2, 3, 3)]
    already = services.issue(actor=organizer, event=event, kind="attendance", holder=people[2])
    issued = services.batch_issue(actor=organizer, event=event, kind="attendance")
    assert {c.person for c in issued} == {people[1], people[3]}
    assert services.batch_issue(actor=organizer, event=event, kind="attendance") == []
    assert Certificate.objects.filter(person=people[0]).count() == 0
    assert Certificate.objects.filter(person=people[2]).get() == already


def test_the_batch_zip_holds_one_pdf_per_eligible_holder(organizer, event):
    people = [attendee(event, 1) for _ in range(4)]
    batch = batches.start_batch(actor=organizer, event=event, kind="attendance")
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE, batch.message
    assert (batch.progress, batch.issued, batch.total) == (100, 4, 4)
    assert batch.file.name.startswith(f"certificates/{event.pk}/") and batch.file.name.endswith(
        ".zip"
    )
    with default_storage.open(batch.file.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert len(names) == len(people) and all(name.endswith(".pdf") for name in names)
    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert {name.split(" ")[0].removesuffix(".pdf") for name in names} == numbers
    assert all(archive.read(name).startswith(b"%PDF") for name in names)


def test_a_batch_for_nobody_is_done_with_an_empty_file(organizer, event):
    batch = batches.start_batch(actor=organizer, event=event, kind="appreciation")
    batch.refresh_from_db()
    assert batch.status == "done" and batch.total == 0


def test_a_batch_by_someone_else_or_of_an_unknown_kind_is_refused(organizer, event, exhibitor):
    with pytest.raises(PermissionDenied):
        batches.start_batch(actor=exhibitor, event=event, kind="attendance")
    with pytest.raises(ValidationError):
        batches.start_batch(actor=organizer, event=event, kind="nonsense")
    assert not CertificateBatch.objects.exists()


def test_a_second_batch_waits_for_the_first(organizer, event):
    CertificateBatch.objects.create(event=event, kind="attendance", status="running")
    with pytest.raises(ValidationError):
        batches.start_batch(actor=organizer, event=event, kind="attendance")


def test_settings_are_validated_and_saved(organizer, event):
    with pytest.raises(ValidationError) as error:
        rules.save_settings(
            actor=organizer,
            event=event,
            rule="min_sessions",
            min_sessions=0,
            signatories=[{"title_fr": "Directeur"}] + [{"name_fr": "X"}] * 3,
        )
    assert {"min_sessions", "signatories"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        rules.save_settings(
            actor=organizer,
            event=event,
            rule="all_sessions",
            logo=SimpleUploadedFile("logo.png", b"not an image", content_type="image/png"),
        )
    assert "logo" in error.value.message_dict
    rule = rules.save_settings(
        actor=organizer,
        event=event,
        rule="min_sessions",
        min_sessions=2,
        signatories=[{"name_ar": "محمد", "title_fr": "Directeur"}],
        logo=png(),
    )
    assert rule.min_sessions == 2 and rule.logo.name.startswith("certificates/logos/")
    assert rule.signatories == [
        {"name_ar": "محمد", "name_fr": "", "title_ar": "", "title_fr": "Directeur"}
    ]
    certificate = services.issue(
        actor=organizer, event=event, kind="attendance", holder=attendee(event, 2)
    )
    assert certificate.statement["logo"] == rule.logo.name
    assert certificate.statement["signatories"] == rule.signatories
    page = PdfReader(io.BytesIO(services.certificate_pdf(certificate))).pages[0]
    assert len(page.images) == 2  # logo and QR code


def test_settings_by_someone_else_are_refused(event, exhibitor):
    with pytest.raises(PermissionDenied):
        rules.save_settings(actor=exhibitor, event=event, rule="by_hand")


def test_a_batch_whose_starter_lost_the_right_ends_as_failed(event, exhibitor):
    attendee(event, 1)
    batch = CertificateBatch.objects.create(event=event, kind="attendance", created_by=exhibitor)
    batches.execute_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == "failed" and batch.message
    assert not Certificate.objects.exists()
