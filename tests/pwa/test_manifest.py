"""/manifest.webmanifest: the installable app, in the person's language, with its icons."""

import io
import json

import pytest
from django.conf import settings
from django.contrib.staticfiles.views import serve
from django.core.cache import cache
from django.urls import resolve, reverse
from PIL import Image

from tadamon.accounts.models import Role
from tadamon.public import cache as public_cache
from tadamon.pwa import icons
from tadamon.pwa.manifest import THEME_COLOR
from tests.factories import UserFactory

URL = "/manifest.webmanifest"


def manifest(client, language: str | None = None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_arabic_right_to_left_by_default(client):
    response, data = manifest(client)
    assert data["lang"] == "ar"
    assert data["dir"] == "rtl"
    assert data["name"] == "تضامن — معارض الاقتصاد الاجتماعي والتضامني"
    assert data["short_name"] == "تضامن"
    assert data["display"] == "standalone"
    assert data["scope"] == "/"
    assert data["id"] == "/"
    assert data["start_url"] == reverse("pwa:start")
    assert data["theme_color"] == THEME_COLOR
    assert response["Content-Language"] == "ar"


@pytest.mark.django_db
def test_french_with_the_language_cookie(client):
    _response, data = manifest(client, "fr")
    assert data["lang"] == "fr"
    assert data["dir"] == "ltr"
    assert data["short_name"] == "Tadamon"
    assert "solidaire" in data["name"]


@pytest.mark.django_db
def test_cached_by_no_one_without_asking(client):
    response, _data = manifest(client)
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "private"} <= control
    assert "Cookie" in response["Vary"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


@pytest.mark.django_db
def test_never_in_the_public_pages_cache(client, settings):
    """The visitors' page cache answers before the language middleware: the manifest must
    not be one of its pages, or one language's manifest could be served for another."""
    settings.TADAMON_PUBLIC_CACHE = True
    public_cache.bump()  # a version exists, so public pages would be stored
    assert not getattr(resolve(URL).func, "public_page", False)
    _response, arabic = manifest(client)
    _response, french = manifest(client, "fr")
    assert (arabic["lang"], french["lang"]) == ("ar", "fr")
    stored = [key for key in cache._cache if public_cache.KEY_PREFIX in key]  # locmem's keys
    assert stored == []
    # The home page, by contrast, is stored: the check above can see a stored page.
    client.cookies.clear()
    assert client.get(reverse("public:home")).status_code == 200
    assert [key for key in cache._cache if public_cache.KEY_PREFIX in key]


@pytest.mark.django_db
def test_every_icon_is_a_png_of_its_declared_size(client, rf):
    _response, data = manifest(client)
    declared = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert declared == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    for icon in data["icons"]:
        assert icon["type"] == "image/png"
        assert icon["src"].startswith(prefix)
        # What runserver and the live server answer, from the finders (the test client's
        # whitenoise serves collected files only).
        response = serve(rf.get(icon["src"]), icon["src"].removeprefix(prefix), insecure=True)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert image.format == "PNG"
            width, height = (int(side) for side in icon["sizes"].split("x"))
            assert image.size == (width, height)
            if icon["purpose"] == "maskable":
                # Full-bleed: nothing transparent for the phone's mask to show.
                assert image.mode == "RGB"


@pytest.mark.django_db
def test_icons_take_the_hashed_addresses_after_collectstatic(client, settings, tmp_path):
    """In production the manifest names the hashed copies collectstatic wrote."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # Only the icons' folder is collected: all of Bootstrap would take long for nothing here.
    settings.STATICFILES_DIRS = [("tadamon/icons", settings.TADAMON_ICONS_DIR)]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    _response, data = manifest(client)
    for icon in data["icons"]:
        name = icon["src"].rsplit("/", 1)[1]
        stem = name.split(".")[0]
        assert name != f"{stem}.png", "not hashed"
        assert (tmp_path / "static" / "tadamon" / "icons" / name).is_file()


@pytest.mark.django_db
def test_the_installed_app_opens_at_the_persons_own_page(client, exhibitor):
    assert client.get(reverse("pwa:start"))["Location"] == reverse("public:home")
    client.force_login(exhibitor)
    response = client.get(reverse("pwa:start"))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:my_organization")
    assert "no-cache" in response["Cache-Control"]
    client.force_login(UserFactory(role=Role.OBSERVER))
    assert client.get(reverse("pwa:start"))["Location"] == reverse("registry:organization_list")


def test_every_manifest_icon_is_built():
    assert {icon.name for icon in icons.ICONS if icon.in_manifest} == {
        "icon-192.png",
        "icon-512.png",
        "maskable-192.png",
        "maskable-512.png",
    }
