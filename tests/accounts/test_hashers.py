"""Passwords are hashed with Argon2id at a cost an opening morning can afford (issue 18,
item 2); hashes of the older PBKDF2 setting are upgraded at the next log-in."""

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    identify_hasher,
    make_password,
)
from django.urls import reverse

from config import settings as project_settings
from tadamon.accounts.hashers import Argon2idPasswordHasher
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-secret"


@pytest.fixture
def real_hashers(settings):
    """The project's own list (the test settings use MD5 to keep the suite fast)."""
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_the_project_hashes_with_argon2id_first():
    hashers = project_settings.PASSWORD_HASHERS
    assert hashers[0] == "tadamon.accounts.hashers.Argon2idPasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers


def test_a_new_hash_is_argon2id_at_19_mib_two_passes_one_lane(real_hashers):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), Argon2idPasswordHasher)


@pytest.mark.parametrize(
    "hasher",
    # Django's own Argon2 defaults (100 MiB, 8 lanes) are too dear as well: rehashed.
    [PBKDF2PasswordHasher, Argon2PasswordHasher],
    ids=["pbkdf2", "argon2-django-defaults"],
)
def test_an_old_hash_is_upgraded_at_log_in(client, real_hashers, hasher):
    old = hasher().encode(PASSWORD, "somesaltsomesalt")
    assert "m=19456" not in old
    user = UserFactory(username="amina")
    user.password = old
    user.save(update_fields=["password"])
    response = client.post(reverse("accounts:login"), {"username": "amina", "password": PASSWORD})
    assert response.status_code == 302, response.content
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)
