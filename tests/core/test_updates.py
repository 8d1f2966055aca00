"""model_update (tadamon.core.updates): the one way services change a model's fields."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tadamon.core import audit
from tadamon.core.updates import model_update
from tadamon.registry.models import Product
from tests.factories import ProductFactory, sector

ALLOWED = ("name_ar", "name_fr", "price_mad", "sector", "description_fr")


@pytest.fixture
def product(db):
    return ProductFactory(name_fr="Argan", price_mad=Decimal("120.00"), description_fr="Huile")


def test_changes_only_the_given_fields_and_says_what_changed(product):
    Product.objects.filter(pk=product.pk).update(description_ar="وصف آخر")  # a concurrent edit

    update = model_update(
        instance=product,
        fields=ALLOWED,
        data={"name_fr": "Argan bio", "price_mad": Decimal("120"), "sector": sector("pottery")},
    )

    assert update.has_updated
    assert update.fields == ["name_fr", "sector"]  # 120 is the price it had
    assert update.changes == {
        "name_fr": ["Argan", "Argan bio"],
        "sector": [sector().pk, sector("pottery").pk],
    }
    product.refresh_from_db()
    assert product.name_fr == "Argan bio" and product.sector == sector("pottery")
    # Only the changed columns were written: the concurrent edit survives.
    assert product.description_ar == "وصف آخر"
    # The columns the model derives are written with the change.
    assert "bio" in product.search_text


def test_unchanged_values_write_nothing(product):
    stamp = product.updated_at

    update = model_update(instance=product, fields=ALLOWED, data={"name_fr": "Argan"})

    assert not update.has_updated and update.changes == {} and update.fields == []
    product.refresh_from_db()
    assert product.updated_at == stamp


def test_a_field_outside_the_allowlist_is_refused(product):
    with pytest.raises(ValueError, match="organization"):
        model_update(instance=product, fields=ALLOWED, data={"organization": None})
    product.refresh_from_db()
    assert product.organization_id is not None


def test_a_validation_error_leaves_the_row_and_the_instance_unchanged(product):
    with pytest.raises(ValidationError) as error:
        model_update(
            instance=product,
            fields=ALLOWED,
            data={"name_fr": "Autre nom", "price_mad": Decimal("-1")},
        )

    assert "price_mad" in error.value.message_dict
    assert (product.name_fr, product.price_mad) == ("Argan", Decimal("120.00"))
    product.refresh_from_db()
    assert (product.name_fr, product.price_mad) == ("Argan", Decimal("120.00"))


def test_a_service_check_replaces_full_clean_and_its_derived_fields_are_recorded(product):
    def clean(instance: Product) -> None:
        instance.description_fr = f"{instance.name_fr} (huile)"
        instance.full_clean()

    update = model_update(instance=product, fields=ALLOWED, data={"name_fr": "Amlou"}, clean=clean)

    assert update.fields == ["name_fr", "description_fr"]
    assert update.changes["description_fr"] == ["Huile", "Amlou (huile)"]
    product.refresh_from_db()
    assert product.description_fr == "Amlou (huile)"


def test_the_audit_trail_records_exactly_the_changed_fields(product):
    update = model_update(
        instance=product, fields=ALLOWED, data={"name_fr": "Argan", "price_mad": Decimal("99")}
    )
    entry = audit.record(
        actor=None, action="registry.product.changed", obj=product, changes=update.changes
    )

    assert entry.changes == {"price_mad": ["120.00", "99"]}
