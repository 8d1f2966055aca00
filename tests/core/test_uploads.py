"""Uploads (issue 10): every uploaded file is checked by its content and size, refused with a
message naming the field, and stored under a generated name. The upload paths: a product's
photo (page and model), the certificate logo (page and API), the organizations import
(page; nothing stored)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from tadamon.core import uploads
from tadamon.programme.models import CertificateRule
from tadamon.registry import services
from tadamon.registry.models import Product
from tests.factories import EventFactory, ProductFactory, sector

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The assertions read the messages in English (the default language is Arabic)."""
    with translation.override("en"):
        yield


PHP = b"<?php system($_GET['cmd']); ?>\n"
GENERATED = r"[0-9a-f]{32}"


def image(fmt: str = "PNG", size: tuple[int, int] = (16, 12), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# The rules ---------------------------------------------------------------------------------


def test_an_image_is_accepted_for_its_content_and_answers_its_format():
    assert uploads.check_image(upload("x.bin", image("JPEG")), field="Photo") == "JPEG"
    assert uploads.check_image(upload("x.png", image("WEBP")), field="Photo") == "WEBP"


def test_a_php_file_named_png_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload("photo.png", PHP), field="Photo")
    assert error.value.messages == ["Photo: the file is not an image."]


def test_a_truncated_png_is_refused():
    with pytest.raises(ValidationError, match="not an image"):
        uploads.check_image(upload("photo.png", image()[:-20]), field="Photo")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.TADAMON_PHOTO_MAX_BYTES = 1_048_576
    big = upload("big.png", image() + b"\x00" * 2_200_000)
    with pytest.raises(ValidationError) as error:
        uploads.check_image(big, field="Photo")
    assert error.value.messages == ["Photo: the file is 2.1 MB; the limit is 1 MB."]


def test_an_image_of_too_many_pixels_is_refused():
    # 48 million pixels in a few kilobytes: decoding it would take hundreds of megabytes.
    bomb = upload("bomb.png", image(size=(8000, 6000), mode="1"))
    assert bomb.size < 100_000
    with pytest.raises(ValidationError, match="more than 40 million pixels"):
        uploads.check_image(bomb, field="Photo")


def test_a_format_outside_the_list_is_refused():
    with pytest.raises(ValidationError) as error:
        uploads.check_image(upload("x.gif", image("GIF")), field="Logo", formats=("PNG", "JPEG"))
    assert error.value.messages == ["Logo: the image must be in one of these formats: PNG, JPEG."]


def test_generated_names_keep_nothing_of_the_clients_name():
    jpeg = upload("../../etc/محمد photo.php", image("JPEG"))
    assert re.fullmatch(
        rf"products/7/{GENERATED}\.jpg", uploads.generated_name("products/7", jpeg.name, jpeg)
    )
    # Without content to read, only a safe extension of the name is kept.
    assert re.fullmatch(rf"a/{GENERATED}\.png", uploads.generated_name("a", "Photo.PNG"))
    assert re.fullmatch(rf"a/{GENERATED}", uploads.generated_name("a", "shell.php"))
    assert uploads.generated_name("a", "x.png") != uploads.generated_name("a", "x.png")


# A product's photo -------------------------------------------------------------------------


def product_data(**overrides):
    return {
        "name_ar": "زيت الأركان",
        "name_fr": "Huile d'argan",
        "price_mad": "150.50",
        "sector": sector("argan").pk,
        "description_ar": "",
        "description_fr": "",
        **overrides,
    }


def test_the_product_page_refuses_a_php_file_named_png(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    client.cookies["django_language"] = "en"
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    response = client.post(url, product_data(photo=upload("argan.png", PHP)))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["Photo: the file is not an image."]
    assert not Product.objects.filter(organization=exhibitor_org).exists()
    assert not default_storage.exists("products")


def test_the_product_page_refuses_a_too_big_photo(client, settings, exhibitor, exhibitor_org):
    settings.TADAMON_PHOTO_MAX_BYTES = 1000
    client.force_login(exhibitor)
    client.cookies["django_language"] = "en"
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    noise = io.BytesIO()
    Image.effect_noise((64, 64), 100).save(noise, format="PNG")
    assert len(noise.getvalue()) > 1000
    response = client.post(url, product_data(photo=upload("argan.png", noise.getvalue())))
    assert response.status_code == 200
    assert "Photo: the file is" in response.context["form"].errors["photo"][0]


def test_a_photo_is_stored_under_a_generated_name_with_its_real_extension(
    client, exhibitor, exhibitor_org
):
    client.force_login(exhibitor)
    url = reverse("registry:product_create", args=[exhibitor_org.pk])
    jpeg = upload("زيت أركان منزلي.png", image("JPEG"), content_type="image/png")
    assert client.post(url, product_data(photo=jpeg)).status_code == 302
    product = Product.objects.get(organization=exhibitor_org)
    assert re.fullmatch(rf"products/{exhibitor_org.pk}/{GENERATED}\.jpg", product.photo.name)
    with product.photo.open("rb") as stored:
        assert stored.read() == image("JPEG")


def test_a_stored_photo_is_not_read_again_when_the_product_changes(exhibitor, exhibitor_org):
    product = ProductFactory(organization=exhibitor_org)
    product.photo = upload("p.png", image())
    product.save()
    default_storage.delete(product.photo.name)  # e.g. media not restored yet
    services.save_product(
        actor=exhibitor, organization=exhibitor_org, product=product, fields={"price_mad": 99}
    )
    product.refresh_from_db()
    assert product.price_mad == 99


# The certificate logo ----------------------------------------------------------------------


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


def test_the_logo_page_refuses_a_php_file_and_a_webp_image(client, organizer, event):
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    url = reverse("programme:certificate_settings", args=[event.pk])
    response = client.post(url, {"rule": "by_hand", "logo": upload("logo.png", PHP)})
    assert response.status_code == 200
    assert "Logo: the file is not an image." in response.content.decode()
    response = client.post(url, {"rule": "by_hand", "logo": upload("logo.webp", image("WEBP"))})
    assert response.status_code == 200
    assert "Logo: the image must be in one of these formats: PNG, JPEG." in (
        response.content.decode()
    )
    assert not CertificateRule.objects.filter(logo__gt="").exists()


def test_the_logo_api_stores_under_a_generated_name(api_for, organizer, event):
    api = api_for(organizer)
    path = f"/api/v1/events/{event.pk}/certificate-settings/logo"
    refused = api.post(path, {"logo": upload("logo.png", PHP)})
    assert refused.status_code == 400
    assert refused.json()["detail"][0]["field"] == "logo"
    response = api.post(path, {"logo": upload("../شعار.php", image("JPEG"))})
    assert response.status_code == 200
    name = CertificateRule.objects.get(event=event).logo.name
    assert re.fullmatch(rf"certificates/logos/{GENERATED}\.jpg", name)


# The organizations import ------------------------------------------------------------------


def test_the_import_page_refuses_a_php_file_named_xlsx_and_a_binary_csv(client, organizer):
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    url = reverse("registry:import")
    response = client.post(url, {"file": upload("coops.xlsx", PHP, "application/vnd.ms-excel")})
    assert response.context["report"].file_errors == [
        "The file could not be read as an Excel (.xlsx) workbook."
    ]
    # UTF-16 without its byte order mark: valid UTF-8 to a decoder, nonsense as a table.
    utf16 = "nom;type;region\nCooperative Atlas;cooperative;01\n".encode("utf-16-le")
    response = client.post(url, {"file": upload("coops.csv", utf16, "text/csv")})
    assert response.context["report"].file_errors == [
        "The file is not a CSV text file. Save it again as “CSV UTF-8” and retry."
    ]
