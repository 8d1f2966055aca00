import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_arabic_whatever_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ar" dir="rtl"' in response.content.decode()
    assert response["Content-Language"] == "ar"


def test_the_language_switcher_choice_is_kept(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert '<html lang="fr" dir="ltr"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en" dir="ltr"' in client.get("/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_arabic(client):
    client.cookies["django_language"] = "de"
    assert '<html lang="ar" dir="rtl"' in client.get("/").content.decode()


def test_the_api_follows_accept_language(api_for, organizer):
    response = api_for(organizer).post_json(
        "/api/v1/organizations",
        {"name_ar": "x", "kind": "cooperative", "region": "99"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert response["Content-Language"] == "fr"
