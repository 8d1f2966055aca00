"""Products: add with a photo, change, delete after confirmation; scoped to the organization."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tadamon.registry.models import Product
from tests.factories import ProductFactory, sector

pytestmark = pytest.mark.django_db


def png(name: str = "argan.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def product_data(**overrides):
    data = {
        "name_ar": "زيت الأركان",
        "name_fr": "Huile d'argan",
        "price_mad": "150.50",
        "sector": sector("argan").pk,
        "description_ar": "",
        "description_fr": "",
    }
    data.update(overrides)
    return data


def test_exhibitor_adds_a_product_with_a_photo(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    page = client.get(url)
    assert 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(url, product_data(photo=png()))
    assert response.status_code == 302
    product = Product.objects.get(organization=exhibitor_org)
    assert str(product.price_mad) == "150.50"
    assert product.sector.code == "argan"
    assert product.photo.name.startswith(f"products/{exhibitor_org.pk}/")
    with product.photo.open("rb") as stored:
        assert Image.open(stored).format == "PNG"


def test_a_file_that_is_not_an_image_is_refused(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    fake = SimpleUploadedFile("argan.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = client.post(url, product_data(photo=fake))
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert not Product.objects.filter(organization=exhibitor_org).exists()


def test_a_too_large_photo_is_refused_by_the_model_rule(client, settings, exhibitor, exhibitor_org):
    settings.TADAMON_PHOTO_MAX_BYTES = 10
    client.force_login(exhibitor)
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    response = client.post(url, product_data(photo=png()))
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert not Product.objects.filter(organization=exhibitor_org).exists()


def test_product_is_changed_and_keeps_its_photo(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    client.post(
        reverse("registry:product_create", args=[exhibitor_org.pk]), product_data(photo=png())
    )
    product = Product.objects.get(organization=exhibitor_org)
    photo = product.photo.name
    edit_page = client.get(reverse("registry:product_edit", args=[product.pk]))
    assert product.photo.url in edit_page.content.decode()
    response = client.post(
        reverse("registry:product_edit", args=[product.pk]), product_data(price_mad="99")
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert str(product.price_mad) == "99.00"
    assert product.photo.name == photo


def test_product_delete_asks_first(client, exhibitor, exhibitor_org):
    product = ProductFactory(organization=exhibitor_org)
    client.force_login(exhibitor)
    url = reverse("registry:product_delete", args=[product.pk])
    assert client.get(url).status_code == 200
    assert Product.objects.filter(pk=product.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()


def test_another_organizations_products_are_out_of_reach(client, exhibitor, other_org):
    product = ProductFactory(organization=other_org)
    client.force_login(exhibitor)
    assert client.get(reverse("registry:product_edit", args=[product.pk])).status_code == 404
    assert client.post(reverse("registry:product_delete", args=[product.pk])).status_code == 404
    create = reverse("registry:product_create", args=[other_org.pk])
    assert client.post(create, product_data()).status_code == 404
    assert Product.objects.filter(pk=product.pk).exists()
    assert Product.objects.filter(organization=other_org).count() == 1


def test_observer_may_not_change_products(client, observer, other_org):
    product = ProductFactory(organization=other_org)
    client.force_login(observer)
    assert client.get(reverse("registry:product_edit", args=[product.pk])).status_code == 403
