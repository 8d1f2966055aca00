"""What the registry puts in the search index (tadamon.core.search): organizations by their
names in every language, with their description and commune; products by their names, with
their description and their organization's names. Both are public only with the
organization's consent (Organization.public_profile)."""

from collections.abc import Iterator

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tadamon.core.search import engine
from tadamon.registry.models import Organization, Product


def _organization_row(org: Organization) -> tuple[int, bool, list, list]:
    return (
        org.pk,
        org.public_profile,
        [org.name_ar, org.name_fr],
        [org.description_ar, org.description_fr, org.commune_name],
    )


def _product_row(product: Product, org: Organization) -> tuple[int, bool, list, list]:
    return (
        product.pk,
        org.public_profile,
        [product.name_ar, product.name_fr],
        [product.description_ar, product.description_fr, org.name_ar, org.name_fr],
    )


def index_organization(org: Organization) -> None:
    object_id, published, names, body = _organization_row(org)
    engine.index("organization", object_id, published=published, names=names, body=body)
    for product in org.products.all():
        index_product(product, org)


def index_product(product: Product, org: Organization | None = None) -> None:
    object_id, published, names, body = _product_row(product, org or product.organization)
    engine.index("product", object_id, published=published, names=names, body=body)


def organization_rows() -> Iterator[tuple[int, bool, list, list]]:
    for org in Organization.objects.order_by("pk").iterator(chunk_size=2000):
        yield _organization_row(org)


def product_rows() -> Iterator[tuple[int, bool, list, list]]:
    for product in (
        Product.objects.select_related("organization").order_by("pk").iterator(chunk_size=2000)
    ):
        yield _product_row(product, product.organization)


@receiver(post_save, sender=Organization, dispatch_uid="registry.search.organization_saved")
def _organization_saved(sender, instance: Organization, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_organization(instance)


@receiver(post_save, sender=Product, dispatch_uid="registry.search.product_saved")
def _product_saved(sender, instance: Product, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_product(instance)


@receiver(post_delete, sender=Organization, dispatch_uid="registry.search.organization_deleted")
def _organization_deleted(sender, instance: Organization, **kwargs) -> None:
    engine.unindex("organization", instance.pk)


@receiver(post_delete, sender=Product, dispatch_uid="registry.search.product_deleted")
def _product_deleted(sender, instance: Product, **kwargs) -> None:
    engine.unindex("product", instance.pk)


engine.register_source("organization", organization_rows)
engine.register_source("product", product_rows)
