import pytest

pytestmark = pytest.mark.django_db


def test_the_twelve_regions_with_their_three_names(api_for, observer):
    response = api_for(observer).get("/api/v1/reference/regions")

    assert response.status_code == 200
    regions = response.json()
    assert [r["code"] for r in regions] == [f"{n:02d}" for n in range(1, 13)]
    for region in regions:
        assert region["name_ar"] and region["name_fr"] and region["name_en"]
    assert regions[0]["name_fr"].startswith("Tanger")


def test_provinces_of_one_region(api_for, observer):
    client = api_for(observer)

    everywhere = client.get("/api/v1/reference/provinces").json()
    tta = client.get("/api/v1/reference/provinces", {"region": "01"}).json()

    assert {p["region"] for p in tta} == {"01"}
    assert len(everywhere) > len(tta) > 0
    mdiq = next(p for p in tta if p["code"] == "01.02")
    assert mdiq["kind"] == "prefecture" and mdiq["name_ar"] and mdiq["name_en"]


def test_sectors_and_organization_kinds(api_for, observer):
    client = api_for(observer)

    sectors = client.get("/api/v1/reference/sectors").json()
    kinds = client.get("/api/v1/reference/organization-kinds").json()

    assert {"terroir_products", "textile"} <= {s["code"] for s in sectors}
    cooperative = next(k for k in kinds if k["code"] == "cooperative")
    assert set(cooperative) == {"code", "name_ar", "name_fr", "name_en"}
    assert cooperative["name_fr"] == "Coopérative"
