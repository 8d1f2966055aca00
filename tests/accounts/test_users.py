from django.core.management import call_command

from tadamon.accounts.models import Role, User


def test_createsuperuser_makes_a_platform_administrator(db):
    call_command("createsuperuser", "--noinput", "--username", "root", "--email", "r@x.org")
    root = User.objects.get(username="root")
    assert root.role == Role.ADMIN and root.is_platform_admin
