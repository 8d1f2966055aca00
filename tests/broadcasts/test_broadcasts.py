"""Broadcasts (issue 19): an event's managers write to its exhibitors chosen by status, wave,
sector and province; each organization reads it in its language on the channels it has;
opt-outs are honoured; sending again reaches nobody twice."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.broadcasts import selectors, services
from tadamon.broadcasts.models import Broadcast
from tadamon.broadcasts.selectors import Audience
from tadamon.core.models import AuditEntry
from tadamon.messaging.models import Message, OptOut
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ARABIC_LONG = (
    "تذكير: يبدأ تركيب الأروقة يوم الاثنين على الساعة الثامنة صباحا، المرجو الحضور مع بطاقة العارض."
)
FRENCH = "Montage des stands lundi à 8 h. Venez avec votre badge."


def _names(event, **chosen) -> set[str]:
    return {o.email for o in selectors.audience(event, Audience(**chosen))}


def test_statuses_waves_sectors_and_provinces_choose_the_organizations(fair):
    event = fair.event
    assert _names(event) == {"alpha@example.ma", "bravo@example.ma", "charlie@example.ma"}
    assert _names(event, application_statuses=("accepted",)) == {"alpha@example.ma"}
    assert _names(event, participation_statuses=("confirmed",)) == {"charlie@example.ma"}
    assert _names(
        event, application_statuses=("accepted",), participation_statuses=("confirmed",)
    ) == {"alpha@example.ma", "charlie@example.ma"}
    assert _names(event, waves=(fair.wave1.pk,)) == {"alpha@example.ma"}
    assert _names(event, waves=(fair.wave2.pk,)) == {"charlie@example.ma"}
    # The main sector or another one.
    assert _names(event, sectors=(fair.weaving.pk,)) == {
        "bravo@example.ma",
        "charlie@example.ma",
    }
    assert _names(event, provinces=(fair.larache.pk,)) == {
        "bravo@example.ma",
        "charlie@example.ma",
    }
    assert _names(
        event,
        application_statuses=("rejected",),
        participation_statuses=("confirmed",),
        sectors=(fair.weaving.pk,),
        provinces=(fair.larache.pk,),
        waves=(fair.wave2.pk,),
    ) == {"charlie@example.ma"}
    assert _names(event, application_statuses=("withdrawn",)) == set()


def _send(fair, organizer, **fields) -> Broadcast:
    values = {
        "actor": organizer,
        "event": fair.event,
        "audience": Audience(
            application_statuses=("accepted",), participation_statuses=("confirmed",)
        ),
        "subject": "Montage des stands",
        "text_ar": ARABIC_LONG,
        "text_fr": FRENCH,
        "channels": ["email", "sms", "inbox"],
    }
    return services.send_broadcast(**{**values, **fields})


def test_each_organization_reads_its_language_on_every_channel_it_has(
    fair, organizer, django_capture_on_commit_callbacks
):
    member = UserFactory(role=Role.EXHIBITOR, organization=fair.accepted, email="amina@example.ma")
    with django_capture_on_commit_callbacks():
        broadcast = _send(fair, organizer)
    messages = Message.objects.filter(batch=f"broadcast:{broadcast.pk}")
    arabic = messages.filter(body=ARABIC_LONG)
    french = messages.filter(body=FRENCH)
    assert set(arabic.values_list("channel", "address")) == {
        ("email", "alpha@example.ma"),
        ("email", "amina@example.ma"),
        ("sms", "+212600000001"),
        ("inbox", ""),
    }
    assert arabic.get(channel="inbox").user == member
    assert set(arabic.values_list("language", flat=True)) == {"ar"}
    assert set(french.values_list("channel", "address", "language")) == {
        ("email", "charlie@example.ma", "fr"),
        ("sms", "+212600000003", "fr"),
    }
    assert messages.count() == 6 == broadcast.messages_queued
    assert broadcast.organizations == 2
    assert set(messages.values_list("event", flat=True)) == {fair.event.pk}
    entry = AuditEntry.objects.get(action="broadcasts.broadcast.sent")
    assert entry.data["messages"] == 6


def test_one_text_only_reaches_everybody_in_that_language(
    fair, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        broadcast = _send(fair, organizer, text_ar="", channels=["sms"])
    sms = Message.objects.filter(batch=broadcast.batch)
    assert set(sms.values_list("address", "body", "language")) == {
        ("+212600000001", FRENCH, "fr"),
        ("+212600000003", FRENCH, "fr"),
    }


def test_opt_outs_are_honoured(fair, organizer, django_capture_on_commit_callbacks):
    member = UserFactory(role=Role.EXHIBITOR, organization=fair.accepted, email="amina@example.ma")
    OptOut.objects.create(user=member, channel="email")
    OptOut.objects.create(user=member, channel="inbox")
    with django_capture_on_commit_callbacks():
        broadcast = _send(fair, organizer)
    messages = Message.objects.filter(batch=broadcast.batch)
    assert not messages.filter(address="amina@example.ma").exists()
    assert not messages.filter(channel="inbox").exists()
    # The organization's own address is nobody's to refuse.
    assert messages.filter(address="alpha@example.ma").exists()
    preview = selectors.preview(
        fair.event,
        Audience(application_statuses=("accepted",)),
        channels=["email", "inbox"],
        texts={"ar": "x", "fr": ""},
    )
    assert preview.by_channel == {"email": 1, "inbox": 0}


def test_sending_the_same_broadcast_again_queues_nothing_new(
    fair, organizer, django_capture_on_commit_callbacks
):
    token = uuid.uuid4()
    with django_capture_on_commit_callbacks() as first:
        broadcast = _send(fair, organizer, token=token)
    count = Message.objects.count()
    with django_capture_on_commit_callbacks() as second:
        again = _send(fair, organizer, token=token)
        assert services.queue_broadcast(broadcast) == []
    assert again.pk == broadcast.pk and Broadcast.objects.count() == 1
    assert Message.objects.count() == count

    def handed_to_the_worker(callbacks) -> int:
        return sum("queue_many" in callback.__qualname__ for callback in callbacks)

    assert handed_to_the_worker(first) == 1 and handed_to_the_worker(second) == 0


def test_a_broadcast_needs_a_text_a_channel_a_recipient_and_a_manager(fair, organizer, other_org):
    with pytest.raises(ValidationError) as error:
        _send(fair, organizer, text_ar="", text_fr=" ")
    assert "text_ar" in error.value.message_dict
    with pytest.raises(ValidationError):
        _send(fair, organizer, channels=[])
    with pytest.raises(ValidationError):
        _send(fair, organizer, audience=Audience(application_statuses=("withdrawn",)))
    stranger = UserFactory(role=Role.ORGANIZER, organization=other_org)
    with pytest.raises(PermissionDenied):
        _send(fair, stranger)
    assert Broadcast.objects.count() == 0 and Message.objects.count() == 0


def test_the_form_shows_the_sms_parts_and_warns_when_a_text_takes_more_than_one(
    client, fair, organizer
):
    client.force_login(organizer)
    url = reverse("broadcasts:preview", args=[fair.event.pk])
    answer = client.get(
        url,
        {
            "application_statuses": ["accepted"],
            "participation_statuses": ["confirmed"],
            "subject": "x",
            "text_ar": ARABIC_LONG,
            "text_fr": FRENCH,
            "channels": ["email", "sms"],
        },
        HTTP_HX_REQUEST="true",
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert len(ARABIC_LONG) > 70
    assert 'data-sms="ar" data-segments="2"' in html
    assert 'data-sms="fr" data-segments="1"' in html
    assert 'data-warning="sms-ar"' in html and 'data-warning="sms-fr"' not in html
    assert 'data-organizations="2"' in html


def test_the_organizer_confirms_before_sending_and_a_second_post_sends_nothing(
    client, fair, organizer, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    url = reverse("broadcasts:compose", args=[fair.event.pk])
    assert client.get(url).status_code == 200
    data = {
        "application_statuses": ["accepted"],
        "participation_statuses": ["confirmed"],
        "subject": "Montage",
        "text_ar": "",
        "text_fr": FRENCH,
        "channels": ["email", "sms"],
        "token": str(uuid.uuid4()),
    }
    answer = client.post(url, data)
    assert answer.status_code == 200 and Broadcast.objects.count() == 0
    html = answer.content.decode()
    assert 'id="broadcast-confirmation"' in html and 'data-organizations="2"' in html
    with django_capture_on_commit_callbacks():
        answer = client.post(url, {**data, "confirm": "1"})
        again = client.post(url, {**data, "confirm": "1"})
    assert answer.status_code == again.status_code == 302
    assert Broadcast.objects.count() == 1 and Message.objects.count() == 4
    status = client.get(reverse("broadcasts:status", args=[fair.event.pk]))
    assert "Montage" in status.content.decode()


def test_a_form_token_used_for_another_event_is_refused(fair, organizer, organizer_body):
    from tests.factories import EventFactory

    token = uuid.uuid4()
    _send(fair, organizer, token=token)
    other = EventFactory(organizer=organizer_body)
    with pytest.raises(ValidationError):
        _send(fair, organizer, event=other, token=token)
    assert Broadcast.objects.count() == 1
