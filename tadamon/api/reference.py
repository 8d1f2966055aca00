"""Reference data: regions, provinces, sectors and organization kinds, by code."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from tadamon.api.schemas import ProvinceOut, ReferenceOut
from tadamon.registry import selectors

router = Router(tags=["reference"])


@router.get("/regions", response=list[ReferenceOut])
def regions(request: HttpRequest) -> QuerySet:
    return selectors.regions()


@router.get("/provinces", response=list[ProvinceOut])
def provinces(request: HttpRequest, region: str = Query("", max_length=200)) -> QuerySet:
    """Provinces and prefectures, of one region when `region` (a code) is given."""
    return selectors.provinces(region=region)


@router.get("/sectors", response=list[ReferenceOut])
def sectors(request: HttpRequest) -> QuerySet:
    return selectors.sectors()


@router.get("/organization-kinds", response=list[ReferenceOut])
def organization_kinds(request: HttpRequest) -> QuerySet:
    return selectors.organization_kinds()
