import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import applications as service
from tadamon.calls.signals import place_freed
from tadamon.events.models import Event, EventSeries, Participation, Wave
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
    kind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(organizer_body):
    today = timezone.localdate()
    event = EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
    )
    return CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
    )


@pytest.fixture
def wave(call):
    event = call.event
    return Wave.objects.create(
        event=event, label="الموجة 1", start_date=event.start_date, end_date=event.end_date
    )


ANSWERS = {"motivation": "نريد التعريف بمنتوجاتنا", "products_text": "زيت الأركان"}


def test_an_exhibitor_applies_for_its_organization(call, wave, exhibitor, exhibitor_org):
    application = service.apply(actor=exhibitor, call=call, fields=ANSWERS, wave_preferences=[wave])

    application.refresh_from_db()
    assert application.organization == exhibitor_org
    assert application.status == S.SUBMITTED and application.submitted_at
    assert list(application.wave_preferences.all()) == [wave]
    assert application.first_participation is True


def test_a_draft_is_kept_then_submitted(call, exhibitor):
    draft = service.apply(actor=exhibitor, call=call, fields=ANSWERS, submit=False)
    assert draft.status == S.DRAFT

    service.save_application(
        actor=exhibitor, call=call, application=draft, fields={"needs_accessible_booth": True}
    )
    service.submit_application(actor=exhibitor, application=draft)

    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.needs_accessible_booth


def test_an_organizer_submits_on_behalf_of_an_organization(call, organizer, other_org):
    application = service.apply(actor=organizer, call=call, fields=ANSWERS, organization=other_org)
    assert application.organization == other_org and application.created_by == organizer

    with pytest.raises(ValidationError) as error:
        service.apply(actor=organizer, call=call, fields=ANSWERS)
    assert "organization" in error.value.message_dict


def test_an_exhibitor_cannot_apply_for_another_organization(call, exhibitor, other_org):
    with pytest.raises(PermissionDenied):
        service.apply(actor=exhibitor, call=call, fields=ANSWERS, organization=other_org)


def test_an_exhibitor_cannot_apply_to_an_unpublished_event(call, exhibitor):
    call.event.is_published = False
    call.event.save()
    with pytest.raises(PermissionDenied):
        service.apply(actor=exhibitor, call=call, fields=ANSWERS)


@pytest.mark.parametrize(("opens", "closes", "code"), [(-10, -1, "closed"), (1, 10, "not_open")])
def test_a_call_that_is_not_open_refuses_submission(call, exhibitor, opens, closes, code):
    today = timezone.localdate()
    call.opens_on = today + datetime.timedelta(days=opens)
    call.closes_on = today + datetime.timedelta(days=closes)
    call.save()

    with pytest.raises(ValidationError) as error:
        service.apply(actor=exhibitor, call=call, fields=ANSWERS)

    assert error.value.error_dict["call"][0].code == code
    assert not Application.objects.exists()


def test_an_ineligible_organization_is_refused_naming_the_rule_and_nothing_is_written(
    call, exhibitor, exhibitor_org
):
    call.eligible_kinds.set([kind("association")])

    with pytest.raises(ValidationError) as error:
        service.apply(actor=exhibitor, call=call, fields=ANSWERS)

    [failure] = error.value.error_dict["eligibility"]
    assert failure.code == "kinds"
    assert not Application.objects.exists()


def test_one_application_per_organization_and_call(call, exhibitor):
    service.apply(actor=exhibitor, call=call, fields=ANSWERS)
    with pytest.raises(ValidationError) as error:
        service.apply(actor=exhibitor, call=call, fields=ANSWERS)
    assert error.value.error_dict["organization"][0].code == "duplicate"
    assert Application.objects.count() == 1


def test_wave_preferences_must_be_waves_of_the_event(call, exhibitor):
    other = EventFactory()
    foreign = Wave.objects.create(
        event=other, label="X", start_date=other.start_date, end_date=other.end_date
    )
    with pytest.raises(ValidationError) as error:
        service.apply(actor=exhibitor, call=call, fields=ANSWERS, wave_preferences=[foreign])
    assert "wave_preferences" in error.value.message_dict


def test_first_participation_looks_at_earlier_editions_of_the_series(
    call, organizer_body, exhibitor, exhibitor_org
):
    series = EventSeries.objects.create(name_fr="Bazar", kind="bazaar", organizer=organizer_body)
    call.event.series = series
    call.event.save()
    earlier = EventFactory(
        series=series, start_date=datetime.date(2024, 7, 1), end_date=datetime.date(2024, 9, 30)
    )
    outside_series = EventFactory(
        start_date=datetime.date(2023, 7, 1), end_date=datetime.date(2023, 7, 5)
    )
    Participation.objects.create(
        event=outside_series, organization=exhibitor_org, status=Participation.Status.CONFIRMED
    )
    assert service.is_first_participation(exhibitor_org, call.event)

    Participation.objects.create(
        event=earlier, organization=exhibitor_org, status=Participation.Status.CONFIRMED
    )
    application = service.apply(actor=exhibitor, call=call, fields=ANSWERS)
    assert application.first_participation is False


def test_first_participation_without_series_looks_at_any_earlier_event(call, exhibitor_org):
    earlier = EventFactory(start_date=datetime.date(2023, 7, 1), end_date=datetime.date(2023, 7, 5))
    Participation.objects.create(
        event=earlier, organization=exhibitor_org, status=Participation.Status.WITHDRAWN
    )
    assert service.is_first_participation(exhibitor_org, call.event)
    Participation.objects.filter(event=earlier).update(status=Participation.Status.CONFIRMED)
    assert not service.is_first_participation(exhibitor_org, call.event)


# Decisions, confirmation, withdrawal ---------------------------------------------------


def test_organizer_reviews_and_decides(call, organizer, wave):
    application = ApplicationFactory(call=call)
    service.start_review(actor=organizer, application=application)
    service.decide(actor=organizer, application=application, decision=S.ACCEPTED, wave=wave)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED and application.wave == wave


def test_waitlisting_by_hand_puts_the_application_at_the_end_of_the_list(call, organizer):
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)
    service.decide(actor=organizer, application=first, decision=S.WAITLISTED)
    service.decide(actor=organizer, application=second, decision=S.WAITLISTED)
    assert (first.waitlist_rank, second.waitlist_rank) == (1, 2)


def test_only_managers_decide(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org)
    with pytest.raises(PermissionDenied):
        service.decide(actor=exhibitor, application=application, decision=S.ACCEPTED)
    with pytest.raises(PermissionDenied):
        service.start_review(actor=exhibitor, application=application)


def test_confirming_a_rejected_application_is_refused(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.REJECTED)

    with pytest.raises(ValidationError) as error:
        service.confirm(actor=exhibitor, application=application)

    assert "status" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert not Participation.objects.exists()


def test_confirming_creates_a_confirmed_participation_in_the_wave(
    call, wave, exhibitor, exhibitor_org
):
    application = ApplicationFactory(
        call=call, organization=exhibitor_org, status=S.ACCEPTED, wave=wave
    )

    service.confirm(actor=exhibitor, application=application)

    participation = Participation.objects.get(event=call.event, organization=exhibitor_org)
    assert participation.status == Participation.Status.CONFIRMED
    assert participation.wave == wave and participation.source == Participation.Source.CALL
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


def test_only_the_organizations_representative_confirms(call, organizer, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.ACCEPTED)
    colleague_elsewhere = UserFactory(role=Role.EXHIBITOR, organization=OrganizationFactory())
    for user in (organizer, colleague_elsewhere):
        with pytest.raises(PermissionDenied):
            service.confirm(actor=user, application=application)


def test_an_open_offer_is_accepted_and_confirmed_in_one_step(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(
        call=call,
        organization=exhibitor_org,
        status=S.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(days=2),
    )
    service.confirm(actor=exhibitor, application=application)
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


def test_an_expired_offer_cannot_be_confirmed(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(
        call=call,
        organization=exhibitor_org,
        status=S.OFFERED,
        offer_expires_at=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        service.confirm(actor=exhibitor, application=application)
    assert error.value.error_dict["status"][0].code == "offer_expired"
    application.refresh_from_db()
    assert application.status == S.OFFERED


@pytest.fixture
def freed():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    place_freed.connect(receiver, dispatch_uid="test-receiver")
    yield received
    place_freed.disconnect(dispatch_uid="test-receiver")


def test_withdrawing_after_confirmation_frees_the_place(
    call, wave, exhibitor, exhibitor_org, freed
):
    application = ApplicationFactory(
        call=call, organization=exhibitor_org, status=S.ACCEPTED, wave=wave
    )
    service.confirm(actor=exhibitor, application=application)

    service.withdraw(actor=exhibitor, application=application, reason="مرض")

    participation = Participation.objects.get(event=call.event, organization=exhibitor_org)
    assert participation.status == Participation.Status.WITHDRAWN
    [signal] = freed
    assert signal["application"].pk == application.pk
    assert signal["application"].status == S.WITHDRAWN
    assert signal["actor"] == exhibitor and signal["previous_status"] == S.CONFIRMED


def test_an_organizer_records_a_withdrawal(call, organizer, freed):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    service.withdraw(actor=organizer, application=application)
    assert freed[0]["previous_status"] == S.ACCEPTED


def test_withdrawing_without_a_place_sends_nothing(call, exhibitor, exhibitor_org, freed):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.WAITLISTED)
    service.withdraw(actor=exhibitor, application=application)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and freed == []


def test_a_failing_receiver_does_not_undo_the_withdrawal(call, exhibitor, exhibitor_org):
    def broken(sender, **kwargs):
        raise RuntimeError("waiting list unavailable")

    place_freed.connect(broken, dispatch_uid="broken")
    try:
        application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.ACCEPTED)
        service.withdraw(actor=exhibitor, application=application)
    finally:
        place_freed.disconnect(dispatch_uid="broken")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def _fair_over(call) -> None:
    ended = timezone.localdate() - datetime.timedelta(days=1)
    Event.objects.filter(pk=call.event_id).update(
        start_date=ended - datetime.timedelta(days=9), end_date=ended
    )
    call.event.refresh_from_db()


def test_a_fair_that_is_over_keeps_its_exhibitors(call, wave, exhibitor, exhibitor_org, freed):
    application = ApplicationFactory(
        call=call, organization=exhibitor_org, status=S.ACCEPTED, wave=wave
    )
    service.confirm(actor=exhibitor, application=application)
    assert service.can_withdraw(application)
    _fair_over(call)

    assert not service.can_withdraw(application)
    with pytest.raises(ValidationError) as error:
        service.withdraw(actor=exhibitor, application=application, reason="late")
    assert error.value.error_dict["status"][0].code == "event_over"
    application.refresh_from_db()
    participation = Participation.objects.get(event=call.event, organization=exhibitor_org)
    assert application.status == S.CONFIRMED
    assert participation.status == Participation.Status.CONFIRMED and freed == []


def test_a_fair_on_its_last_day_may_still_be_left(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.ACCEPTED)
    today = timezone.localdate()
    Event.objects.filter(pk=call.event_id).update(start_date=today, end_date=today)
    call.event.refresh_from_db()
    service.withdraw(actor=exhibitor, application=application)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_others_cannot_withdraw(call, other_org):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    stranger = UserFactory(role=Role.EXHIBITOR, organization=other_org)
    with pytest.raises(PermissionDenied):
        service.withdraw(actor=stranger, application=application)


def test_a_decided_application_can_no_longer_be_edited(call, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.REJECTED)
    with pytest.raises(ValidationError) as error:
        service.save_application(
            actor=exhibitor, call=call, application=application, fields={"motivation": "x"}
        )
    assert "status" in error.value.message_dict


def test_submission_and_decision_are_notified_after_commit(
    call, organizer, exhibitor, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        application = service.apply(actor=exhibitor, call=call, fields=ANSWERS)
    assert [message.to for message in mailoutbox] == [[exhibitor.email]]

    with django_capture_on_commit_callbacks(execute=True):
        service.decide(actor=organizer, application=application, decision=S.REJECTED)
    assert len(mailoutbox) == 2


def test_a_refused_submission_notifies_nobody(
    call, exhibitor, django_capture_on_commit_callbacks, mailoutbox
):
    call.microcredit_only = True
    call.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        service.apply(actor=exhibitor, call=call, fields=ANSWERS)
    assert mailoutbox == []
