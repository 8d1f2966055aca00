import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import applications as application_services
from tadamon.calls.services import selection, waitlist
from tadamon.core.models import AuditEntry
from tests.calls.test_selection_support import applications, bazaar, organizations

pytestmark = pytest.mark.django_db

#            A   B   C   D   E   F   G   H
SCORES = [90, 85, 80, 75, 70, 65, 60, 55]
WOMEN = {0, 2, 5, 7}  # A, C, F, H


@pytest.fixture
def published(organizer, organizer_body, django_capture_on_commit_callbacks):
    """4 places, at least half women-led: A B C D accepted, E F G H waitlisted in order."""
    _event, _waves, call = bazaar(organizer_body, booths=4, waves=0)
    orgs = organizations(len(SCORES), women_led=lambda i: i in WOMEN)
    apps = applications(call, orgs, scores=SCORES)
    run = selection.run_selection(call=call, quotas={"min_share_women_led": 0.5}, actor=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        selection.publish(run=run, actor=organizer)
    for app in apps:
        app.refresh_from_db()
    assert [a.status for a in apps] == [S.ACCEPTED] * 4 + [S.WAITLISTED] * 4
    mail.outbox.clear()
    return call, apps


def refresh(*apps):
    for app in apps:
        app.refresh_from_db()


def test_a_withdrawal_offers_the_place_to_the_first_who_keeps_the_quotas(organizer, published):
    call, apps = published
    a, _b, _c, _d, e, f, _g, _h = apps
    before = timezone.now()
    # A (women-led) withdraws: E is first on the list but would leave 1 woman in 4.
    application_services.withdraw(actor=organizer, application=a)
    refresh(e, f)
    assert e.status == S.WAITLISTED
    assert f.status == S.OFFERED
    deadline = before + datetime.timedelta(days=call.offer_days)
    assert deadline <= f.offer_expires_at <= timezone.now() + datetime.timedelta(days=3)
    entry = AuditEntry.objects.get(action="events.application.offered", object_id=str(f.pk))
    assert entry.data["replaces"] == a.pk and entry.data["broken_quotas"] == []


def test_an_expired_offer_passes_to_the_next_who_keeps_the_quotas(organizer, published):
    _call, apps = published
    a, _b, _c, _d, e, f, g, h = apps
    application_services.withdraw(actor=organizer, application=a)
    refresh(f)
    later = f.offer_expires_at + datetime.timedelta(seconds=1)
    # Not yet expired: nothing happens.
    assert waitlist.expire_offers(f.offer_expires_at - datetime.timedelta(minutes=1)) == []
    [expiry] = waitlist.expire_offers(later)
    refresh(e, f, g, h)
    assert f.status == S.EXPIRED and f.offer_expires_at is None
    assert expiry.offered.pk == h.pk and h.status == S.OFFERED
    assert e.status == g.status == S.WAITLISTED


def test_when_nobody_keeps_the_quotas_the_best_ranked_gets_the_place(organizer, published):
    _call, apps = published
    a, _b, c, _d, e, f, _g, h = apps
    for app in (f, h):  # the women-led left on the list withdraw first
        application_services.withdraw(actor=organizer, application=app)
    application_services.withdraw(actor=organizer, application=c)
    refresh(e)
    assert e.status == S.OFFERED
    entry = AuditEntry.objects.get(action="events.application.offered", object_id=str(e.pk))
    assert [q["name"] for q in entry.data["broken_quotas"]] == ["min_share_women_led"]


def test_no_offer_when_the_place_was_filled_meanwhile(organizer, published):
    call, apps = published
    a, e = apps[0], apps[4]
    call.capacity = 3
    call.save()
    application_services.withdraw(actor=organizer, application=a)
    refresh(e)
    assert not call.applications.filter(status=S.OFFERED).exists()


def test_the_replacement_must_accept_the_freed_wave(organizer, organizer_body):
    _event, waves, call = bazaar(organizer_body, booths=1, waves=2)
    m1, m2 = waves
    orgs = organizations(4, women_led=lambda i: False)
    preferences = {0: [m1], 1: [m2], 2: [m1], 3: []}
    apps = applications(call, orgs, scores=[90, 80, 70, 60], waves=lambda i: preferences[i])
    run = selection.run_selection(call=call, quotas={}, actor=organizer)
    selection.publish(run=run, actor=organizer)
    refresh(*apps)
    assert apps[1].status == S.ACCEPTED and apps[1].wave == m2
    application_services.withdraw(actor=organizer, application=apps[1])
    refresh(*apps)
    # The 70 only attends M1; the 60 attends any wave.
    assert apps[2].status == S.WAITLISTED
    assert apps[3].status == S.OFFERED and apps[3].wave == m2


def test_the_offered_applicant_accepts_and_confirms(published, organizer):
    from tests.factories import UserFactory

    _call, apps = published
    f = apps[5]
    application_services.withdraw(actor=organizer, application=apps[0])
    representative = UserFactory(role="exhibitor", organization=f.organization)
    refresh(f)
    application_services.accept_offer(actor=representative, application=f)
    application_services.confirm(actor=representative, application=f)
    refresh(f)
    assert f.status == S.CONFIRMED


def test_the_command_expires_and_reports(organizer, published):
    _call, apps = published
    application_services.withdraw(actor=organizer, application=apps[0])
    f = apps[5]
    refresh(f)
    out = StringIO()
    moment = (f.offer_expires_at + datetime.timedelta(hours=1)).isoformat()
    with translation.override("en"):
        call_command("expire_offers", now=moment, stdout=out)
        refresh(f, apps[7])
        assert f.status == S.EXPIRED and apps[7].status == S.OFFERED
        text = out.getvalue()
        assert str(f) in text and str(apps[7]) in text
    assert "1 offer(s) expired" in text


def test_reminders_go_once_when_the_deadline_is_near(
    organizer, published, django_capture_on_commit_callbacks
):
    _call, apps = published
    application_services.withdraw(actor=organizer, application=apps[0])
    f = apps[5]
    refresh(f)
    mail.outbox.clear()
    early = f.offer_expires_at - datetime.timedelta(days=2)
    near = f.offer_expires_at - datetime.timedelta(hours=3)
    assert waitlist.send_reminders(early) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert [a.pk for a in waitlist.send_reminders(near)] == [f.pk]
    assert waitlist.send_reminders(near) == []
    assert len(mail.outbox) == 1 and f.organization.email in mail.outbox[0].to
