"""The public pages' cache (issue 18, item 1): a visitor's page comes from the cache, with an
ETag and a 304; a signed-in user's never does; every service that changes what a public page
shows makes the next visitor see the change at once."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tadamon.awards import services as award_services
from tadamon.core.backup.contents import backed_up_models, database_is_empty
from tadamon.core.search import engine
from tadamon.events.models import Participation
from tadamon.events.services import booth_moves, booths, participations
from tadamon.events.services.events import set_published
from tadamon.programme.services import sessions
from tadamon.public import cache as public_cache
from tadamon.public.models import PageVersion
from tadamon.registry import services as registry_services
from tests.factories import EventFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(db):
    """The version row, as migration 0002 writes it (a transactional test elsewhere may have
    emptied the table)."""
    if public_cache.current() is None:
        public_cache.bump()
    return public_cache.current()


@pytest.fixture
def fair(organizer_body, version):
    fair = EventFactory(
        organizer=organizer_body,
        title_ar="",
        title_fr="Salon de Tétouan",
        is_published=True,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        end_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    shown = OrganizationFactory(name_ar="", name_fr="Coopérative Nour", public_profile=True)
    Participation.objects.create(event=fair, organization=shown, status="confirmed")
    return fair


@pytest.fixture
def changed(django_capture_on_commit_callbacks):
    """Runs services as a request does: their transaction commits at the end (the test's own
    transaction never does), and what waits for the commit runs. Every service call of a
    test goes through it: one left outside would hold the test's one pending bump."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _page(client: Client, url: str, **headers) -> str:
    """The page, and a check that the next visitor gets it from the cache: the same bytes
    for one query (the version)."""
    first = client.get(url, headers=headers)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers=headers)
    assert again.content == first.content
    assert len(queries) == 1, [query["sql"] for query in queries]
    return first.content.decode()


def _visitor() -> Client:
    client = Client()
    client.cookies["django_language"] = "fr"
    return client


# The cache itself -------------------------------------------------------------------------


def test_a_visitor_gets_the_page_with_an_etag_and_a_304_when_it_has_not_changed(fair):
    client = _visitor()
    url = reverse("public:event", args=[fair.pk])
    html = _page(client, url)
    assert "Coopérative Nour" in html
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "no-cache" in first["Cache-Control"]
    assert "HX-Request" in first["Vary"]
    not_modified = client.get(url, headers={"if-none-match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag
    other = client.get(url, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content


def test_the_etag_changes_with_the_page(fair, organizer, changed):
    client = _visitor()
    url = reverse("public:event", args=[fair.pk])
    _page(client, url)
    etag = client.get(url)["ETag"]
    with changed():
        registry_services.update_organization(
            actor=organizer,
            organization=fair.participations.get().organization,
            fields={"name_fr": "Coopérative Nour al-Atlas"},
        )
    answer = client.get(url, headers={"if-none-match": etag})
    assert answer.status_code == 200 and answer["ETag"] != etag
    assert "Coopérative Nour al-Atlas" in answer.content.decode()


def test_a_signed_in_user_never_reads_nor_writes_the_public_cache(fair, exhibitor):
    url = reverse("public:event", args=[fair.pk])
    visitor_page = _page(_visitor(), url)
    signed_in = Client()
    signed_in.force_login(exhibitor)
    spy = mock.MagicMock(wraps=public_cache.cache)
    with mock.patch.object(public_cache, "cache", spy):
        for _ in range(2):
            page = signed_in.get(url)
            assert page.status_code == 200
            assert "Log out" in page.content.decode() or "تسجيل الخروج" in page.content.decode()
            assert page.content.decode() != visitor_page and "ETag" not in page
    assert spy.get.call_count == 0 and spy.set.call_count == 0
    # The visitor's page still has no trace of the signed-in user.
    assert reverse("accounts:logout") not in _page(_visitor(), url)


def test_a_visitor_with_a_session_gets_a_fresh_page(fair, settings):
    client = _visitor()
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    url = reverse("public:directory")
    with mock.patch.object(public_cache.cache, "set") as cache_set:
        assert client.get(url).status_code == 200
    cache_set.assert_not_called()


def test_an_htmx_request_a_language_and_a_host_are_entries_of_their_own(fair):
    url = reverse("public:event", args=[fair.pk])
    client = _visitor()
    page = _page(client, url)
    part = _page(client, url, **{"HX-Request": "true"})
    assert part == page  # the same HTML today, but kept apart: a part may differ one day
    arabic = Client()
    arabic.cookies["django_language"] = "ar"
    assert 'lang="ar"' in _page(arabic, url) and 'lang="fr"' in page
    other_host = Client(HTTP_HOST="127.0.0.1")
    other_host.cookies["django_language"] = "fr"
    assert "http://127.0.0.1/" in _page(other_host, url) and "http://testserver/" in page
    request = mock.Mock(
        scheme="http", headers={}, get_host=lambda: "testserver", get_full_path=lambda: url
    )
    version = public_cache.current()
    keys = {public_cache.page_key(request, version, "fr")}
    request.headers = {"HX-Request": "true"}
    keys.add(public_cache.page_key(request, version, "fr"))
    keys.add(public_cache.page_key(request, version, "ar"))
    request.get_full_path = lambda: url + "?page=2"
    keys.add(public_cache.page_key(request, version, "ar"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with mock.patch.object(public_cache.timezone, "localdate", return_value=tomorrow):
        keys.add(public_cache.page_key(request, version, "ar"))
    bumped = PageVersion(epoch=version.epoch, number=version.number + 1)
    keys.add(public_cache.page_key(request, bumped, "ar"))
    assert len(keys) == 6


def test_the_setting_turns_the_cache_off(fair, settings):
    settings.TADAMON_PUBLIC_CACHE = False
    with mock.patch.object(public_cache.cache, "get") as cache_get:
        answer = _visitor().get(reverse("public:directory"))
    assert answer.status_code == 200 and "ETag" not in answer
    cache_get.assert_not_called()


def test_the_language_switcher_is_a_get_and_the_visitors_pages_hold_no_csrf_token(fair):
    client = _visitor()
    html = _page(client, reverse("public:home"))
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert f'action="{reverse("public:language")}" method="get"' in html
    answer = client.get(reverse("public:language"), {"language": "ar", "next": "/fairs/"})
    assert answer.status_code == 302 and answer["Location"] == "/fairs/"
    assert answer.cookies["django_language"].value == "ar"
    away = client.get(reverse("public:language"), {"language": "fr", "next": "https://x.example"})
    assert away["Location"] == "/"
    assert (
        client.get(reverse("public:language"), {"language": "xx"}).cookies.get("django_language")
        is None
    )


# Each change is seen at once ----------------------------------------------------------------


def test_publishing_an_event_shows_it_at_once(fair, organizer_body, organizer, changed):
    draft = EventFactory(
        organizer=organizer_body,
        title_ar="",
        title_fr="Marché de Chefchaouen",
        is_published=False,
        start_date=timezone.localdate() + datetime.timedelta(days=10),
        end_date=timezone.localdate() + datetime.timedelta(days=12),
    )
    client = _visitor()
    for url in (reverse("public:events"), reverse("public:home")):
        assert "Marché de Chefchaouen" not in _page(client, url)
    with changed():
        set_published(actor=organizer, event=draft, published=True)
    for url in (reverse("public:events"), reverse("public:home")):
        assert "Marché de Chefchaouen" in _page(client, url)


def test_an_organizations_consent_shows_it_at_once(fair, organizer, changed):
    shy = OrganizationFactory(name_ar="", name_fr="Coopérative Discrète", public_profile=False)
    client = _visitor()
    url = reverse("public:directory")
    assert "Coopérative Discrète" not in _page(client, url)
    with changed():
        registry_services.update_organization(
            actor=organizer, organization=shy, fields={"public_profile": True}
        )
    assert "Coopérative Discrète" in _page(client, url)
    with changed():
        registry_services.update_organization(
            actor=organizer, organization=shy, fields={"public_profile": False}
        )
    assert "Coopérative Discrète" not in _page(client, url)


def test_a_product_shows_at_once_in_the_catalogue_the_showcase_and_the_figures(
    fair, organizer, changed
):
    organization = fair.participations.get().organization
    client = _visitor()
    urls = (
        reverse("public:catalogue"),
        reverse("public:organization", args=[organization.pk]),
    )
    for url in urls:
        assert "Miel de thym" not in _page(client, url)
    figures = _page(client, reverse("public:home"))
    with changed():
        product = registry_services.save_product(
            actor=organizer,
            organization=organization,
            fields={"name_ar": "عسل الزعتر", "name_fr": "Miel de thym", "price_mad": "120.00"},
        )
    for url in urls:
        assert "Miel de thym" in _page(client, url)
    assert _page(client, reverse("public:home")) != figures  # one more product
    with changed():
        registry_services.delete_product(actor=organizer, product=product)
    for url in urls:
        assert "Miel de thym" not in _page(client, url)


def test_a_participation_shows_the_exhibitor_at_once(fair, organizer, changed):
    newcomer = OrganizationFactory(name_ar="", name_fr="Coopérative Argane", public_profile=True)
    client = _visitor()
    event_url = reverse("public:event", args=[fair.pk])
    showcase_url = reverse("public:organization", args=[newcomer.pk])
    assert "Coopérative Argane" not in _page(client, event_url)
    assert "Salon de Tétouan" not in _page(client, showcase_url)
    with changed():
        participation = participations.register_participation(
            actor=organizer, event=fair, organization=newcomer
        )
    assert "Coopérative Argane" in _page(client, event_url)
    assert "Salon de Tétouan" in _page(client, showcase_url)  # its fairs attended
    with changed():
        participations.remove_participation(actor=organizer, participation=participation)
    assert "Coopérative Argane" not in _page(client, event_url)


def test_a_booth_shows_at_once(fair, organizer, changed):
    client = _visitor()
    url = reverse("public:event", args=[fair.pk])
    assert "A-07" not in _page(client, url)
    with changed():
        (booth,) = booths.add_booths(actor=organizer, event=fair, booths=[{"code": "A-07"}])
        booth_moves.move_exhibitor(
            actor=organizer, participation=fair.participations.get(), booth=booth
        )
    assert "A-07" in _page(client, url)


def test_a_session_of_the_programme_shows_at_once(fair, organizer, changed):
    client = _visitor()
    url = reverse("public:event", args=[fair.pk])
    assert "Gestion financière" not in _page(client, url)
    starts = timezone.make_aware(datetime.datetime.combine(fair.start_date, datetime.time(9)))
    with changed():
        sessions.create_session(
            actor=organizer,
            event=fair,
            fields={
                "kind": "training",
                "title_ar": "التدبير المالي",
                "title_fr": "Gestion financière",
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=3),
                "capacity": 20,
            },
        )
    assert "Gestion financière" in _page(client, url)


def test_a_published_award_shows_at_once(fair, organizer, changed):
    winner = fair.participations.get().organization
    winner.founded_year = 1978
    winner.save()
    with changed():  # computed, not yet published: the pages show no award
        award_services.create_from_template(event=fair, actor=organizer)
        category = fair.award_categories.get(code="oldest_cooperative")
        award_services.compute(category=category, actor=organizer)
    client = _visitor()
    url = reverse("public:event", args=[fair.pk])
    showcase = reverse("public:organization", args=[winner.pk])
    assert str(category.name) not in _page(client, url)
    assert str(category.name) not in _page(client, showcase)
    with changed():
        award_services.publish(category=category, actor=organizer)
    assert str(category.name) in _page(client, url)
    assert str(category.name) in _page(client, showcase)


def test_a_rebuilt_search_index_shows_at_once(fair, changed):
    client = _visitor()
    url = reverse("public:search") + "?q=nour"
    engine.replace_all("organization", iter(()))  # an index emptied, as after a bulk load
    assert "Coopérative Nour" not in _page(client, url)
    with changed():
        engine.rebuild()
    assert "Coopérative Nour" in _page(client, url)


def test_changes_no_public_page_shows_leave_the_version_alone(fair):
    assert public_cache.shown_in_public("registry.product")
    assert public_cache.shown_in_public("events.participation")
    assert public_cache.shown_in_public("awards.awardcategory")
    assert not public_cache.shown_in_public("sales.salesdeclaration")
    assert not public_cache.shown_in_public("visitors.visitorcount")
    assert not public_cache.shown_in_public("programme.attendance")
    assert not public_cache.shown_in_public("calendars.calendarfeed")


def test_one_bump_per_transaction_however_many_changes(fair, organizer, changed):
    before = public_cache.current().number
    with changed():
        for n in range(5):
            registry_services.save_product(
                actor=organizer,
                organization=fair.participations.get().organization,
                fields={"name_ar": f"منتوج {n}", "name_fr": f"Produit {n}"},
            )
    assert public_cache.current().number == before + 1


def test_the_version_is_not_backed_up_and_a_new_database_is_still_empty(version):
    assert PageVersion not in backed_up_models()
    assert PageVersion.objects.exists()
    assert database_is_empty()


def test_a_cache_that_cannot_be_reached_leaves_the_pages_up(fair):
    with mock.patch.object(public_cache.cache, "get", side_effect=ConnectionError("redis")):
        answer = _visitor().get(reverse("public:event", args=[fair.pk]))
    assert answer.status_code == 200 and "Coopérative Nour" in answer.content.decode()
