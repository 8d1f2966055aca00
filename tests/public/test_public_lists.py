"""The public list of fairs, the text search of the directory and catalogue, and an event's
exhibitors with what each count counts, filters and pages (issue 17, items 5 and 8)."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.core.search import engine
from tadamon.events.models import EventKind, Participation, Wave
from tadamon.events.services import booth_moves, booths
from tadamon.public import pages
from tests.factories import EventFactory, OrganizationFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def fairs(organizer_body):
    make = lambda title, start, end, **kw: EventFactory(  # noqa: E731
        organizer=organizer_body,
        title_ar="",
        title_fr=title,
        is_published=True,
        start_date=_days(start),
        end_date=_days(end),
        **kw,
    )
    fairs = {
        "now": make("Bazar solidaire de Tétouan", -1, 2, kind=EventKind.BAZAAR),
        "soon": make("Salon régional d'Azilal", 20, 25, kind=EventKind.REGIONAL_EXHIBITION),
        "past": make("Marché itinérant de Fès", -60, -55, kind=EventKind.MOBILE_MARKET),
        "older": make("Bazar solidaire de M'diq", -400, -390, kind=EventKind.BAZAAR),
    }
    EventFactory(organizer=organizer_body, title_fr="Brouillon", is_published=False)
    engine.rebuild()
    return fairs


def _titles(client, **params) -> list[str]:
    """The fairs listed, in order, read from the HTML (a visitor's page may come from the
    cache, which keeps no template context)."""
    page = client.get(reverse("public:events"), params)
    assert page.status_code == 200
    return [
        html.unescape(title)
        for title in re.findall(r'<a class="fw-semibold" href="/e/\d+/">([^<]*)</a>', page.text)
    ]


def test_the_list_of_fairs_puts_what_is_on_first_then_the_past(client, fairs):
    assert _titles(client) == [
        "Bazar solidaire de Tétouan",
        "Salon régional d'Azilal",
        "Marché itinérant de Fès",
        "Bazar solidaire de M'diq",
    ]
    assert _titles(client, when="current") == ["Bazar solidaire de Tétouan"]
    assert _titles(client, when="upcoming") == ["Salon régional d'Azilal"]
    assert _titles(client, when="past") == ["Marché itinérant de Fès", "Bazar solidaire de M'diq"]
    assert _titles(client, kind=EventKind.BAZAAR, when="past") == ["Bazar solidaire de M'diq"]
    assert set(_titles(client, q="bazar")) == {
        "Bazar solidaire de Tétouan",
        "Bazar solidaire de M'diq",
    }
    assert _titles(client, when="someday") == _titles(client)  # a bad value is ignored


def test_the_home_page_leads_to_the_list_of_fairs(client, fairs):
    home = client.get(reverse("public:home")).content.decode()
    assert reverse("public:events") in home


def test_the_directory_and_the_catalogue_take_a_text_query(client, organizer_body):
    argan = OrganizationFactory(
        name_ar="تعاونية أركان", name_fr="Coopérative Argan Tiznit", public_profile=True
    )
    other = OrganizationFactory(
        name_ar="تعاونية الزرابي", name_fr="Coopérative des tapis", public_profile=True
    )
    ProductFactory(organization=argan, name_ar="زيت الأركان", name_fr="Huile d'argan")
    ProductFactory(organization=other, name_ar="زربية", name_fr="Tapis tissé")
    engine.rebuild()
    directory = client.get(reverse("public:directory"), {"q": "argan"}).context["page"]
    assert [o.pk for o in directory.object_list] == [argan.pk]
    catalogue = client.get(reverse("public:catalogue"), {"q": "زيت"}).context["page"]
    assert [p.name_fr for p in catalogue.object_list] == ["Huile d'argan"]


def test_an_events_exhibitors_say_what_each_count_counts_and_page(
    client, organizer, organizer_body, django_capture_on_commit_callbacks
):
    fair = EventFactory(organizer=organizer_body, is_published=True)
    listed = [
        OrganizationFactory(name_ar="", name_fr=f"Coopérative {n:02d}", public_profile=True)
        for n in range(pages.EXHIBITORS_PAGE_SIZE + 3)
    ]
    unlisted = OrganizationFactory(public_profile=False)
    for organization in [*listed, unlisted]:
        Participation.objects.create(event=fair, organization=organization, status="confirmed")
    url = reverse("public:event", args=[fair.pk])
    client.cookies["django_language"] = "en"
    first = client.get(url)
    html = first.content.decode()
    total = len(listed)
    assert f"{total} of the {total + 1} confirmed exhibitors are listed here" in html
    assert len(first.context["page"].object_list) == pages.EXHIBITORS_PAGE_SIZE
    assert ">Booth<" not in html  # nobody has a booth yet: no empty column
    second = client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 3

    participation = Participation.objects.get(event=fair, organization=listed[0])
    # Through the services, committed as a request would: the page changes at once.
    with django_capture_on_commit_callbacks(execute=True):
        (booth,) = booths.add_booths(
            actor=organizer, event=fair, booths=[{"code": "A-07", "zone": "A"}]
        )
        booth_moves.move_exhibitor(actor=organizer, participation=participation, booth=booth)
    html = client.get(url).content.decode()
    assert ">Booth<" in html and "A-07" in html


def test_e1s_180_exhibitors_filter_by_wave_and_fit_a_phone_in_under_100_kb(client, organizer_body):
    """Issue 18, item 5: E1 held 180 exhibitors over three monthly waves."""
    fair = EventFactory(
        organizer=organizer_body,
        is_published=True,
        start_date=datetime.date(2022, 7, 1),
        end_date=datetime.date(2022, 9, 30),
    )
    waves = [
        Wave.objects.create(
            event=fair,
            label=f"Mois {month}",
            label_ar=f"الشهر {month}",
            start_date=datetime.date(2022, 6 + month, 1),
            end_date=datetime.date(2022, 6 + month, 28),
        )
        for month in (1, 2, 3)
    ]
    for n in range(180):
        organization = OrganizationFactory(name_fr=f"Coopérative {n:03d}", public_profile=True)
        Participation.objects.create(
            event=fair, organization=organization, status="confirmed", wave=waves[n % 3]
        )
    url = reverse("public:event", args=[fair.pk])
    client.cookies["django_language"] = "ar"
    page = client.get(url)
    assert len(page.content) < 100_000, len(page.content)
    assert "الشهر 1" in page.content.decode()
    in_second = client.get(url, {"wave": waves[1].pk}).context["page"]
    assert in_second.paginator.count == 60
    assert {p.wave_id for p in in_second.object_list} == {waves[1].pk}
    # A wave of another event is not a filter: the list stays whole.
    other = Wave.objects.create(
        event=EventFactory(organizer=organizer_body),
        label="X",
        start_date=datetime.date(2022, 7, 1),
        end_date=datetime.date(2022, 7, 2),
    )
    assert client.get(url, {"wave": other.pk}).context["page"].paginator.count == 180


def test_an_event_without_waves_offers_no_wave_filter(client, organizer_body):
    fair = EventFactory(organizer=organizer_body, is_published=True)
    Participation.objects.create(
        event=fair, organization=OrganizationFactory(public_profile=True), status="confirmed"
    )
    page = client.get(reverse("public:event", args=[fair.pk]))
    assert 'name="wave"' not in page.content.decode()
