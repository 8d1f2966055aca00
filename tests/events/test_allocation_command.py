import pytest
from django.core.management import CommandError, call_command

from tadamon.events.models import BoothAssignment
from tests.events.test_allocation_support import exhibitors, fair, organizations

pytestmark = pytest.mark.django_db


def test_the_command_allocates_and_prints_the_figures(organizer, organizer_body, capsys):
    event, _waves = fair(organizer_body, rows=2, columns=5, waves=2)
    exhibitors(event, organizations(12))
    call_command("allocate_booths", str(event.pk), "--user", organizer.username)
    out = capsys.readouterr().out
    assert "placed: 12" in out and "status: OPTIMAL" in out
    assert BoothAssignment.objects.filter(event=event).count() == 12


def test_the_command_refuses_someone_who_does_not_manage_the_event(exhibitor, organizer_body):
    event, _waves = fair(organizer_body, rows=1, columns=2, waves=1)
    with pytest.raises(CommandError):
        call_command("allocate_booths", str(event.pk), "--user", exhibitor.username)
