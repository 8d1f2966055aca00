"""The public site shows only what may be public: published events, organizations that
agreed, confirmed exhibitors; its catalogue's queries do not grow with the page."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tadamon.events.models import Participation
from tadamon.registry.services import update_organization
from tests.factories import EventFactory, OrganizationFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (20, 120, 60)).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def world(organizer_body):
    shown = OrganizationFactory(
        name_ar="", name_fr="Coopérative Visible", public_profile=True, phone="0612345678"
    )
    hidden = OrganizationFactory(name_ar="", name_fr="Coopérative Discrète", public_profile=False)
    refused = OrganizationFactory(name_ar="", name_fr="Coopérative Refusée", public_profile=True)
    fair = EventFactory(
        organizer=organizer_body, title_ar="", title_fr="Salon Public", is_published=True
    )
    draft = EventFactory(
        organizer=organizer_body, title_ar="", title_fr="Salon Brouillon", is_published=False
    )
    Participation.objects.create(event=fair, organization=shown, status="confirmed")
    Participation.objects.create(event=fair, organization=hidden, status="confirmed")
    Participation.objects.create(event=fair, organization=refused, status="cancelled")
    return {"shown": shown, "hidden": hidden, "refused": refused, "fair": fair, "draft": draft}


def test_only_public_things_appear(client, world):
    fair_page = client.get(reverse("public:event", args=[world["fair"].pk])).content.decode()
    assert "Coopérative Visible" in fair_page
    assert "Coopérative Discrète" not in fair_page and "Coopérative Refusée" not in fair_page
    assert client.get(reverse("public:event", args=[world["draft"].pk])).status_code == 404
    assert client.get(reverse("public:organization", args=[world["hidden"].pk])).status_code == 404
    directory = client.get(reverse("public:directory")).content.decode()
    assert "Coopérative Visible" in directory and "Coopérative Discrète" not in directory
    search = client.get(reverse("public:search"), {"q": "cooperative"}).content.decode()
    assert "Coopérative Visible" in search and "Coopérative Discrète" not in search
    assert (
        "Salon Brouillon"
        not in client.get(reverse("public:search"), {"q": "salon"}).content.decode()
    )
    sitemap = client.get(reverse("public:sitemap")).content.decode()
    assert f"/o/{world['shown'].pk}/" in sitemap and f"/o/{world['hidden'].pk}/" not in sitemap
    assert f"/e/{world['draft'].pk}/" not in sitemap


def test_contacts_only_when_the_organization_shows_them(
    client, world, organizer, django_capture_on_commit_callbacks
):
    page = client.get(reverse("public:organization", args=[world["shown"].pk])).content.decode()
    assert "612345678" not in page
    with django_capture_on_commit_callbacks(execute=True):  # committed, as by a request
        update_organization(
            actor=organizer, organization=world["shown"], fields={"public_contact": True}
        )
    page = client.get(reverse("public:organization", args=[world["shown"].pk])).content.decode()
    assert "+212612345678" in page  # the service writes the number as E.164
    assert 'property="og:title"' in page


def test_photos_are_thumbnailed_once(client, world, settings):
    product = ProductFactory(organization=world["shown"], photo=_photo())
    page = client.get(reverse("public:organization", args=[world["shown"].pk])).content.decode()
    assert "thumbs/480/" in page and ".webp" in page
    from django.core.files.storage import default_storage

    from tadamon.registry.thumbnails import thumbnail_name

    name = thumbnail_name(product.photo.name)
    with default_storage.open(name) as thumb, Image.open(thumb) as image:
        assert max(image.size) == 480
    modified = default_storage.get_modified_time(name)
    client.get(reverse("public:organization", args=[world["shown"].pk]))
    assert default_storage.get_modified_time(name) == modified


def _catalogue_queries(client) -> int:
    cache.clear()  # the page rendered, not the cached answer
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("public:catalogue")).status_code == 200
    return len(captured)


def test_the_catalogues_queries_do_not_grow_with_the_page(client, world):
    ProductFactory.create_batch(3, organization=world["shown"])
    few = _catalogue_queries(client)
    ProductFactory.create_batch(21, organization=world["shown"])
    assert _catalogue_queries(client) == few


def test_filters_of_the_directory_and_catalogue(client, world):
    ProductFactory(organization=world["shown"], name_ar="", name_fr="Miel cher", price_mad="400.00")
    ProductFactory(organization=world["shown"], name_ar="", name_fr="Miel doux", price_mad="50.00")
    page = client.get(reverse("public:catalogue"), {"price_max": "100"}).content.decode()
    assert "Miel doux" in page and "Miel cher" not in page
    page = client.get(reverse("public:directory"), {"women_led": "on"}).content.decode()
    assert "Coopérative Visible" not in page
