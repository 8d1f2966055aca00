"""The demo exhibitor's calendar link: its agenda at the latest fair its cooperative takes
part in, so that /calendars/ and the feed show something from the first visit."""

from tadamon.accounts.models import User
from tadamon.calendars import services
from tadamon.calendars.models import CalendarFeed
from tadamon.calendars.selectors import agenda_participations

DEMO_EXHIBITOR = "exhibitor"


def build_calendar_links() -> CalendarFeed | None:
    exhibitor = User.objects.filter(username=DEMO_EXHIBITOR).first()
    if exhibitor is None:
        return None
    participation = agenda_participations(exhibitor).first()
    if participation is None:
        return None
    return services.create_feed(
        actor=exhibitor, kind=CalendarFeed.Kind.AGENDA, event=participation.event, language="ar"
    )
