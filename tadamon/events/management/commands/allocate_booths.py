from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from tadamon.accounts.models import User
from tadamon.events.models import Event
from tadamon.events.services import allocation


class Command(BaseCommand):
    help = "Allocate the booths and waves of an event's confirmed exhibitors, and print the result."

    def add_arguments(self, parser):
        parser.add_argument("event", type=int, help="The event's id.")
        parser.add_argument("--user", required=True, help="The organizer who runs it.")
        parser.add_argument("--method", default="optimal", choices=allocation.METHODS)
        parser.add_argument("--time-limit", type=int, default=None, help="Seconds (default 60).")

    def handle(self, *args, event: int, user: str, method: str, time_limit: int | None, **opts):
        try:
            actor = User.objects.get(username=user)
            target = Event.objects.get(pk=event)
            run = allocation.start_allocation(
                actor=actor, event=target, method=method, time_limit_s=time_limit
            )
        except (User.DoesNotExist, Event.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user} does not manage event {event}.") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        run.refresh_from_db()
        if run.status != run.Status.DONE:
            raise CommandError(run.message or "The allocation failed.")
        for key in (
            "status",
            "placed",
            "unassigned",
            "objective",
            "bound",
            "gap",
            "same_sector_neighbours",
            "wave_loads",
            "seconds",
        ):
            self.stdout.write(f"{key}: {getattr(run.outcome, key)}")
