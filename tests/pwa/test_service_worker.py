"""/sw.js, its offline pages and the field pages it keeps (issue 20)."""

import datetime
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tadamon.accounts.device import KEEP_HEADER, PUBLIC_OWNER, device_key
from tadamon.accounts.models import Role, User
from tadamon.core.release import release
from tadamon.pwa.precache import STATIC_FILES, precache
from tests.factories import EventFactory


def worker_config(response) -> dict:
    match = re.search(r"self\.TADAMON_SW = (\{.*?\});\n", response.content.decode())
    assert match, response.content
    return json.loads(match.group(1))


def test_the_worker_is_served_from_the_root_uncached_and_imports_the_queue(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert "importScripts(" in body
    assert "tadamon/queue" in body and "pwa/worker" in body
    config = worker_config(response)
    assert config["version"] == release()
    assert config["keepHeader"] == KEEP_HEADER
    assert set(config["offline"]) == {"ar", "fr", "en"}


def test_a_new_release_changes_the_worker(client, settings):
    before = worker_config(client.get("/sw.js"))["version"]
    release.cache_clear()
    settings.TADAMON_RELEASE = "2026.12.07-second"
    try:
        after = worker_config(client.get("/sw.js"))["version"]
    finally:
        release.cache_clear()
    assert after != before


def test_every_file_the_worker_stores_at_install_is_served(client):
    # addAll is all or nothing: one missing file and no phone could install the release.
    for url in precache():
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/").split("?")[0]), url
        else:
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [("ar", "rtl", "لا توجد شبكة"), ("fr", "ltr", "Pas de réseau"), ("en", "ltr", "No network")],
)
def test_the_offline_page_in_each_language_names_nobody(client, language, direction, words):
    user = User.objects.create_user(username="gate1", password="x-Passw0rd-1", role=Role.GATE_AGENT)
    client.force_login(user)
    response = client.get(reverse("pwa:offline"), {"lang": language})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'lang="{language}"' in page and f'dir="{direction}"' in page
    assert words in page
    assert "gate1" not in page and "data-device" not in page
    assert 'id="offline-kept"' in page


@pytest.mark.django_db
def test_field_pages_ask_to_be_kept_for_their_owner_and_others_do_not(client):
    user = User.objects.create_user(username="trainer1", password="x-Passw0rd-1", role=Role.TRAINER)
    client.force_login(user)
    kept = client.get(reverse("programme:checkin_sessions"))
    assert kept.status_code == 200
    assert kept[KEEP_HEADER] == device_key(user)
    assert KEEP_HEADER not in client.get(reverse("messaging:inbox"))
    client.logout()
    # Signed out, the field page sends to the log-in page, which is not kept.
    assert KEEP_HEADER not in client.get(reverse("programme:checkin_sessions"))


@pytest.mark.django_db
def test_a_visitor_badge_is_kept_as_public(client, organizer_body):
    today = timezone.localdate()
    fair = EventFactory(
        organizer=organizer_body,
        start_date=today,
        end_date=today + datetime.timedelta(days=2),
        visitor_registration=True,
    )
    registered = client.post(
        reverse("public:visit", args=[fair.pk]),
        {"name": "فاطمة الزهراء", "phone": "0612345678", "gender": "f"},
    )
    response = client.get(registered["Location"])
    assert response.status_code == 200
    assert response[KEEP_HEADER] == PUBLIC_OWNER


@pytest.mark.django_db
@override_settings(TADAMON_RELEASE="x")
def test_pages_register_the_worker_and_mark_the_log_out_form(client):
    user = User.objects.create_user(username="gate1", password="x-Passw0rd-1", role=Role.GATE_AGENT)
    client.force_login(user)
    page = client.get(reverse("messaging:inbox")).content.decode()
    assert 'data-worker="/sw.js"' in page
    assert "tadamon/app" in page and "tadamon/queue" in page
    assert "data-logout" in page


@pytest.mark.django_db
def test_with_the_hashed_static_files_of_production_the_worker_and_error_page_render(
    client, settings, tmp_path
):
    """In production static names are hashed and a name the manifest lacks is an error:
    /sw.js named the static prefix through static(""), which answered 500 there, and so did
    the 500 page's stylesheet link, built from part of a name."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.template.loader import render_to_string

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    staticfiles_storage._setup()  # the storage follows the overridden settings
    response = client.get("/sw.js")
    assert response.status_code == 200
    config = worker_config(response)
    assert config["staticUrl"] == settings.STATIC_URL
    for url in config["precache"]:
        if url.startswith(settings.STATIC_URL):
            name = url.removeprefix(settings.STATIC_URL)
            assert (tmp_path / "static" / name).is_file(), url
            assert name not in STATIC_FILES, f"{name} is not hashed"
    for language in ("ar", "fr"):
        with translation.override(language):
            page = render_to_string("500.html")
        assert "bootstrap" in page
