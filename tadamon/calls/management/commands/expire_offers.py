"""``python manage.py expire_offers``: expire the offers past their deadline, pass each place
on to the next application on the waiting list, and remind the offers due within a day.

Run it periodically (e.g. every hour from cron); running it twice changes nothing more.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from tadamon.calls.services import waitlist


class Command(BaseCommand):
    help = "Expire unanswered offers of places, offer them to the next applications, remind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="Act as if it were this ISO 8601 date and time (for checks and tests).",
        )

    def _now(self, value: str | None) -> datetime.datetime:
        if not value:
            return timezone.now()
        moment = parse_datetime(value)
        if moment is None:
            raise CommandError(_("--now must be an ISO 8601 date and time."))
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options.get("now"))
        expiries = waitlist.expire_offers(now)
        for expiry in expiries:
            expired = expiry.expired
            if expiry.offered is None:
                line = _("Expired: %(expired)s (nobody left to offer the place to).")
            else:
                line = _("Expired: %(expired)s; offered to %(offered)s until %(deadline)s.")
            self.stdout.write(
                line
                % {
                    "expired": expired,
                    "offered": expiry.offered,
                    "deadline": timezone.localtime(expiry.offered.offer_expires_at).isoformat()
                    if expiry.offered
                    else "",
                }
            )
        reminded = waitlist.send_reminders(now)
        for application in reminded:
            self.stdout.write(_("Reminded: %(application)s.") % {"application": application})
        self.stdout.write(
            _("%(expired)s offer(s) expired, %(reminded)s reminder(s) sent.")
            % {"expired": len(expiries), "reminded": len(reminded)}
        )
