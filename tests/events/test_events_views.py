"""The event pages: list, form, detail, waves, booths, partners, participations, and who may
do what."""

import datetime

import pytest
from django.urls import reverse

from tadamon.events.models import Booth, Event, EventPartner, Participation, Wave
from tadamon.registry.models import Province
from tests.factories import EventFactory, OrganizationFactory, region

pytestmark = pytest.mark.django_db


def _event_form(**overrides):
    data = {
        "kind": "bazaar",
        "title_ar": "البازار التضامني",
        "title_fr": "Bazar solidaire",
        "theme_ar": "تثمين المنتجات المحلية",
        "new_series": "Bazar solidaire de M'diq",
        "edition": "2",
        "region": region("01").pk,
        "province": Province.objects.get(code="01.02").pk,
        "city": "المضيق",
        "venue": "ساحة المدينة",
        "start_date": "2025-07-01",
        "end_date": "2025-09-30",
        "opening_hours": "10:00–22:00",
        "area_m2": "1200",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 9, 30),
    )


# The whole path through the pages -------------------------------------------------------


def test_organizer_creates_an_event_with_three_waves_and_a_booth_grid(client, organizer):
    client.force_login(organizer)
    assert client.get(reverse("events:event_create")).status_code == 200
    response = client.post(reverse("events:event_create"), _event_form())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_detail", args=[event.pk])
    assert event.organizer == organizer.organization and event.series.name_fr.startswith("Bazar")
    assert event.edition == 2 and event.days == 92

    wave_url = reverse("events:wave_create", args=[event.pk])
    months = [("Juillet", "07", "31"), ("Août", "08", "31"), ("Septembre", "09", "30")]
    for label, month, last in months:
        response = client.post(
            wave_url,
            {
                "label": label,
                "start_date": f"2025-{month}-01",
                "end_date": f"2025-{month}-{last}",
                "capacity": "60",
                "add_another": "1",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
    assert list(event.waves.values_list("label", flat=True)) == ["Juillet", "Août", "Septembre"]

    booths_url = reverse("events:booth_list", args=[event.pk])
    response = client.post(
        booths_url,
        {
            "rows": "3",
            "columns": "20",
            "zones": "Artisanat\nTerroir\nCosmétique",
            "accessible_rows": "1",
        },
    )
    assert response.status_code == 302
    assert event.booths.count() == 60
    assert event.booths.filter(accessible=True).count() == 20

    detail = client.get(reverse("events:event_detail", args=[event.pk]))
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "Septembre" in page and "Terroir" in page
    assert reverse("events:event_edit", args=[event.pk]) in page
    plan = client.get(booths_url).content.decode()
    assert "A-01" in plan and "C-20" in plan


def test_form_errors_are_shown_next_to_the_fields(client, organizer):
    client.force_login(organizer)
    response = client.post(reverse("events:event_create"), _event_form(end_date="2025-06-01"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"end_date"}
    assert "invalid-feedback" in response.content.decode()
    assert not Event.objects.exists()


def test_a_wave_outside_the_event_is_shown_on_its_field(client, organizer, event):
    client.force_login(organizer)
    response = client.post(
        reverse("events:wave_create", args=[event.pk]),
        {"label": "Octobre", "start_date": "2025-10-01", "end_date": "2025-10-31"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"end_date"}
    assert not Wave.objects.exists()


def test_edit_event(client, organizer, event):
    client.force_login(organizer)
    url = reverse("events:event_edit", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _event_form(
            title_fr="Bazar renommé", new_series="", edition="", province="", area_m2="900"
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fr == "Bazar renommé" and event.area_m2 == 900


def test_publish_button(client, organizer, event):
    client.force_login(organizer)
    client.post(reverse("events:event_publish", args=[event.pk]), {"published": "0"})
    event.refresh_from_db()
    assert not event.is_published
    client.post(reverse("events:event_publish", args=[event.pk]), {"published": "1"})
    event.refresh_from_db()
    assert event.is_published


# List -----------------------------------------------------------------------------------


def test_list_filters_and_search(client, organizer, organizer_body):
    bazaar = EventFactory(
        organizer=organizer_body,
        kind="bazaar",
        title_fr="Bazar solidaire",
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 9, 30),
    )
    salon = EventFactory(
        organizer=organizer_body,
        title_fr="Salon régional d'Azilal",
        region=region("05"),
        start_date=datetime.date(2018, 7, 25),
        end_date=datetime.date(2018, 7, 29),
    )
    client.force_login(organizer)
    url = reverse("events:event_list")
    assert list(client.get(url).context["page"].object_list) == [bazaar, salon]
    assert list(client.get(url, {"kind": "bazaar"}).context["page"].object_list) == [bazaar]
    assert list(client.get(url, {"region": "05"}).context["page"].object_list) == [salon]
    assert list(client.get(url, {"year": "2018"}).context["page"].object_list) == [salon]
    assert list(client.get(url, {"q": "azilal"}).context["page"].object_list) == [salon]
    partial = client.get(url, {"q": "bazar"}, HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "events/includes/event_results.html"


# Scope ----------------------------------------------------------------------------------


def _manage_urls(event, wave, participation, partner):
    return [
        reverse("events:event_edit", args=[event.pk]),
        reverse("events:wave_create", args=[event.pk]),
        reverse("events:wave_edit", args=[wave.pk]),
        reverse("events:wave_delete", args=[wave.pk]),
        reverse("events:booth_delete_all", args=[event.pk]),
        reverse("events:partner_create", args=[event.pk]),
        reverse("events:partner_delete", args=[event.pk, partner.pk]),
        reverse("events:participation_create", args=[event.pk]),
        reverse("events:participation_edit", args=[participation.pk]),
        reverse("events:participation_delete", args=[participation.pk]),
        reverse("events:organization_options", args=[event.pk]),
    ]


def test_exhibitor_reads_a_published_event_but_gets_403_on_its_manage_pages(
    client, exhibitor, event, other_org
):
    wave = Wave.objects.create(
        event=event, label="Juillet", start_date=event.start_date, end_date=event.start_date
    )
    participation = Participation.objects.create(event=event, organization=exhibitor.organization)
    Participation.objects.create(event=event, organization=other_org)
    partner = EventPartner.objects.create(event=event, organization=other_org, role="sponsor")
    client.force_login(exhibitor)

    detail = client.get(reverse("events:event_detail", args=[event.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert reverse("events:event_edit", args=[event.pk]) not in page
    # Only its own participation is listed.
    assert list(detail.context["participations"].object_list) == [participation]
    assert str(other_org) not in page.split('id="participations"')[1]

    for url in _manage_urls(event, wave, participation, partner):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("events:booth_list", args=[event.pk]), {"rows": 1}).status_code == 403
    )
    assert client.get(reverse("events:event_create")).status_code == 403
    assert client.post(reverse("events:event_publish", args=[event.pk])).status_code == 403


def test_unpublished_event_is_404_for_outsiders(client, exhibitor, organizer_body, other_org):
    hidden = EventFactory(organizer=organizer_body, is_published=False)
    wave = Wave.objects.create(
        event=hidden, label="x", start_date=hidden.start_date, end_date=hidden.start_date
    )
    participation = Participation.objects.create(event=hidden, organization=other_org)
    partner = EventPartner.objects.create(event=hidden, organization=other_org, role="sponsor")
    client.force_login(exhibitor)
    assert client.get(reverse("events:event_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("events:booth_list", args=[hidden.pk])).status_code == 404
    for url in _manage_urls(hidden, wave, participation, partner):
        assert client.get(url).status_code == 404, url
    assert hidden not in client.get(reverse("events:event_list")).context["page"].object_list


def test_anonymous_users_go_to_the_login_page(client, event):
    response = client.get(reverse("events:event_detail", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# Participations, partners, deletions ----------------------------------------------------


def test_register_an_organization_found_by_search(client, organizer, event):
    cooperative = OrganizationFactory(name_ar="تعاونية الأمل", name_fr="Coopérative Al Amal")
    wave = Wave.objects.create(
        event=event, label="Juillet", start_date=event.start_date, end_date=event.start_date
    )
    client.force_login(organizer)
    url = reverse("events:participation_create", args=[event.pk])
    options = client.get(reverse("events:organization_options", args=[event.pk]), {"q": "الامل"})
    assert f'value="{cooperative.pk}"' in options.content.decode()
    searched = client.get(url, {"q": "Amal"})
    assert f'value="{cooperative.pk}"' in searched.content.decode()

    response = client.post(
        url, {"organization": cooperative.pk, "wave": wave.pk, "status": "confirmed"}
    )
    assert response.status_code == 302
    participation = Participation.objects.get()
    assert (participation.organization, participation.wave) == (cooperative, wave)

    again = client.post(url, {"organization": cooperative.pk, "status": "pending"})
    assert again.status_code == 200
    assert "organization" in again.context["form"].errors
    assert Participation.objects.count() == 1


def test_change_and_remove_a_participation_with_confirmation(client, organizer, event, other_org):
    participation = Participation.objects.create(event=event, organization=other_org)
    client.force_login(organizer)
    edit = reverse("events:participation_edit", args=[participation.pk])
    assert client.post(edit, {"status": "withdrawn", "wave": ""}).status_code == 302
    participation.refresh_from_db()
    assert participation.status == "withdrawn"

    delete = reverse("events:participation_delete", args=[participation.pk])
    confirmation = client.get(delete)
    assert confirmation.status_code == 200 and str(other_org) in confirmation.content.decode()
    assert Participation.objects.exists()
    client.post(delete)
    assert not Participation.objects.exists()


def test_wave_with_exhibitors_is_not_deleted(client, organizer, event, other_org):
    wave = Wave.objects.create(
        event=event, label="Juillet", start_date=event.start_date, end_date=event.start_date
    )
    Participation.objects.create(event=event, organization=other_org, wave=wave)
    client.force_login(organizer)
    response = client.post(reverse("events:wave_delete", args=[wave.pk]), follow=True)
    assert Wave.objects.filter(pk=wave.pk).exists()
    assert "Juillet" in " ".join(str(m) for m in response.context["messages"])


def test_delete_all_booths_asks_first(client, organizer, event):
    Booth.objects.bulk_create(Booth(event=event, code=f"A-{n:02d}") for n in range(1, 6))
    client.force_login(organizer)
    url = reverse("events:booth_delete_all", args=[event.pk])
    assert client.get(url).status_code == 200
    assert event.booths.count() == 5
    client.post(url)
    assert not event.booths.exists()


def test_add_and_remove_a_partner(client, organizer, event, other_org):
    client.force_login(organizer)
    response = client.post(
        reverse("events:partner_create", args=[event.pk]),
        {"organization": other_org.pk, "role": "co_organizer"},
    )
    assert response.status_code == 302
    partner = EventPartner.objects.get()
    delete = reverse("events:partner_delete", args=[event.pk, partner.pk])
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not EventPartner.objects.exists()


def test_pages_render_in_arabic_right_to_left(client, organizer, event):
    client.force_login(organizer)
    client.cookies["django_language"] = "ar"
    for url in (
        reverse("events:event_list"),
        reverse("events:event_create"),
        reverse("events:event_detail", args=[event.pk]),
        reverse("events:booth_list", args=[event.pk]),
        reverse("events:participation_create", args=[event.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.content.decode(), url
