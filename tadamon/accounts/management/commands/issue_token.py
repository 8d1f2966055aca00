from django.core.management.base import BaseCommand, CommandError

from tadamon.accounts.models import User
from tadamon.accounts.tokens import issue_token


class Command(BaseCommand):
    help = "Print a new API bearer token for an existing user."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label to recognise the token by.")

    def handle(self, *args, username: str, name: str, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive.")
        self.stdout.write(issue_token(user=user, name=name or "cli"))
