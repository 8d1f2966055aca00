import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from tadamon.registry.models import Organization, Product
from tests.factories import OrganizationFactory, ProductFactory, region

pytestmark = pytest.mark.django_db


def _png(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return buffer.getvalue()


def test_women_members_above_members_is_refused_by_validation_and_database():
    organization = OrganizationFactory.build(members=5, women_members=6)
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "women_members" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(members=5, women_members=6)


@pytest.mark.parametrize("year", [1899, datetime.date.today().year + 1])
def test_founding_year_outside_1900_to_this_year_is_refused(year):
    organization = OrganizationFactory.build(founded_year=year)
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "founded_year" in error.value.message_dict


def test_founding_year_before_1900_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(founded_year=1850)


def test_an_organization_needs_a_name():
    organization = OrganizationFactory.build(name_ar=" ", name_fr="")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "name_ar" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(name_ar="", name_fr="")


def test_registration_number_is_unique_when_given():
    OrganizationFactory(registration_number="COOP-1")
    OrganizationFactory(registration_number="")
    OrganizationFactory(registration_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganizationFactory(registration_number="COOP-1")


def test_moroccan_phone_numbers_are_normalized():
    organization = OrganizationFactory.build(phone="06 12 34 56 78")
    organization.full_clean()
    assert organization.phone == "+212612345678"


def test_invalid_phone_is_refused():
    organization = OrganizationFactory.build(phone="12345")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "phone" in error.value.message_dict


def test_province_must_belong_to_the_region():
    province_elsewhere = region("05").provinces.first()
    organization = OrganizationFactory.build(region=region("01"), province=province_elsewhere)
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "province" in error.value.message_dict


def test_search_text_is_normalized_on_save():
    organization = OrganizationFactory(name_ar="تعاونية الأمل", name_fr="Coopérative Al Amal")
    stored = Organization.objects.get(pk=organization.pk)
    assert " الامل " in stored.search_text and " amal " in stored.search_text
    assert " ml " in stored.search_key


def test_product_price_cannot_be_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(price_mad="-1")


def test_product_photo_must_be_an_image_of_an_accepted_size(settings):
    product = ProductFactory.build(organization=OrganizationFactory())
    product.photo = SimpleUploadedFile("x.png", _png(), content_type="image/png")
    product.full_clean()
    product.photo = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "photo" in error.value.message_dict
    settings.TADAMON_PHOTO_MAX_BYTES = 10
    product.photo = SimpleUploadedFile("x.png", _png(), content_type="image/png")
    with pytest.raises(ValidationError):
        product.full_clean()


def test_gif_photos_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="GIF")
    product = Product(organization=OrganizationFactory(), name_ar="سلة")
    product.photo = SimpleUploadedFile("x.gif", buffer.getvalue(), content_type="image/gif")
    with pytest.raises(ValidationError):
        product.full_clean()


def test_duplicate_registration_number_is_reported_on_its_field():
    OrganizationFactory(registration_number="COOP-7")
    duplicate = OrganizationFactory.build(registration_number="COOP-7")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "registration_number" in error.value.message_dict
