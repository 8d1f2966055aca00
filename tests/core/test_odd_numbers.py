"""Issue 15: odd numbers in query strings (too large for the database, or digits that are not
ASCII, such as "²" which passes str.isdigit) answered 500; and an unexpected API error
answered Django's HTML error page instead of the API's JSON error body."""

import logging

import pytest
from django.test import Client

from tadamon.api import events as api_events
from tadamon.events.forms.events import BoothGridForm, EventForm
from tests.factories import EventFactory, region

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999999"


@pytest.fixture
def event(organizer):
    return EventFactory(organizer=organizer.organization)


@pytest.fixture
def signed_in(organizer) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)
    return client


def test_an_api_series_filter_too_large_for_an_id_finds_nothing(api_for, organizer, event):
    response = api_for(organizer).get(f"/api/v1/events?series={TOO_LARGE}")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_an_api_series_filter_of_unicode_digits_is_a_name_search(api_for, organizer, event):
    response = api_for(organizer).get("/api/v1/events", {"series": "²"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/{event}/participations?wave={value}",
        "/api/v1/events/{event}/applications?wave={value}",
        "/api/v1/events/{event}/assignments?wave={value}",
        "/api/v1/observatory?organizer={value}",
        "/api/v1/people?organization={value}",
    ],
)
def test_an_api_id_parameter_beyond_the_largest_id_is_a_422(api_for, organizer, event, url):
    response = api_for(organizer).get(url.format(event=event.pk, value=TOO_LARGE))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] in {"wave", "organizer", "organization"}


@pytest.mark.parametrize("wave", [TOO_LARGE, "²", "٣", "-1", "0", "1.5", ""])
def test_an_odd_wave_filter_shows_every_participation(signed_in, event, wave):
    response = signed_in.get(f"/events/{event.pk}/", {"wave": wave})
    assert response.status_code == 200
    assert response.context["chosen_wave"] is None


def test_the_wave_filter_still_keeps_one_wave(signed_in, event):
    wave = event.waves.create(
        label="July", start_date=event.start_date, end_date=event.end_date, capacity=5
    )
    response = signed_in.get(f"/events/{event.pk}/", {"wave": str(wave.pk)})
    assert response.status_code == 200
    assert response.context["chosen_wave"] == wave.pk


@pytest.mark.parametrize("province", [TOO_LARGE, "²", "-3", "x"])
def test_an_odd_province_in_the_location_fields_is_dropped(signed_in, province):
    response = signed_in.get(
        "/registry/organizations/location/", {"region": region().pk, "province": province}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["province"] is None


def test_an_odd_province_without_a_region_is_dropped(signed_in):
    response = signed_in.get("/registry/organizations/location/", {"province": TOO_LARGE})
    assert response.status_code == 200
    assert response.context["form"].initial["province"] is None


def test_a_province_of_the_region_is_kept(signed_in):
    chosen = region()
    province = chosen.provinces.first()
    response = signed_in.get(
        "/registry/organizations/location/", {"region": chosen.pk, "province": province.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["province"] == str(province.pk)


# The API's answer to an unexpected error. -------------------------------------------------


def test_an_unexpected_api_error_answers_the_json_error_body_and_is_logged(
    api_for, organizer, settings, monkeypatch, caplog
):
    settings.DEBUG = False

    def broken(**kwargs):
        raise RuntimeError("the selector broke")

    monkeypatch.setattr(api_events.selectors, "event_list", broken)
    client = api_for(organizer)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "detail": [{"field": None, "message": "An unexpected error occurred; it was recorded."}]
    }
    assert any(
        record.exc_info and "the selector broke" in str(record.exc_info[1])
        for record in caplog.records
    )


# Forms that read ids and numbers by hand. -------------------------------------------------


@pytest.mark.parametrize("rows", ["²", "1, ²", TOO_LARGE + "9" * 20, "-1"])
def test_odd_accessible_rows_are_a_field_error(rows):
    form = BoothGridForm(data={"rows": 2, "columns": 2, "accessible_rows": rows})
    assert not form.is_valid()
    assert form.errors["accessible_rows"] == ["Give row numbers, separated by commas."]


def test_accessible_rows_are_read():
    form = BoothGridForm(data={"rows": 2, "columns": 2, "accessible_rows": "1, 2"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["accessible_rows"] == [1, 2]


@pytest.mark.parametrize("region_value", [TOO_LARGE, "²"])
def test_an_odd_region_in_the_event_form_is_a_field_error(organizer, region_value):
    form = EventForm(data={"region": region_value}, user=organizer)
    assert not form.is_valid()
    assert "region" in form.errors


class _BrokenMiddleware:
    """Raises for every request, as a defective middleware around the API would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise RuntimeError("a middleware broke")


def test_an_error_around_the_api_still_answers_its_json_error_body(settings):
    # The API's own handler cannot see an error raised outside the operation (a middleware):
    # handler500 answers API paths in the API's shape, other pages as Django's error page.
    settings.DEBUG = False
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}._BrokenMiddleware"]
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/api/v1/events")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": [{"field": None, "message": "An unexpected error occurred; it was recorded."}]
    }
    page = client.get("/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
