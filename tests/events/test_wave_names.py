"""A wave's label is how it is named everywhere; an Arabic label, when given, is how Arabic
pages show it (issue 17, item 3: labels typed as French month names showed on Arabic pages)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tadamon.calls.selectors.dashboard import event_dashboard
from tadamon.events.models import Wave
from tadamon.reports.selectors import wave_figures
from tests.events.test_allocation_support import fair

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(organizer_body):
    event, waves = fair(organizer_body, rows=1, columns=2, waves=2)
    Wave.objects.filter(pk=waves[0].pk).update(label="Juillet", label_ar="يوليوز")
    return event, [Wave.objects.get(pk=wave.pk) for wave in waves]


def test_the_name_follows_the_language_and_falls_back_on_the_label(named):
    _event, (july, second) = named
    with translation.override("ar"):
        assert (july.name, str(july), second.name) == ("يوليوز", "يوليوز", second.label)
    for language in ("fr", "en"):
        with translation.override(language):
            assert str(july) == july.name == "Juillet"


def test_arabic_pages_show_the_arabic_label_and_french_pages_the_label(client, organizer, named):
    event, _waves = named
    client.force_login(organizer)
    for name in ("events:event_detail", "events:allocation"):
        url = reverse(name, args=[event.pk])
        client.cookies["django_language"] = "ar"
        arabic = client.get(url).content.decode()
        assert "يوليوز" in arabic and "Juillet" not in arabic, name
        client.cookies["django_language"] = "fr"
        french = client.get(url).content.decode()
        assert "Juillet" in french and "يوليوز" not in french, name


def test_report_and_dashboard_figures_carry_the_name_in_the_reader_language(named):
    event, _waves = named
    with translation.override("ar"):
        rows = wave_figures(event)
        assert (rows[0]["label"], rows[0]["name"]) == ("Juillet", "يوليوز")
        assert event_dashboard(event).waves[0].name == "يوليوز"


def test_the_wave_form_and_the_api_take_the_arabic_label(client, organizer, named, api_for):
    event, _waves = named
    client.force_login(organizer)
    response = client.post(
        reverse("events:wave_create", args=[event.pk]),
        {
            "label": "Octobre",
            "label_ar": "  أكتوبر ",
            "start_date": "2026-09-01",
            "end_date": "2026-09-20",
        },
    )
    assert response.status_code == 302, response.content
    assert Wave.objects.get(event=event, label="Octobre").label_ar == "أكتوبر"
    api = api_for(organizer)
    url = f"/api/v1/events/{event.pk}/waves"
    created = api.post_json(
        url,
        {
            "label": "Novembre",
            "label_ar": "نونبر",
            "start_date": datetime.date(2026, 9, 21).isoformat(),
            "end_date": "2026-09-30",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["label_ar"] == "نونبر"
    assert {wave["label_ar"] for wave in api.get(url).json()} >= {"يوليوز", "نونبر"}
