"""Logging in and out, where people land, and the admin pages."""

import pytest
from django.urls import reverse

from tadamon.accounts.tokens import issue_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "secret-pass-123"  # the factories' password


def test_login_page_renders_our_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="login"' in body and 'name="password"' in body
    assert '<html lang="ar" dir="rtl"' in body


def test_exhibitor_lands_on_their_organization(client, exhibitor):
    response = client.post(LOGIN, {"username": "exhibitor", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:my_organization")


def test_organizer_lands_on_the_organization_list(client, organizer):
    response = client.post(LOGIN, {"username": "organizer", "password": PASSWORD})
    assert response["Location"] == reverse("registry:organization_list")


def test_login_follows_next(client, organizer):
    target = reverse("registry:organization_create")
    response = client.post(LOGIN, {"username": "organizer", "password": PASSWORD, "next": target})
    assert response["Location"] == target


def test_wrong_password_is_refused_with_a_message(client, organizer):
    response = client.post(LOGIN, {"username": "organizer", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(client, organizer):
    client.force_login(organizer)
    logout = reverse("accounts:logout")
    assert client.get(logout).status_code == 405
    response = client.post(logout)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:home")
    assert client.get(reverse("registry:organization_list")).status_code == 302


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "model",
    [
        "accounts/user",
        "accounts/apitoken",
        "registry/region",
        "registry/province",
        "registry/commune",
        "registry/sector",
        "registry/organizationkind",
        "registry/organization",
        "registry/person",
        "registry/product",
    ],
)
def test_admin_lists_every_model(client, superuser, model):
    client.force_login(superuser)
    app_label, model_name = model.split("/")
    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert response.status_code == 200


def test_admin_shows_tokens_read_only_and_never_adds_them(client, superuser, organizer):
    issue_token(user=organizer)
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    token = organizer.api_tokens.get()
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert 'name="key_hash"' not in page.content.decode()
    assert token.key_hash in page.content.decode()


def test_admin_user_page_has_role_and_organization(client, superuser, exhibitor):
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_user_change", args=[exhibitor.pk]))
    body = page.content.decode()
    assert 'name="role"' in body and 'name="organization"' in body
