from decimal import Decimal

import pytest

from tadamon.registry.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _url(organization) -> str:
    return f"/api/v1/organizations/{organization.pk}/products"


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


def test_organizer_adds_a_product_with_a_price_in_mad(api_for, organizer, other_org):
    response = api_for(organizer).post_json(
        _url(other_org),
        {
            "name_ar": "زيت الأركان",
            "name_fr": "Huile d'argan",
            "price_mad": 120.5,
            "sector": "argan",
            "description_fr": "1 litre",
        },
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["price_mad"] == "120.50"
    assert data["sector"] == "argan" and data["organization"] == other_org.pk
    product = Product.objects.get(pk=data["id"])
    assert product.price_mad == Decimal("120.50") and product.description_fr == "1 litre"


@pytest.mark.parametrize("price", ["12.345", 12.345, "0.001"])
def test_a_price_with_three_decimals_is_refused_naming_price_mad(
    api_for, organizer, other_org, price
):
    response = api_for(organizer).post_json(_url(other_org), {"name_ar": "عسل", "price_mad": price})

    assert 400 <= response.status_code < 500
    assert _fields(response) == {"price_mad"}
    assert not other_org.products.exists()


@pytest.mark.parametrize("price", ["-1", -0.5, "abc", "Infinity", "NaN", [1], "1" * 20])
def test_bad_prices_are_4xx(api_for, organizer, other_org, price):
    response = api_for(organizer).post_json(_url(other_org), {"name_ar": "عسل", "price_mad": price})

    assert 400 <= response.status_code < 500
    assert _fields(response) == {"price_mad"}


def test_unknown_sector_is_400_naming_sector(api_for, organizer, other_org):
    response = api_for(organizer).post_json(_url(other_org), {"name_ar": "عسل", "sector": "nope"})

    assert response.status_code == 400
    assert _fields(response) == {"sector"}


def test_a_product_needs_a_name(api_for, organizer, other_org):
    response = api_for(organizer).post_json(_url(other_org), {"price_mad": "10"})

    assert response.status_code == 400
    assert _fields(response) == {"name_ar"}


def test_list_the_products_of_an_organization(api_for, observer, other_org, exhibitor_org):
    ProductFactory.create_batch(3, organization=other_org)
    ProductFactory(organization=exhibitor_org)

    response = api_for(observer).get(_url(other_org))

    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert {item["organization"] for item in response.json()["items"]} == {other_org.pk}


def test_patch_and_delete_a_product(api_for, organizer, other_org):
    product = ProductFactory(organization=other_org, price_mad="120.00")
    client = api_for(organizer)

    changed = client.patch_json(f"/api/v1/products/{product.pk}", {"price_mad": "99.90"})
    assert changed.status_code == 200, changed.content
    product.refresh_from_db()
    assert product.price_mad == Decimal("99.90")
    assert product.name_ar.startswith("زيت الأركان")  # unchanged

    assert client.get(f"/api/v1/products/{product.pk}").json()["price_mad"] == "99.90"
    assert client.delete(f"/api/v1/products/{product.pk}").status_code == 204
    assert not Product.objects.filter(pk=product.pk).exists()


def test_exhibitor_cannot_touch_products_of_another_organization(api_for, exhibitor, other_org):
    product = ProductFactory(organization=other_org, price_mad="120.00")
    client = api_for(exhibitor)

    assert client.get(f"/api/v1/products/{product.pk}").status_code == 404
    assert (
        client.patch_json(f"/api/v1/products/{product.pk}", {"price_mad": "1"}).status_code == 404
    )
    assert client.delete(f"/api/v1/products/{product.pk}").status_code == 404
    product.refresh_from_db()
    assert product.price_mad == Decimal("120.00")


def test_exhibitor_manages_its_own_products(api_for, exhibitor, exhibitor_org):
    product = ProductFactory(organization=exhibitor_org)
    client = api_for(exhibitor)

    assert client.get(_url(exhibitor_org)).json()["count"] == 1
    changed = client.patch_json(f"/api/v1/products/{product.pk}", {"name_fr": "Miel"})
    assert changed.status_code == 200
    assert client.delete(f"/api/v1/products/{product.pk}").status_code == 204


def test_observer_cannot_change_products(api_for, observer, other_org):
    product = ProductFactory(organization=other_org)
    client = api_for(observer)

    assert client.get(f"/api/v1/products/{product.pk}").status_code == 200
    assert client.patch_json(f"/api/v1/products/{product.pk}", {"name_fr": "X"}).status_code == 403
    assert client.delete(f"/api/v1/products/{product.pk}").status_code == 403
