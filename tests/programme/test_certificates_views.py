"""The certificate pages: list, settings, issue by hand, batch with progress and ZIP, revoke
with a confirmation, PDF downloads and who may open what."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tadamon.accounts.models import Role
from tadamon.programme.certificates import services
from tadamon.programme.models import Certificate, CertificateBatch, CertificateRule
from tests.factories import OrganizationFactory, UserFactory
from tests.programme.certificate_support import LATIN_NAME, attendee, fatima, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return programme(organizer_body, sessions=2)


@pytest.fixture
def manager(client, organizer):
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    return client


def url(name: str, *args) -> str:
    return reverse(f"programme:{name}", args=args)


def test_the_page_lists_certificates_and_what_is_pending(manager, organizer, event):
    person = fatima(event)
    attendee(event, 1)
    certificate = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    response = manager.get(url("certificates", event.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.number in page and "فاطمة الزهراء العلوي" in page
    assert "1 eligible without one" in page
    assert 'id="batch"' in page
    filtered = manager.get(url("certificates", event.pk), {"state": "revoked"}).content.decode()
    assert certificate.number not in filtered


def test_others_get_403_or_404_and_strangers_the_login_page(client, event, exhibitor, observer):
    other_organizer = UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())
    pages = [
        url("certificates", event.pk),
        url("certificate_settings", event.pk),
        url("certificate_issue", event.pk),
    ]
    for path in pages:
        assert client.get(path).status_code == 302
    for user, expected in ((exhibitor, 403), (observer, 403), (other_organizer, 403)):
        client.force_login(user)
        for path in pages:
            assert client.get(path).status_code == expected, (user, path)
    event.is_published = False
    event.save()
    client.force_login(exhibitor)
    assert client.get(pages[0]).status_code == 404


def test_issue_one_by_hand_with_the_latin_spelling(manager, event):
    person = fatima(event)
    page = manager.get(url("certificate_issue", event.pk)).content.decode()
    assert 'id="issue-form"' in page
    response = manager.post(
        url("certificate_issue", event.pk) + "?kind=attendance",
        {"holder": person.pk, "name_ar": "", "name_fr": LATIN_NAME},
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.statement["holder"]["name_fr"] == LATIN_NAME


def test_an_ineligible_holder_gets_the_error_next_to_the_field(manager, event):
    CertificateRule.objects.create(event=event, rule="all_sessions")
    person = attendee(event, 1)
    response = manager.post(url("certificate_issue", event.pk), {"holder": person.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "the event&#x27;s rule asks for all of them" in page
    assert "invalid-feedback" in page
    assert not Certificate.objects.exists()


def test_an_event_without_partners_says_so(manager, event):
    page = manager.get(url("certificate_issue", event.pk), {"kind": "appreciation"})
    assert "This event has no partners yet." in page.content.decode()
    assert manager.get(url("certificate_issue", event.pk), {"kind": "x"}).status_code == 404


def test_settings_with_a_logo_and_signatories(manager, event):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (0, 100, 0)).save(buffer, format="JPEG")
    data = {
        "rule": "min_sessions",
        "min_sessions": "2",
        "logo": SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg"),
        "signatory_1_name_ar": "محمد بنعلي",
        "signatory_1_title_fr": "Directeur provincial",
        "signatory_2_title_fr": "Sans nom",
    }
    response = manager.post(url("certificate_settings", event.pk), data)
    assert response.status_code == 200  # the second signatory has no name
    assert "Give the name in Arabic or in French." in response.content.decode()
    data["logo"].seek(0)
    data["signatory_2_title_fr"] = ""
    response = manager.post(url("certificate_settings", event.pk), data)
    assert response.status_code == 302
    rule = CertificateRule.objects.get(event=event)
    assert rule.min_sessions == 2 and rule.logo
    assert rule.signatories[0]["title_fr"] == "Directeur provincial"
    page = manager.get(url("certificate_settings", event.pk)).content.decode()
    assert "محمد بنعلي" in page


def test_a_file_that_is_not_an_image_is_refused_as_logo(manager, event):
    response = manager.post(
        url("certificate_settings", event.pk),
        {"rule": "by_hand", "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 nope")},
    )
    assert response.status_code == 200
    assert "Logo: the file is not an image." in response.content.decode()
    assert not CertificateRule.objects.exists()


def test_batch_progress_and_zip(manager, event):
    for _ in range(3):
        attendee(event, 1)
    response = manager.post(url("certificate_batch_start", event.pk), {"kind": "attendance"})
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert batch.status == "done"
    box = manager.get(
        url("certificate_batch_progress", event.pk, batch.pk), headers={"HX-Request": "true"}
    )
    assert box.status_code == 200 and box["HX-Refresh"] == "true"
    assert 'id="batch-download"' in box.content.decode()
    download = manager.get(url("certificate_batch_download", event.pk, batch.pk))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 3


def test_a_running_batch_is_polled(manager, event):
    batch = CertificateBatch.objects.create(event=event, kind="attendance", status="running")
    page = manager.get(url("certificates", event.pk)).content.decode()
    assert 'hx-trigger="every 2s"' in page
    box = manager.get(url("certificate_batch_progress", event.pk, batch.pk))
    assert "HX-Refresh" not in box
    assert manager.get(url("certificate_batch_download", event.pk, batch.pk)).status_code == 404


def test_revoking_asks_for_a_confirmation_and_a_reason(manager, organizer, event):
    certificate = services.issue(
        actor=organizer, event=event, kind="attendance", holder=attendee(event, 1)
    )
    page = manager.get(url("certificate_revoke", certificate.pk))
    assert page.status_code == 200 and 'id="revoke-form"' in page.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked  # looking is not revoking
    response = manager.post(url("certificate_revoke", certificate.pk), {"reason": ""})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    response = manager.post(url("certificate_revoke", certificate.pk), {"reason": "Duplicate"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Duplicate"


def test_the_pdf_is_for_managers_and_the_holders_organization(client, organizer, event):
    person = fatima(event)
    certificate = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    member = UserFactory(role=Role.EXHIBITOR, organization=person.organization)
    outsider = UserFactory(role=Role.EXHIBITOR, organization=OrganizationFactory())
    path = url("certificate_pdf", certificate.pk)
    for user, expected in ((organizer, 200), (member, 200), (outsider, 404)):
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == expected, user
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")
    client.force_login(member)
    mine = client.get(url("my_certificates")).content.decode()
    assert certificate.number in mine
    client.force_login(outsider)
    assert certificate.number not in client.get(url("my_certificates")).content.decode()
    # Once revoked, the holder no longer downloads it; the managers still do.
    services.revoke(actor=organizer, certificate=certificate, reason="Error")
    client.force_login(member)
    assert client.get(path).status_code == 404
    client.force_login(organizer)
    assert client.get(path).status_code == 200


def test_exhibitor_revoking_is_refused(client, organizer, event):
    person = fatima(event)
    certificate = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    member = UserFactory(role=Role.EXHIBITOR, organization=person.organization)
    client.force_login(member)
    assert client.get(url("certificate_revoke", certificate.pk)).status_code == 403
    response = client.post(url("certificate_revoke", certificate.pk), {"reason": "mine"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_in_development_the_qr_code_points_at_the_host_being_served(settings, manager, event):
    """Without TADAMON_PUBLIC_BASE_URL (development only: production refuses to start), the
    QR code points where the manager reached the site, by hand and in a batch alike."""
    settings.TADAMON_PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["tadamon.test"]
    person = fatima(event)
    manager.post(
        url("certificate_issue", event.pk) + "?kind=attendance",
        {"holder": person.pk},
        HTTP_HOST="tadamon.test",
    )
    attendee(event, 1)
    manager.post(
        url("certificate_batch_start", event.pk), {"kind": "attendance"}, HTTP_HOST="tadamon.test"
    )
    addresses = [c.statement["verify_url"] for c in Certificate.objects.order_by("pk")]
    assert len(addresses) == 2
    for address, certificate in zip(addresses, Certificate.objects.order_by("pk"), strict=True):
        assert address == f"http://tadamon.test/verify/{certificate.number}"


def test_the_configured_public_address_wins_over_the_host(settings, manager, event):
    settings.TADAMON_PUBLIC_BASE_URL = "https://tadamon.example.ma/"
    settings.ALLOWED_HOSTS = ["tadamon.test"]
    person = fatima(event)
    manager.post(
        url("certificate_issue", event.pk) + "?kind=attendance",
        {"holder": person.pk},
        HTTP_HOST="tadamon.test",
    )
    certificate = Certificate.objects.get()
    assert certificate.statement["verify_url"] == (
        f"https://tadamon.example.ma/verify/{certificate.number}"
    )
