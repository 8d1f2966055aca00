"""The certificates API: issue, list, batch with its ZIP, read, download, revoke."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tadamon.accounts.models import Role
from tadamon.events.models import Participation
from tadamon.programme.models import Certificate
from tests.factories import OrganizationFactory, UserFactory
from tests.programme.certificate_support import LATIN_NAME, attendee, fatima, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return programme(organizer_body, sessions=2)


def english(api):
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return api


def test_issue_read_download_and_revoke(api_for, organizer, event, client):
    person = fatima(event)
    api = english(api_for(organizer))
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates",
        {"kind": "attendance", "person": person.pk, "name_fr": LATIN_NAME},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    number = body["number"]
    assert body["person"] == person.pk and body["revoked"] is False
    assert body["statement"]["holder"]["name_fr"] == LATIN_NAME
    assert body["verify_url"].endswith(f"/verify/{number}")
    assert api.get(f"/api/v1/certificates/{number}").json()["id"] == body["id"]
    pdf = api.get(f"/api/v1/certificates/{number}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listed = api.get(f"/api/v1/events/{event.pk}/certificates").json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == number
    revoked = api.post_json(f"/api/v1/certificates/{number}/revoke", {"reason": "Typo"})
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert client.get(f"/verify/{number}").status_code == 410
    again = api.post_json(f"/api/v1/certificates/{number}/revoke", {"reason": "Typo"})
    assert again.status_code == 400


def test_rule_violations_are_400_with_the_field(api_for, organizer, event):
    api = english(api_for(organizer))
    stranger = attendee(event, 0)
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates", {"kind": "attendance", "person": stranger.pk}
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "person"
    organization = OrganizationFactory()
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates",
        {"kind": "participation", "organization": organization.pk},
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "organization"
    response = api.post_json(f"/api/v1/events/{event.pk}/certificates", {"kind": "attendance"})
    assert response.status_code == 400
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates", {"kind": "attendance", "person": 999999}
    )
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "person"


def test_schema_errors_are_422(api_for, organizer, event):
    api = english(api_for(organizer))
    response = api.post_json(f"/api/v1/events/{event.pk}/certificates", {"kind": "diploma"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "kind"
    response = api.post_json("/api/v1/certificates/TDM-2024-000001-AAAA/revoke", {})
    assert response.status_code == 422


def test_batch_is_202_then_done_with_its_zip(api_for, organizer, event):
    for _ in range(3):
        attendee(event, 2)
    confirmed = OrganizationFactory()
    Participation.objects.create(event=event, organization=confirmed, status="confirmed")
    api = english(api_for(organizer))
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates/batch", {"kind": "attendance"}
    )
    assert response.status_code == 202, response.json()
    batch = api.get(f"/api/v1/certificate-batches/{response.json()['id']}").json()
    assert batch["status"] == "done" and batch["progress"] == 100
    assert (batch["issued"], batch["total"]) == (3, 3)
    download = api.get(batch["zip"])
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 3
    response = api.post_json(
        f"/api/v1/events/{event.pk}/certificates/batch", {"kind": "participation"}
    )
    assert response.json()["issued"] == 1
    assert Certificate.objects.filter(organization=confirmed, kind="participation").exists()


def test_scope(api_for, organizer, event, exhibitor, observer):
    person = fatima(event)
    member = UserFactory(role=Role.EXHIBITOR, organization=person.organization)
    issued = english(api_for(organizer)).post_json(
        f"/api/v1/events/{event.pk}/certificates", {"kind": "attendance", "person": person.pk}
    )
    number = issued.json()["number"]
    for user in (exhibitor, observer):
        api = english(api_for(user))
        assert api.get(f"/api/v1/events/{event.pk}/certificates").status_code == 403
        response = api.post_json(
            f"/api/v1/events/{event.pk}/certificates/batch", {"kind": "attendance"}
        )
        assert response.status_code == 403
        assert api.get(f"/api/v1/certificates/{number}").status_code == 404
    holder_api = english(api_for(member))
    assert holder_api.get(f"/api/v1/certificates/{number}").status_code == 200
    refused = holder_api.post_json(f"/api/v1/certificates/{number}/revoke", {"reason": "x"})
    assert refused.status_code == 403
    event.is_published = False
    event.save()
    assert (
        english(api_for(exhibitor)).get(f"/api/v1/events/{event.pk}/certificates").status_code
        == 404
    )
    assert api_for().get(f"/api/v1/certificates/{number}").status_code == 401


def test_settings_and_logo(api_for, organizer, event, exhibitor):
    api = english(api_for(organizer))
    path = f"/api/v1/events/{event.pk}/certificate-settings"
    assert api.get(path).json() == {
        "rule": "min_sessions",
        "min_sessions": 1,
        "signatories": [],
        "logo": None,
    }
    body = {
        "rule": "min_sessions",
        "min_sessions": 2,
        "signatories": [{"name_ar": "محمد بنعلي", "title_fr": "Directeur provincial"}],
    }
    response = api.put_json(path, body)
    assert response.status_code == 200, response.json()
    assert response.json()["signatories"][0]["title_fr"] == "Directeur provincial"
    nameless = api.put_json(path, {"rule": "by_hand", "signatories": [{"title_fr": "X"}]})
    assert nameless.status_code == 400
    assert nameless.json()["detail"][0]["field"] == "signatories"
    assert api.put_json(path, {"rule": "whenever"}).status_code == 422
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    response = api.post(f"{path}/logo", {"logo": upload})
    assert response.status_code == 200, response.json()
    assert response.json()["logo"] and response.json()["min_sessions"] == 2
    bad = SimpleUploadedFile("logo.png", b"GIF89a not really", content_type="image/png")
    refused = api.post(f"{path}/logo", {"logo": bad})
    assert refused.status_code == 400 and refused.json()["detail"][0]["field"] == "logo"
    assert api.delete(f"{path}/logo").json()["logo"] is None
    assert english(api_for(exhibitor)).put_json(path, body).status_code == 403
