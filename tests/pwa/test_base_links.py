"""Every page names the manifest, the theme colour and the icons (tadamon/templates/base.html)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from tadamon.pwa import icons
from tadamon.pwa.manifest import THEME_COLOR


def head_links(html: str) -> dict[str, list[str]]:
    head = html.split("</head>", 1)[0]
    links: dict[str, list[str]] = {}
    for tag in re.findall(r"<(?:link|meta)\b[^>]*>", head):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        key = attrs.get("rel") or attrs.get("name")
        links.setdefault(key, []).append(attrs.get("href") or attrs.get("content"))
    return links


def assert_installable_head(html: str) -> None:
    links = head_links(html)
    assert links["manifest"] == [reverse("pwa:manifest")]
    assert 'crossorigin="use-credentials"' in html
    assert links["theme-color"] == [THEME_COLOR]
    assert links["mobile-web-app-capable"] == ["yes"]
    assert links["apple-touch-icon"] == [static("tadamon/icons/apple-touch-icon.png")]
    assert links["icon"] == [
        static("tadamon/icons/favicon-32.png"),
        static("tadamon/icons/favicon-16.png"),
        static("tadamon/favicon.svg"),
    ]
    named = {icon.static_path for icon in icons.ICONS if not icon.in_manifest}
    for path in named:
        assert static(path) in html
        assert finders.find(path), path


@pytest.mark.django_db
def test_a_public_page_links_the_manifest(client):
    response = client.get(reverse("public:home"))
    assert response.status_code == 200
    assert_installable_head(response.content.decode())


@pytest.mark.django_db
def test_a_signed_in_page_links_the_manifest(client, organizer):
    client.force_login(organizer)
    response = client.get(reverse("registry:organization_list"))
    assert response.status_code == 200
    assert_installable_head(response.content.decode())


@pytest.mark.django_db
def test_the_policy_lets_the_manifest_and_the_service_worker_load(client):
    policy = client.get(reverse("public:home"))["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["manifest-src"] == ["'self'"]
    assert directives["worker-src"] == ["'self'"]
