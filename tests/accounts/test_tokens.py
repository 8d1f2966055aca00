import pytest
from django.core.management import CommandError, call_command

from tadamon.accounts.models import ApiToken
from tadamon.accounts.tokens import issue_token, user_for_token

pytestmark = pytest.mark.django_db


def test_issued_token_identifies_its_user_and_only_its_hash_is_stored(organizer):
    raw = issue_token(user=organizer)
    assert user_for_token(raw) == organizer
    stored = ApiToken.objects.get(user=organizer)
    assert raw not in (stored.key_hash, stored.hint) and stored.hint == raw[:12]


def test_unknown_or_inactive_user_token_is_refused(organizer):
    raw = issue_token(user=organizer)
    assert user_for_token(raw + "x") is None
    organizer.is_active = False
    organizer.save()
    assert user_for_token(raw) is None


def test_issue_token_command_prints_a_working_token(organizer, capsys):
    call_command("issue_token", organizer.username)
    raw = capsys.readouterr().out.strip()
    assert user_for_token(raw) == organizer


def test_issue_token_command_rejects_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("issue_token", "nobody")
