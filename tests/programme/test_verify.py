"""The public verification page /verify/<number>: 200 for a real certificate, 404 for a
number never issued, 410 with a clear notice for a revoked one. No login."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tadamon.core.figures import date_range_text
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


def test_the_page_shows_only_what_a_check_needs(english, certificate):
    """The holder's name, the certificate's kind, the event and the issue date; not where the
    holder works nor which sessions they attended in which commune."""
    page = english.get(f"/verify/{certificate.number}").content.decode()
    holder = certificate.statement["holder"]
    organization = certificate.person.organization
    assert organization is not None
    for hidden in (organization.name_ar, organization.name_fr, holder["organization_fr"]):
        assert not hidden or hidden not in page
    for session in certificate.statement["sessions"]:
        assert session["title_fr"] not in page and session["title_ar"] not in page
    assert "Ait Amdis" not in page
    assert "Issued on" in page and LATIN_NAME in page


def test_lookups_are_limited_per_address(settings, english, certificate):
    settings.TADAMON_VERIFY_LIMIT = 3
    made_up = numbering.format_number(2024, 999999, "ABC")
    # Failed and successful look-ups count alike: guessing numbers is what the limit stops.
    assert english.get(f"/verify/{made_up}").status_code == 404
    assert english.get(f"/verify/{certificate.number}").status_code == 200
    assert english.get(f"/verify/{made_up}").status_code == 404
    refused = english.get(f"/verify/{certificate.number}")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many certificate checks" in page and LATIN_NAME not in page
    # Another address still checks.
    other = english.get(f"/verify/{certificate.number}", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_behind_a_proxy_the_limit_counts_the_client_address(settings, english, certificate):
    settings.TADAMON_VERIFY_LIMIT = 1
    settings.TADAMON_PROXY_COUNT = 1
    first = english.get(f"/verify/{certificate.number}", HTTP_X_FORWARDED_FOR="196.200.1.7")
    assert first.status_code == 200
    again = english.get(f"/verify/{certificate.number}", HTTP_X_FORWARDED_FOR="196.200.1.7")
    assert again.status_code == 429
    other = english.get(f"/verify/{certificate.number}", HTTP_X_FORWARDED_FOR="196.200.1.8")
    assert other.status_code == 200


def test_each_statement_gives_the_event_dates_in_its_own_language(english, certificate):
    """Issue 17: dates in words, never digits/digits/digits, and the Arabic statement in
    Arabic whatever the page's language."""
    page = english.get(f"/verify/{certificate.number}").content.decode()
    event = certificate.statement["event"]
    arabic, french = page.split('id="statement-fr"')
    for language, part in (("ar", arabic), ("fr", french)):
        with translation.override(language):
            expected = date_range_text(event["start_date"], event["end_date"])
        assert f"<bdi>{expected}</bdi>" in part
    assert not re.search(r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4}", page)
