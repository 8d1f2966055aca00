"""Login throttling, session expiry, password rules, token revocation and the security headers
(content security policy, frames, no inline script in any template)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import ApiToken
from tadamon.accounts.throttling import client_ip
from tadamon.accounts.tokens import issue_token
from tadamon.core.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "secret-pass-123"  # the factories' password
TEMPLATES = Path(__file__).resolve().parents[2] / "tadamon"


def _fail(client, username="organizer", **extra):
    return client.post(LOGIN, {"username": username, "password": "wrong"}, **extra)


def test_five_failures_lock_the_user_out_even_with_the_right_password(client, organizer):
    for _ in range(4):
        assert _fail(client).status_code == 200
    locked = _fail(client)
    assert locked.status_code == 429
    assert "15" in locked.content.decode()
    right = client.post(LOGIN, {"username": "organizer", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_one_user_from_one_address(client, organizer, exhibitor):
    for _ in range(5):
        _fail(client)
    other_user = client.post(LOGIN, {"username": "exhibitor", "password": PASSWORD})
    assert other_user.status_code == 302
    other_address = client.post(
        LOGIN, {"username": "organizer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_a_success_resets_the_count(client, organizer):
    for _ in range(4):
        _fail(client)
    assert client.post(LOGIN, {"username": "organizer", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert _fail(client).status_code == 200


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 196.200.1.7"
    )
    settings.TADAMON_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TADAMON_PROXY_COUNT = 1
    # The client wrote 6.6.6.6 itself; only the proxy's own entry is believed.
    assert client_ip(request) == "196.200.1.7"
    settings.TADAMON_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.1"


def test_an_expired_session_asks_to_log_in_again(client, organizer):
    client.post(LOGIN, {"username": "organizer", "password": PASSWORD})
    page = reverse("registry:organization_list")
    assert client.get(page).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_sessions_last_a_working_day(settings, client, organizer):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    client.post(LOGIN, {"username": "organizer", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 12 * 3600


@pytest.mark.parametrize("password", ["short1", "12345678901234", "password123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_changing_the_password_applies_the_rules(client, organizer):
    client.force_login(organizer)
    url = reverse("accounts:password_change")
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"}
    )
    assert weak.status_code == 200
    assert weak.context["form"].errors["new_password2"]
    strong = "olive-argan-2026!"
    done = client.post(
        url, {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    )
    assert done.status_code == 302
    organizer.refresh_from_db()
    assert organizer.check_password(strong)


def test_a_user_creates_and_revokes_a_token(client, api_for, exhibitor):
    client.force_login(exhibitor)
    created = client.post(reverse("accounts:account"), {"name": "spreadsheet"})
    raw = created.context["new_token"]
    assert raw.startswith("tdm_")
    me = "/api/v1/organizations"
    assert client.get(me, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token = ApiToken.objects.get(user=exhibitor, name="spreadsheet")
    assert client.get(reverse("accounts:account")).content.decode().count(token.hint) == 1
    revoked = client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert revoked.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert client.get(me, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert AuditEntry.objects.filter(action="accounts.token.revoked", actor=exhibitor).exists()


def test_nobody_revokes_another_users_token(client, exhibitor, organizer):
    issue_token(user=organizer, name="organizer's")
    token = ApiToken.objects.get(user=organizer)
    client.force_login(exhibitor)
    assert client.post(reverse("accounts:revoke_token", args=[token.pk])).status_code == 404
    assert client.get(reverse("accounts:revoke_token", args=[token.pk])).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_pages_send_the_security_headers(client):
    response = client.get(reverse("public:home"))
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_holds_an_inline_script_or_event_handler():
    # The policy forbids them: an inline handler would silently stop working in browsers.
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>")
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if handler.search(text) or inline_script.search(text):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []


def test_users_are_created_with_a_factory_password():
    # Guards the constant above, which the throttling tests rely on.
    user = UserFactory()
    assert user.check_password(PASSWORD)


def test_one_address_is_locked_after_failures_across_user_names(settings, client, organizer):
    """Four wrong passwords against each of many accounts stayed under the per-account lock
    (issue 15): the address itself is locked after TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT."""
    settings.TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for index in range(11):
        assert _fail(client, username=f"victim{index // 4}").status_code == 200
    client.cookies["django_language"] = "en"  # pages follow the language switcher's cookie
    locked = _fail(client, username="victim2")  # the 12th failure, the 4th for victim2
    assert locked.status_code == 429
    assert "from this connection" in locked.content.decode()
    # The right password of another account is refused too from that address...
    right = client.post(LOGIN, {"username": "organizer", "password": PASSWORD})
    assert right.status_code == 429
    # ...and accepted from another one.
    other = client.post(
        LOGIN, {"username": "organizer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_a_success_does_not_reset_the_address_count(settings, client, exhibitor):
    """An attacker owning one account must not wipe the address's failures by logging in."""
    settings.TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for _ in range(4):
        assert _fail(client, username="victim0").status_code == 200
    assert client.post(LOGIN, {"username": "exhibitor", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(3):
        assert _fail(client, username="victim1").status_code == 200
    assert _fail(client, username="victim1").status_code == 429
