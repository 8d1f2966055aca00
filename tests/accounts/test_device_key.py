"""The key that separates what two accounts leave on one phone (issue 20)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tadamon.accounts.device import device_key
from tadamon.accounts.models import Role, User


@pytest.mark.django_db
def test_each_account_has_its_own_key_which_changes_with_the_password():
    first = User.objects.create_user(
        username="gate1", password="x-Passw0rd-1", role=Role.GATE_AGENT
    )
    second = User.objects.create_user(
        username="gate2", password="x-Passw0rd-2", role=Role.GATE_AGENT
    )
    key = device_key(first)
    assert len(key) == 32
    assert key == device_key(User.objects.get(pk=first.pk))
    assert key != device_key(second)
    first.set_password("another-Passw0rd")
    first.save()
    assert device_key(first) != key
    assert device_key(AnonymousUser()) == ""


@pytest.mark.django_db
def test_pages_name_the_signed_in_account_s_key_and_no_key_for_visitors(client):
    user = User.objects.create_user(username="gate1", password="x-Passw0rd-1", role=Role.GATE_AGENT)
    home = client.get(reverse("public:home"))
    assert b"data-device=" not in home.content
    client.force_login(user)
    page = client.get(reverse("messaging:inbox"))
    assert f'data-device="{device_key(user)}"'.encode() in page.content
