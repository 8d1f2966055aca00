"""The observatory (constant queries, filters), who reads reports, the PDF's text, and the
open data exports (no phone, no e-mail, no person's name)."""

import csv
import io
import json
import re
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tadamon.accounts.models import Role
from tadamon.events.models import Participation
from tadamon.reports import observatory, pdf, selectors
from tadamon.visitors.models import Gate, VisitorCount
from tests.factories import EventFactory, OrganizationFactory, PersonFactory, UserFactory, kind
from tests.reports.generated import generate

pytestmark = pytest.mark.django_db


def _count(function, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(*args)
    return len(captured)


def test_observatory_queries_do_not_grow_with_the_data(organizer_body, organizer):
    generate(organizer_body, seed=1, exhibitors=2, days=2, sessions=1)
    few = _count(observatory.observatory, organizer, observatory.Filters())
    for seed in range(2, 6):
        generate(organizer_body, seed=seed, exhibitors=8, days=5, sessions=2)
    many = _count(observatory.observatory, organizer, observatory.Filters())
    assert few == many


def test_observatory_totals_and_filters(organizer_body, organizer):
    first = generate(organizer_body, seed=3, exhibitors=5, days=3, sessions=1)
    second = generate(organizer_body, seed=4, exhibitors=4, days=2, sessions=0)
    second.event.start_date = second.event.start_date.replace(year=2024)
    second.event.end_date = second.event.end_date.replace(year=2024)
    second.event.save()
    everything = observatory.observatory(organizer, observatory.Filters())["totals"]
    confirmed = sum(
        p.status == Participation.Status.CONFIRMED
        for p in first.participations + second.participations
    )
    assert everything["events"] == 2 and everything["exhibitors"] == confirmed
    only_2025 = observatory.observatory(organizer, observatory.Filters(year=2025))
    assert only_2025["totals"]["events"] == 1
    assert [row["year"] for row in only_2025["trends"]] == [2025]
    assert sum(row["exhibitors"] for row in only_2025["by_region"]) == sum(
        p.status == Participation.Status.CONFIRMED for p in first.participations
    )


def test_an_organizer_cannot_read_another_organizers_unpublished_report(
    client, organizer_body, api_for
):
    other_body = OrganizationFactory(kind=kind("public_institution"))
    other = UserFactory(username="other", role=Role.ORGANIZER, organization=other_body)
    hidden = EventFactory(organizer=organizer_body, is_published=False)
    assert api_for(other).get(f"/api/v1/events/{hidden.pk}/report").status_code == 404
    client.force_login(other)
    assert client.get(reverse("reports:report", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("reports:report_pdf", args=[hidden.pk])).status_code == 404
    totals = observatory.observatory(other, observatory.Filters())["totals"]
    assert totals["events"] == 0


def test_the_pdf_holds_the_key_figures_and_the_arabic_title(organizer_body, organizer, client):
    made = generate(organizer_body, seed=7, exhibitors=6, days=3, sessions=1)
    event = made.event
    event.title_ar = "المعرض الجهوي للاقتصاد الاجتماعي والتضامني"
    event.save()
    gate = Gate.objects.create(event=event, name="Bab Okla")
    VisitorCount.objects.filter(event=event).delete()
    VisitorCount.objects.create(event=event, gate=gate, date=event.start_date, count=12345)
    report = selectors.closing_report(event)
    text = unicodedata.normalize(
        "NFKC",
        "\n".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(pdf.render(event, report, language="ar"))).pages
        ),
    )
    assert "المعرض الجهوي للاقتصاد الاجتماعي والتضامني" in text
    # The visitors' figure, whatever the grouping separator of the language.
    assert "12345" in re.sub(r"[\s,.\u066c]", "", text)
    client.force_login(organizer)
    page = client.get(reverse("reports:report", args=[event.pk]))
    assert page.status_code == 200
    response = client.get(reverse("reports:report_pdf", args=[event.pk]) + "?lang=fr")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_public_exports_hold_no_phone_and_no_persons_name(client, organizer_body):
    event = EventFactory(organizer=organizer_body, is_published=True)
    # Both agreed to appear in public: the artisan is still not named, its name is a person's.
    cooperative = OrganizationFactory(
        name_fr="Coop Argan", phone="0612345678", email="c@x.ma", public_profile=True
    )
    artisan = OrganizationFactory(
        kind=kind("artisan"), name_fr="Ahmed Benali", name_ar="أحمد بنعلي", public_profile=True
    )
    for organization in (cooperative, artisan):
        Participation.objects.create(event=event, organization=organization, status="confirmed")
    PersonFactory(
        first_name="Fatima", last_name="Zahra", phone="0698765432", organization=cooperative
    )
    hidden = EventFactory(organizer=organizer_body, is_published=False, title_fr="Secret fair")

    documents = []
    for fmt in ("csv", "json", "xlsx"):
        response = client.get(reverse("reports:open_exhibitors", args=[event.pk, fmt]))
        assert response.status_code == 200, fmt
        documents.append(response.content)
        events = client.get(reverse("reports:open_events", args=[fmt]))
        documents.append(events.content)
    text = documents[0].decode("utf-8-sig") + documents[2].decode() + documents[3].decode()
    book = load_workbook(io.BytesIO(documents[4]))
    text += " ".join(str(cell) for row in book["data"].iter_rows(values_only=True) for cell in row)
    assert "Coop Argan" in text
    for secret in ("612345678", "698765432", "c@x.ma", "Ahmed Benali", "أحمد بنعلي", "Fatima"):
        assert secret not in text, secret
    rows = list(csv.DictReader(io.StringIO(documents[1].decode("utf-8-sig"))))
    assert {row["event"] for row in rows} == {str(event.pk)}  # the unpublished one is not there
    assert "Secret fair" not in documents[1].decode("utf-8-sig")
    meanings = json.loads(documents[3])["columns"]
    assert {column["name"] for column in meanings} >= {"exhibitors", "visitors", "turnover_mad"}
    assert (
        client.get(reverse("reports:open_exhibitors", args=[hidden.pk, "csv"])).status_code == 404
    )
    assert client.get(reverse("reports:open_events", args=["exe"])).status_code == 404


def test_an_organizations_history_lists_its_fairs_and_sales(
    client, organizer_body, organizer, api_for
):
    made = generate(organizer_body, seed=11, exhibitors=3, days=3, sessions=0)
    confirmed = [p for p in made.participations if p.status == Participation.Status.CONFIRMED]
    if not confirmed:
        confirmed = [made.participations[0]]
        confirmed[0].status = Participation.Status.CONFIRMED
        confirmed[0].save()
    organization = confirmed[0].organization
    rows = api_for(organizer).get(f"/api/v1/organizations/{organization.pk}/history").json()
    assert [row["event"] for row in rows] == [made.event.pk]
    own = [
        s.amount_mad
        for s in made.sales
        if s.organization_id == organization.pk and s.status == "validated" and not s.superseded
    ]
    expected = f"{sum(own):.2f}" if own else None
    assert rows[0]["turnover_mad"] == expected
    client.force_login(organizer)
    page = client.get(reverse("reports:organization_history", args=[organization.pk]))
    assert page.status_code == 200 and len(page.context["rows"]) == 1
    detail = client.get(reverse("registry:organization_detail", args=[organization.pk]))
    assert (
        reverse("reports:organization_history", args=[organization.pk]) in detail.content.decode()
    )
