"""The public verification page /verify/<number>: 200 for a real certificate, 404 for a
number never issued, 410 with a clear notice for a revoked one. No login."""

import pytest
from django.urls import reverse

from tadamon.programme.certificates import numbering, services
from tests.programme.certificate_support import ARABIC_NAME, LATIN_NAME, fatima, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(organizer, organizer_body):
    event = programme(organizer_body, sessions=2)
    return services.issue(
        actor=organizer, event=event, kind="attendance", holder=fatima(event), name_fr=LATIN_NAME
    )


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_real_certificate_is_confirmed_with_what_it_states(english, certificate):
    response = english.get(f"/verify/{certificate.number}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-result="valid"' in page
    assert "This certificate is authentic and valid." in page
    assert ARABIC_NAME in page and LATIN_NAME in page
    assert "شهادة حضور" in page and "Attestation de présence" in page
    assert "Journées de formation des animateurs de l&#x27;ESS" in page
    assert response["X-Robots-Tag"].startswith("noindex")


def test_the_address_in_the_qr_code_is_the_page(client, certificate):
    path = certificate.statement["verify_url"].split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert client.get(reverse("certificate_verify", args=[certificate.number])).status_code == 200
    assert client.get(f"/verify/{certificate.number}/").status_code == 200


def test_a_number_typed_loosely_is_still_found(client, certificate):
    assert client.get(f"/verify/{certificate.number.lower()}").status_code == 200


def test_a_made_up_number_is_rejected(english, certificate):
    made_up = numbering.format_number(2024, 999999, "ABC")
    wrong_check = "1" if certificate.number.endswith("0") else "0"
    mistyped = certificate.number[:-1] + wrong_check
    assert numbering.is_well_formed(made_up)
    for number in (made_up, "TDM-2024-000001", "hello", mistyped):
        response = english.get(f"/verify/{number}")
        assert response.status_code == 404, number
        page = response.content.decode()
        assert "No certificate has this number." in page and 'data-result="unknown"' in page
        assert ARABIC_NAME not in page


def test_a_revoked_certificate_answers_410_with_a_clear_notice(organizer, english, certificate):
    services.revoke(actor=organizer, certificate=certificate, reason="Issued by mistake")
    response = english.get(f"/verify/{certificate.number}")
    assert response.status_code == 410
    page = response.content.decode()
    assert 'data-result="revoked"' in page and "This certificate was revoked." in page
    assert "Issued by mistake" not in page  # the reason stays with the managers
    assert "authentic and valid" not in page


def test_the_page_is_in_arabic_by_default(client, certificate):
    page = client.get(f"/verify/{certificate.number}").content.decode()
    assert 'dir="rtl"' in page and LATIN_NAME in page
