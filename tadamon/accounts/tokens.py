"""Issuing and checking API bearer tokens."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from tadamon.accounts.models import ApiToken, User
from tadamon.core import audit


@transaction.atomic
def issue_token(*, user: User, name: str = "", actor=None) -> str:
    """Create a token for `user` and return it; it cannot be read back later."""
    raw, key_hash = ApiToken.generate()
    token = ApiToken.objects.create(user=user, key_hash=key_hash, hint=raw[:12], name=name)
    audit.record(actor=actor, action="accounts.token.issued", obj=token, data={"user": user.pk})
    return raw


def user_for_token(raw: str) -> User | None:
    token = ApiToken.objects.matching(raw).select_related("user").first()
    if token is None:
        return None
    now = timezone.now()
    # Avoid a write on every request: a minute's precision is enough for "last used".
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User):
    """The user's own tokens, newest first (the hash is never shown, only the first letters)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> None:
    """Delete the token so that it stops working at once; the audit trail keeps its trace.
    Users revoke their own tokens; administrators anyone's (also from the admin)."""
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied
    audit.record(
        actor=actor, action="accounts.token.revoked", obj=token, data={"user": token.user_id}
    )
    token.delete()
