"""Issue 19: users' phone numbers are E.164; the numbers typed before are converted by a data
migration, and one verified number belongs to one account only."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from tadamon.accounts.delivery import RESET_PASSWORD, VERIFY_PHONE, code_text
from tadamon.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tadamon.accounts.migrations.0005_phone_numbers_to_e164")


def test_the_migration_writes_typed_numbers_as_e164_and_keeps_what_is_not_a_number():
    typed = {
        "a": "0612345678",
        "b": "+212 6 61 00 00 01",
        "c": "00212 7 00 11 22 33",
        "d": "not a phone",
        "e": "",
    }
    users = {key: UserFactory(username=f"user_{key}") for key in typed}
    for key, value in typed.items():
        User.objects.filter(pk=users[key].pk).update(phone=value)
    migration.to_e164(apps, None)
    migration.to_e164(apps, None)  # re-runnable
    stored = dict(User.objects.values_list("username", "phone"))
    assert stored["user_a"] == "+212612345678"
    assert stored["user_b"] == "+212661000001"
    assert stored["user_c"] == "+212700112233"
    assert stored["user_d"] == "not a phone"
    assert stored["user_e"] == ""


def test_a_verified_number_belongs_to_one_account():
    UserFactory(username="first", phone="+212612345678", phone_verified=True)
    # Unverified, the same number may be typed by someone else (who cannot log in with it).
    UserFactory(username="second", phone="+212612345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="third", phone="+212612345678", phone_verified=True)


def test_a_verified_phone_is_a_phone():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="nobody", phone="", phone_verified=True)


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
@pytest.mark.parametrize("kind", [VERIFY_PHONE, RESET_PASSWORD])
def test_code_texts_fit_one_sms_part(language, kind):
    from django.utils import translation

    with translation.override(language):
        text = code_text(kind=kind, code="123456")
    assert "123456" in text
    # One part: 70 characters in UCS-2 (any Arabic letter), 160 in GSM-7.
    limit = 70 if any(ord(character) > 127 for character in text) else 160
    assert len(text) <= limit
