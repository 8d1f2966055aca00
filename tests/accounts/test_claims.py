"""Issue 19: after signing up, the person is shown the registry records that look like theirs
and names one ("this is us") or keeps their own; an organizer confirms (merging into the
record named) or refuses with a reason the person is told. Until then the person acts for the
record they typed in only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.calls.models import Application
from tadamon.calls.services import applications as application_service
from tadamon.core.models import AuditEntry
from tadamon.registry.models import Organization, OrganizationClaim
from tests.accounts.signup_support import SmsInbox, province, sign_up
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db

MATCH = reverse("registry:signup_match")
CLAIMS = reverse("registry:claim_list")


@pytest.fixture(autouse=True)
def sms(settings):
    settings.TADAMON_SMS_GATEWAY = "tests.accounts.signup_support.SmsInbox"
    SmsInbox.sent.clear()
    return SmsInbox.sent


@pytest.fixture
def known(db):
    """The registry's record of the cooperative that signs up, with its people, products and
    an application: what the person may not see before an organizer confirms."""
    place = province()
    organization = OrganizationFactory(
        name_ar="تعاونية الأمل للأركان",
        name_fr="Coopérative Al Amal",
        region=place.region,
        province=place,
        registration_number="ODCO-7781",
    )
    PersonFactory(organization=organization, first_name="PRIVATE-PERSON")
    ProductFactory(organization=organization, name_fr="PRIVATE-PRODUCT")
    return organization


@pytest.fixture
def open_call(organizer_body):
    today = timezone.localdate()
    event = EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=40),
    )
    return CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=10),
    )


def test_the_likely_matches_are_shown_with_their_reasons(client, known):
    someone_elses = sign_up(client.__class__(), phone="0661000002").organization
    sign_up(client, registration_number="ODCO-7781")
    page = client.get(MATCH)
    assert page.status_code == 200
    [candidate] = page.context["candidates"]
    assert candidate.organization == known
    assert candidate.reasons[0]  # the registration number, then the name
    body = page.content.decode()
    assert "Coopérative Al Amal" in body or "تعاونية الأمل للأركان" in body
    # Another person's record, not yet confirmed, is never offered.
    assert someone_elses.pk not in {c.organization.pk for c in page.context["candidates"]}
    # The typed number belongs to the known record: the new one is kept without it.
    claim = OrganizationClaim.objects.get(user__phone="+212612345678")
    assert claim.registration_number == "ODCO-7781"
    assert claim.organization.registration_number == ""


def test_linking_then_confirming_merges_the_typed_record_into_the_known_one(
    client, known, organizer, open_call, django_capture_on_commit_callbacks
):
    user = sign_up(client)
    typed_in = user.organization
    # Before the decision the person applies to an open call, as the record they typed in.
    application = application_service.apply(
        actor=user, call=open_call, fields={"motivation": "نريد المشاركة"}
    )
    assert application.organization == typed_in
    response = client.post(MATCH, {"choice": str(known.pk)})
    assert response.status_code == 302
    claim = OrganizationClaim.objects.get(user=user)
    assert claim.match == known and claim.is_pending

    desk = client.__class__()
    desk.force_login(organizer)
    listing = desk.get(CLAIMS)
    assert listing.status_code == 200 and str(known) in listing.content.decode()
    assert desk.get(reverse("registry:claim_confirm", args=[claim.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post(reverse("registry:claim_confirm", args=[claim.pk]))
    assert done.status_code == 302

    user.refresh_from_db()
    claim.refresh_from_db()
    assert user.organization == known
    assert claim.status == OrganizationClaim.Status.CONFIRMED and claim.decided_by == organizer
    assert claim.organization == known
    assert not Organization.objects.filter(pk=typed_in.pk).exists()
    assert Application.objects.get(pk=application.pk).organization == known
    assert AuditEntry.objects.filter(action="registry.claim.confirmed", actor=organizer).exists()
    assert AuditEntry.objects.filter(action="registry.organization.merged").exists()
    # The person is told, and now sees the known record with its people.
    assert any(phone == "+212612345678" for phone, _text in SmsInbox.sent[1:])
    page = client.get(reverse("registry:organization_detail", args=[known.pk]))
    assert page.status_code == 200 and "PRIVATE-PERSON" in page.content.decode()


def test_confirming_a_new_record_keeps_it_and_ends_its_waiting(client, organizer):
    user = sign_up(client)
    client.post(MATCH, {"choice": "new"})
    claim = OrganizationClaim.objects.get(user=user)
    assert claim.match is None and claim.matches_reviewed_at
    desk = client.__class__()
    desk.force_login(organizer)
    desk.post(reverse("registry:claim_confirm", args=[claim.pk]))
    user.organization.refresh_from_db()
    assert not user.organization.awaiting_confirmation
    assert OrganizationClaim.objects.get(pk=claim.pk).status == OrganizationClaim.Status.CONFIRMED


def test_refusing_needs_a_reason_and_tells_the_person(
    client, organizer, django_capture_on_commit_callbacks
):
    user = sign_up(client)
    claim = OrganizationClaim.objects.get(user=user)
    desk = client.__class__()
    desk.force_login(organizer)
    url = reverse("registry:claim_refuse", args=[claim.pk])
    assert desk.post(url, {"reason": ""}).status_code == 400
    assert OrganizationClaim.objects.get(pk=claim.pk).is_pending
    SmsInbox.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(url, {"reason": "Registration number unknown to ODCO"})
    claim.refresh_from_db()
    assert claim.status == OrganizationClaim.Status.REFUSED
    assert claim.reason == "Registration number unknown to ODCO"
    [(phone, text)] = SmsInbox.sent
    assert phone == "+212612345678" and "Registration number unknown to ODCO" in text
    # Nothing was removed; the person reads the reason on their page.
    user.refresh_from_db()
    assert user.is_active and user.organization.awaiting_confirmation
    page = client.get(reverse("registry:my_organization")).content.decode()
    assert "Registration number unknown to ODCO" in page
    assert AuditEntry.objects.filter(action="registry.claim.refused", actor=organizer).exists()


def test_a_pending_person_sees_nothing_of_the_record_they_named(client, known, open_call):
    ApplicationFactory(call=open_call, organization=known, motivation="PRIVATE-MOTIVATION")
    sign_up(client)
    client.post(MATCH, {"choice": str(known.pk)})
    assert client.get(reverse("registry:organization_detail", args=[known.pk])).status_code == 404
    assert client.get(reverse("registry:organization_edit", args=[known.pk])).status_code == 404
    application = Application.objects.get(organization=known)
    detail = client.get(reverse("calls:application_detail", args=[application.pk]))
    assert detail.status_code == 404
    for page in (
        reverse("registry:organization_list"),
        reverse("registry:my_organization"),
        reverse("calls:portal_home"),
    ):
        body = client.get(page).content.decode()
        for private in ("PRIVATE-PERSON", "PRIVATE-PRODUCT", "PRIVATE-MOTIVATION", "ODCO-7781"):
            assert private not in body, (page, private)


def test_only_a_record_shown_may_be_named(client, known):
    stranger = OrganizationFactory(name_fr="Autre chose")
    sign_up(client)
    response = client.post(MATCH, {"choice": str(stranger.pk)})
    assert response.status_code == 200
    assert OrganizationClaim.objects.get(user__phone="+212612345678").match is None


def test_the_claims_pages_are_for_organizers(client, exhibitor, organizer):
    user = sign_up(client)
    claim = OrganizationClaim.objects.get(user=user)
    assert client.get(CLAIMS).status_code == 403
    assert client.post(reverse("registry:claim_confirm", args=[claim.pk])).status_code == 404
    assert OrganizationClaim.objects.get(pk=claim.pk).is_pending
    desk = client.__class__()
    desk.force_login(organizer)
    assert desk.get(reverse("registry:claim_detail", args=[claim.pk])).status_code == 200
    listing = desk.get(reverse("registry:organization_list")).content.decode()
    assert CLAIMS in listing
