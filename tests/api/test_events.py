"""The events endpoints: events, waves, booths, partners and participations (SPEC 4)."""

import datetime

import pytest

from tadamon.accounts.models import Role
from tadamon.events.models import Booth, Event, EventPartner, EventSeries, Participation, Wave
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


def _event_body(**overrides):
    return {
        "kind": "bazaar",
        "title_ar": "البازار التضامني",
        "title_fr": "Bazar solidaire",
        "series": "Bazar solidaire de M'diq",
        "edition": 2,
        "theme_ar": "تثمين المنتجات المحلية",
        "theme_fr": "Valorisation des produits locaux",
        "region": "01",
        "province": "01.02",
        "city": "M'diq",
        "start_date": "2025-07-01",
        "end_date": "2025-09-30",
        "area_m2": 1200,
        **overrides,
    }


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


def _messages(response) -> str:
    return " ".join(error["message"] for error in response.json()["detail"])


def _create(client, **overrides) -> dict:
    response = client.post_json(URL, _event_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


# The E1 shape ----------------------------------------------------------------------------


def test_e1_like_bazaar_with_three_monthly_waves_sixty_booths_and_participations(
    api_for, organizer, organizer_body
):
    client = api_for(organizer)
    event = _create(client)
    assert isinstance(event["id"], int)
    assert event["kind"] == "bazaar" and event["edition"] == 2
    assert event["organizer"] == organizer_body.pk
    assert event["region"] == "01" and event["province"] == "01.02"
    assert event["series_name"] == "Bazar solidaire de M'diq" and event["days"] == 92
    event_url = f"{URL}/{event['id']}"

    months = [
        ("2025-07-01", "2025-07-31"),
        ("2025-08-01", "2025-08-31"),
        ("2025-09-01", "2025-09-30"),
    ]
    waves = []
    for number, (start, end) in enumerate(months, start=1):
        response = client.post_json(
            f"{event_url}/waves",
            {"label": f"Mois {number}", "start_date": start, "end_date": end, "capacity": 60},
        )
        assert response.status_code == 201, response.content
        waves.append(response.json())
    assert [wave["capacity"] for wave in waves] == [60, 60, 60]
    listed = client.get(f"{event_url}/waves").json()
    assert [wave["label"] for wave in listed] == ["Mois 1", "Mois 2", "Mois 3"]

    booths = [
        {"code": f"{zone}-{n:02d}", "zone": zone, "accessible": n == 1}
        for zone in "ABC"
        for n in range(1, 21)
    ]
    response = client.post_json(f"{event_url}/booths", booths)
    assert response.status_code == 201, response.content
    assert len(response.json()) == 60 and response.json()[0]["id"]
    assert len(client.get(f"{event_url}/booths").json()) == 60

    exhibitors = [OrganizationFactory() for _ in range(6)]
    for index, organization in enumerate(exhibitors):
        response = client.post_json(
            f"{event_url}/participations",
            {"organization": organization.pk, "wave": waves[index % 3]["id"]},
        )
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "confirmed"  # the default: counts as an exhibitor
    page = client.get(f"{event_url}/participations", {"wave": waves[0]["id"]}).json()
    assert page["count"] == 2
    assert {item["wave"] for item in page["items"]} == {waves[0]["id"]}


def test_series_by_name_is_found_again_and_by_id(api_for, organizer):
    client = api_for(organizer)
    first = _create(client, edition=1, start_date="2024-07-01", end_date="2024-09-30")
    second = _create(client, edition=2)
    assert first["series"] == second["series"]
    assert EventSeries.objects.count() == 1
    third = _create(
        client, series=first["series"], edition=3, start_date="2026-07-01", end_date="2026-07-31"
    )
    assert third["series"] == first["series"]


# Errors name their fields ----------------------------------------------------------------


def test_an_event_that_ends_before_it_starts_is_refused_on_end_date(api_for, organizer):
    response = api_for(organizer).post_json(
        URL, _event_body(start_date="2025-07-10", end_date="2025-07-01")
    )
    assert response.status_code == 400
    assert _fields(response) == {"end_date"}
    assert not Event.objects.exists()


def test_a_repeated_edition_in_a_series_is_refused_on_edition(api_for, organizer):
    client = api_for(organizer)
    _create(client)
    response = client.post_json(URL, _event_body())
    assert response.status_code == 400
    assert _fields(response) == {"edition"}


def test_unknown_region_province_and_kind(api_for, organizer):
    client = api_for(organizer)
    response = client.post_json(URL, _event_body(region="99", province="05.02"))
    assert response.status_code == 400
    assert "region" in _fields(response)
    outside = client.post_json(URL, _event_body(province="05.02"))  # Azilal is not in TTA
    assert outside.status_code == 400 and _fields(outside) == {"province"}
    wrong_kind = client.post_json(URL, _event_body(kind="carnival"))
    assert wrong_kind.status_code == 422 and _fields(wrong_kind) == {"kind"}


def test_a_wave_outside_the_event_is_refused_on_the_right_date(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    response = client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "Trop tard", "start_date": "2025-09-15", "end_date": "2025-10-15"},
    )
    assert response.status_code == 400 and _fields(response) == {"end_date"}
    early = client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "Trop tôt", "start_date": "2025-06-15", "end_date": "2025-07-15"},
    )
    assert early.status_code == 400 and _fields(early) == {"start_date"}
    backwards = client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "À l'envers", "start_date": "2025-08-15", "end_date": "2025-08-01"},
    )
    assert backwards.status_code == 400 and _fields(backwards) == {"end_date"}
    assert not Wave.objects.exists()


def test_duplicate_booth_codes_create_nothing_and_name_the_code(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    url = f"{URL}/{event['id']}/booths"
    response = client.post_json(
        url,
        [
            {"code": "A-01", "zone": "A", "accessible": True},
            {"code": "A-02", "zone": "A", "accessible": False},
            {"code": "A-01", "zone": "A", "accessible": False},
        ],
    )
    assert response.status_code == 400
    assert _fields(response) == {"code"} and "A-01" in _messages(response)
    assert not Booth.objects.exists()

    assert client.post_json(url, [{"code": "B-01", "zone": "B"}]).status_code == 201
    again = client.post_json(url, [{"code": "B-02"}, {"code": "B-01"}])
    assert again.status_code == 400 and "B-01" in _messages(again)
    assert Booth.objects.count() == 1


def test_booth_grid_endpoint(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    response = client.post_json(
        f"{URL}/{event['id']}/booths/grid",
        {"rows": 2, "columns": 3, "zones": ["Artisanat", "Terroir"], "accessible_rows": [1]},
    )
    assert response.status_code == 201, response.content
    codes = [booth["code"] for booth in response.json()]
    assert codes == ["A-01", "A-02", "A-03", "B-01", "B-02", "B-03"]
    bad = client.post_json(
        f"{URL}/{event['id']}/booths/grid", {"rows": 3, "columns": 2, "zones": ["x", "y"]}
    )
    assert bad.status_code == 400 and _fields(bad) == {"zones"}


def test_participation_once_per_event_is_a_400_on_organization(api_for, organizer, other_org):
    client = api_for(organizer)
    event = _create(client)
    url = f"{URL}/{event['id']}/participations"
    assert client.post_json(url, {"organization": other_org.pk}).status_code == 201
    again = client.post_json(url, {"organization": other_org.pk, "status": "pending"})
    assert again.status_code == 400 and _fields(again) == {"organization"}
    unknown = client.post_json(url, {"organization": 999999, "wave": 999999})
    assert unknown.status_code == 400 and _fields(unknown) == {"organization", "wave"}
    bad_status = client.post_json(url, {"organization": other_org.pk, "status": "withdrawn"})
    assert bad_status.status_code == 422 and _fields(bad_status) == {"status"}


def test_patch_participation_status_and_wave(api_for, organizer, other_org):
    client = api_for(organizer)
    event = _create(client)
    wave = client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "Juillet", "start_date": "2025-07-01", "end_date": "2025-07-31"},
    ).json()
    created = client.post_json(
        f"{URL}/{event['id']}/participations", {"organization": other_org.pk, "status": "pending"}
    ).json()
    response = client.patch_json(
        f"/api/v1/participations/{created['id']}", {"status": "confirmed", "wave": wave["id"]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "confirmed" and response.json()["wave"] == wave["id"]
    out = client.patch_json(f"/api/v1/participations/{created['id']}", {"wave": None})
    assert out.json()["wave"] is None and out.json()["status"] == "confirmed"
    other_event = EventFactory(organizer=organizer.organization)
    foreign_wave = Wave.objects.create(
        event=other_event,
        label="x",
        start_date=other_event.start_date,
        end_date=other_event.start_date,
    )
    refused = client.patch_json(
        f"/api/v1/participations/{created['id']}", {"wave": foreign_wave.pk}
    )
    assert refused.status_code == 400 and _fields(refused) == {"wave"}


def test_a_full_wave_refuses_one_more(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    wave = client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "Juillet", "start_date": "2025-07-01", "end_date": "2025-07-31", "capacity": 1},
    ).json()
    url = f"{URL}/{event['id']}/participations"
    first, second = OrganizationFactory(), OrganizationFactory()
    assert client.post_json(url, {"organization": first.pk, "wave": wave["id"]}).status_code == 201
    full = client.post_json(url, {"organization": second.pk, "wave": wave["id"]})
    assert full.status_code == 400 and _fields(full) == {"wave"}


def test_patch_event_dates_cannot_leave_a_wave_outside(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    client.post_json(
        f"{URL}/{event['id']}/waves",
        {"label": "Septembre", "start_date": "2025-09-01", "end_date": "2025-09-30"},
    )
    response = client.patch_json(f"{URL}/{event['id']}", {"end_date": "2025-08-31"})
    assert response.status_code == 400 and _fields(response) == {"end_date"}
    assert "Septembre" in _messages(response)
    ok = client.patch_json(f"{URL}/{event['id']}", {"area_m2": 1500, "is_published": True})
    assert ok.status_code == 200 and ok.json()["area_m2"] == 1500


def test_malformed_bodies_are_422_not_500(api_for, organizer):
    client = api_for(organizer)
    event = _create(client)
    assert client.post_json(f"{URL}/{event['id']}/booths", {"code": "A"}).status_code == 422
    assert client.post_json(f"{URL}/{event['id']}/booths", [{"zone": "A"}]).status_code == 422
    assert client.post_json(URL, _event_body(start_date="1 July")).status_code == 422
    assert client.post_json(URL, _event_body(edition=0)).status_code == 422


# Scope ----------------------------------------------------------------------------------


def test_exhibitor_reads_published_events_but_cannot_write(api_for, organizer, exhibitor):
    published = EventFactory(organizer=organizer.organization, is_published=True)
    hidden = EventFactory(organizer=organizer.organization, is_published=False)
    client = api_for(exhibitor)
    ids = [item["id"] for item in client.get(URL).json()["items"]]
    assert ids == [published.pk]
    assert client.get(f"{URL}/{published.pk}").status_code == 200
    assert client.get(f"{URL}/{hidden.pk}").status_code == 404

    assert client.post_json(URL, _event_body()).status_code == 403
    assert client.patch_json(f"{URL}/{published.pk}", {"city": "X"}).status_code == 403
    assert client.patch_json(f"{URL}/{hidden.pk}", {"city": "X"}).status_code == 404
    wave = {"label": "x", "start_date": "2026-06-01", "end_date": "2026-06-02"}
    assert client.post_json(f"{URL}/{published.pk}/waves", wave).status_code == 403
    assert client.post_json(f"{URL}/{hidden.pk}/waves", wave).status_code == 404
    booth = [{"code": "A-01", "zone": "A", "accessible": False}]
    assert client.post_json(f"{URL}/{published.pk}/booths", booth).status_code == 403
    registration = {"organization": exhibitor.organization_id}
    assert client.post_json(f"{URL}/{published.pk}/participations", registration).status_code == 403
    assert not Participation.objects.exists() and not Booth.objects.exists()


def test_exhibitor_sees_only_its_own_participation(api_for, organizer, exhibitor, other_org):
    event = EventFactory(organizer=organizer.organization, is_published=True)
    mine = Participation.objects.create(event=event, organization=exhibitor.organization)
    theirs = Participation.objects.create(event=event, organization=other_org)
    client = api_for(exhibitor)
    items = client.get(f"{URL}/{event.pk}/participations").json()["items"]
    assert [item["id"] for item in items] == [mine.pk]
    assert client.get(f"/api/v1/participations/{theirs.pk}").status_code == 404
    assert (
        client.patch_json(f"/api/v1/participations/{mine.pk}", {"status": "confirmed"}).status_code
        == 403
    )
    assert (
        client.patch_json(
            f"/api/v1/participations/{theirs.pk}", {"status": "confirmed"}
        ).status_code
        == 404
    )


def test_organizer_of_another_body_cannot_manage(api_for, organizer):
    stranger_body = OrganizationFactory(kind=kind("public_institution"))
    stranger = UserFactory(role=Role.ORGANIZER, organization=stranger_body)
    event = EventFactory(organizer=organizer.organization, is_published=True)
    client = api_for(stranger)
    assert client.patch_json(f"{URL}/{event.pk}", {"city": "Tanger"}).status_code == 403
    # Once co-organizer, it can.
    EventPartner.objects.create(
        event=event, organization=stranger_body, role=EventPartner.Role.CO_ORGANIZER
    )
    assert client.patch_json(f"{URL}/{event.pk}", {"city": "Tanger"}).status_code == 200


def test_organizer_cannot_create_for_another_body(api_for, organizer, other_org):
    response = api_for(organizer).post_json(URL, _event_body(organizer=other_org.pk))
    assert response.status_code == 400 and _fields(response) == {"organizer"}


def test_partners_added_and_removed(api_for, organizer, other_org):
    client = api_for(organizer)
    event = _create(client)
    response = client.post_json(
        f"{URL}/{event['id']}/partners", {"organization": other_org.pk, "role": "sponsor"}
    )
    assert response.status_code == 201, response.content
    detail = client.get(f"{URL}/{event['id']}").json()
    assert detail["partners"][0]["role"] == "sponsor"
    again = client.post_json(
        f"{URL}/{event['id']}/partners", {"organization": other_org.pk, "role": "sponsor"}
    )
    assert again.status_code == 400 and _fields(again) == {"organization"}
    deleted = client.delete(f"{URL}/{event['id']}/partners/{response.json()['id']}")
    assert deleted.status_code == 204 and not EventPartner.objects.exists()


# Lists ----------------------------------------------------------------------------------


def test_list_is_paginated_newest_first_with_filters(api_for, organizer, observer):
    body = organizer.organization
    old = EventFactory(
        organizer=body,
        start_date=datetime.date(2018, 7, 25),
        end_date=datetime.date(2018, 7, 29),
        region_id=None or body.region_id,
    )
    new = EventFactory(
        organizer=body,
        kind="bazaar",
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 9, 30),
    )
    spanning = EventFactory(
        organizer=body, start_date=datetime.date(2023, 12, 20), end_date=datetime.date(2024, 1, 10)
    )
    client = api_for(observer)
    page = client.get(URL, {"page_size": 2}).json()
    assert page["count"] == 3
    assert [item["id"] for item in page["items"]] == [new.pk, spanning.pk]
    second = client.get(URL, {"page_size": 2, "page": 2}).json()
    assert [item["id"] for item in second["items"]] == [old.pk]

    assert [i["id"] for i in client.get(URL, {"kind": "bazaar"}).json()["items"]] == [new.pk]
    assert [i["id"] for i in client.get(URL, {"year": 2018}).json()["items"]] == [old.pk]
    assert [i["id"] for i in client.get(URL, {"year": 2024}).json()["items"]] == [spanning.pk]
    assert client.get(URL, {"region": "05"}).json()["count"] == 0
    assert client.get(URL, {"region": "01"}).json()["count"] == 3
    assert client.get(URL, {"year": "soon"}).status_code == 422


def test_series_filter_by_id_and_name(api_for, organizer):
    client = api_for(organizer)
    first = _create(client, edition=1, start_date="2024-07-01", end_date="2024-09-30")
    _create(client, series="Autre série", edition=1)
    by_id = client.get(URL, {"series": first["series"]}).json()
    assert [item["id"] for item in by_id["items"]] == [first["id"]]
    by_name = client.get(URL, {"series": "autre"}).json()
    assert by_name["count"] == 1
