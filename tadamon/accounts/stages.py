"""allauth's verification steps of a log-in, for the accounts people made themselves.

An account made on the sign-up page proves the phone number or e-mail it gave by a code
before it is used: allauth's own stages do that. Accounts made by staff (the demonstration,
the organizers' own, the admin's) were vetted by them and log in as before, so both stages
let them through; a person who signed up with a phone number only has no e-mail to verify.
"""

from allauth.account import stages
from allauth.account.models import EmailAddress, Login
from django.http import HttpResponse


def _signed_up(login: Login) -> bool:
    return bool(login.user is not None and getattr(login.user, "signed_up", False))


class PhoneVerificationStage(stages.PhoneVerificationStage):
    def handle(self) -> tuple[HttpResponse | None, bool]:
        if not (_signed_up(self.login) or self.login.user is None):
            return None, True
        return super().handle()


class EmailVerificationStage(stages.EmailVerificationStage):
    def handle(self) -> tuple[HttpResponse | None, bool]:
        user = self.login.user
        if not _signed_up(self.login):
            return None, True
        has_email = bool(user.email) or EmailAddress.objects.filter(user_id=user.pk).exists()
        if not has_email:
            return None, True
        return super().handle()
