"""E4's partner institutions receive shields and certificates of appreciation: the awards
page lists the partners and issues each one's numbered certificate once."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from tadamon.events.models import EventPartner
from tadamon.programme.models import Certificate
from tests.awards.support import event_of
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return event_of(organizer_body)


@pytest.fixture
def ads(event):
    organization = OrganizationFactory(
        name_fr="Agence de Développement Social", name_ar="وكالة التنمية الاجتماعية"
    )
    for role in (EventPartner.Role.INSTITUTIONAL, EventPartner.Role.SPONSOR):
        EventPartner.objects.create(event=event, organization=organization, role=role)
    return organization


def issue_url(event, organization) -> str:
    return reverse("awards:partner_appreciation", args=[event.pk, organization.pk])


def test_partner_listed_once_with_roles_then_issued_once(client, organizer, event, ads):
    client.force_login(organizer)
    page = client.get(reverse("awards:event_awards", args=[event.pk])).content.decode()
    # The pages speak Arabic first: the partner is named once, in Arabic.
    assert page.count("وكالة التنمية الاجتماعية") == 1
    assert issue_url(event, ads) in page

    response = client.post(issue_url(event, ads))
    assert response.status_code == 302
    certificate = Certificate.objects.get(event=event, organization=ads)
    assert certificate.kind == Certificate.Kind.APPRECIATION

    again = client.post(issue_url(event, ads), follow=True)
    with translation.override("ar"):
        refusal = _("%(name)s already has this certificate.") % {"name": ads}
    assert refusal in again.content.decode()
    assert Certificate.objects.filter(event=event, organization=ads).count() == 1

    page = client.get(reverse("awards:event_awards", args=[event.pk])).content.decode()
    pdf_url = reverse("programme:certificate_pdf", args=[certificate.pk])
    assert pdf_url in page
    document = client.get(pdf_url)
    text = PdfReader(io.BytesIO(document.content)).pages[0].extract_text()
    assert "Certificat de reconnaissance" in text
    assert "Agence de Développement Social" in text


def test_only_the_events_partners_and_only_managers(client, organizer, exhibitor, event, ads):
    client.force_login(organizer)
    stranger = OrganizationFactory()
    assert client.post(issue_url(event, stranger)).status_code == 404
    client.force_login(exhibitor)
    assert client.post(issue_url(event, ads)).status_code in {403, 404}
    assert not Certificate.objects.exists()
