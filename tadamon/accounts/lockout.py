"""django-axes with two limits (issue 15): a user name from one address is locked after
AXES_FAILURE_LIMIT failures (TADAMON_LOGIN_FAILURE_LIMIT), and an address after
TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT failures whatever the user names, so that one address
cannot try a few passwords against every account.

axes counts AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"] but compares
the largest count with one limit; this handler compares each with its own. A success resets
only the user name's count from that address: an attacker owning one account must not wipe
the address's failures by logging in with it."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressAwareHandler(AxesDatabaseHandler):
    def failures_by_address(self, request: HttpRequest, credentials: dict | None = None) -> int:
        attempts = self.get_user_attempts(request, credentials)
        return _failures(attempts[1]) if len(attempts) > 1 else 0

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The user name's failures from this address, or the lock's limit itself once the
        address reached its own: axes locks when this count reaches AXES_FAILURE_LIMIT."""
        attempts = self.get_user_attempts(request, credentials)
        pair = _failures(attempts[0])
        if len(attempts) > 1 and (
            _failures(attempts[1]) >= settings.TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT
        ):
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        count, _deleted = self.filter_user_attempts(request, credentials)[0].delete()
        return count
