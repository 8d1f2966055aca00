from decimal import Decimal

import pytest
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.awards import services
from tadamon.awards.models import AwardCategory, JuryScore
from tests.awards.support import event_of, exhibit
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return event_of(organizer_body)


@pytest.fixture
def jury(organizer, event):
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.get(code="best_product")
    (org,) = exhibit(event, OrganizationFactory(name_fr="Atlas Weavers", name_ar="Atlas Weavers"))
    criterion = services.add_criterion(
        category=category, actor=organizer, name_fr="Quality", weight=Decimal(2)
    )
    candidate = services.add_candidate(category=category, actor=organizer, organization=org)
    juror = UserFactory(role=Role.REVIEWER, organization=None)
    services.assign_juror(category=category, user=juror, actor=organizer)
    return category, criterion, candidate, juror


def test_the_manager_sees_the_page_and_creates_the_template(client, organizer, event):
    client.force_login(organizer)
    page = client.get(reverse("awards:event_awards", args=[event.pk]))
    assert page.status_code == 200
    response = client.post(reverse("awards:create_template", args=[event.pk]))
    assert response.status_code == 302
    assert event.award_categories.count() == 7
    page = client.get(reverse("awards:event_awards", args=[event.pk]))
    assert (
        "Meilleur produit" in page.content.decode() or "جائزة أفضل منتوج" in page.content.decode()
    )
    detail = client.get(reverse("events:event_detail", args=[event.pk]))
    assert reverse("awards:event_awards", args=[event.pk]) in detail.content.decode()


def test_others_are_refused(client, exhibitor, organizer, event):
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.first()
    client.force_login(exhibitor)
    urls = [
        ("get", reverse("awards:event_awards", args=[event.pk])),
        ("post", reverse("awards:create_template", args=[event.pk])),
        ("post", reverse("awards:compute_event", args=[event.pk])),
        ("post", reverse("awards:close_jury", args=[category.pk])),
        ("post", reverse("awards:publish", args=[category.pk])),
    ]
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, url
    client.logout()
    assert client.get(urls[0][1]).status_code == 302  # to the login page


def test_the_manager_closes_computes_and_publishes(client, organizer, event, jury):
    category, criterion, candidate, juror = jury
    services.score(juror_user=juror, candidate=candidate, criterion=criterion, points=Decimal(7))
    client.force_login(organizer)
    client.post(reverse("awards:close_jury", args=[category.pk]))
    category.refresh_from_db()
    assert category.jury_closed_at is not None
    assert category.results.count() == 1
    client.post(reverse("awards:compute_event", args=[event.pk]))
    client.post(reverse("awards:publish", args=[category.pk]))
    category.refresh_from_db()
    assert category.published_at is not None
    page = client.get(reverse("awards:event_awards", args=[event.pk])).content.decode()
    assert "Atlas Weavers" in page
    assert reverse("awards:certificate_pdf", args=[category.results.get().pk]) in page


def test_publishing_without_results_shows_an_error(client, organizer, event, jury):
    category = jury[0]
    client.force_login(organizer)
    response = client.post(reverse("awards:publish", args=[category.pk]), follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])[0].level_tag == "error"
    category.refresh_from_db()
    assert category.published_at is None


def test_a_juror_scores_through_the_page(client, jury):
    category, criterion, candidate, juror = jury
    client.force_login(juror)
    page = client.get(reverse("awards:my_juries"))
    assert page.status_code == 200
    assert "Atlas Weavers" in page.content.decode()
    url = reverse("awards:score", args=[candidate.pk])
    response = client.post(url, {f"criterion_{criterion.pk}": "8.5"})
    assert response.status_code == 302
    assert JuryScore.objects.get(candidate=candidate).points == Decimal("8.5")


def test_out_of_range_scores_are_shown_as_errors(client, jury):
    _category, criterion, candidate, juror = jury
    client.force_login(juror)
    url = reverse("awards:score", args=[candidate.pk])
    response = client.post(url, {f"criterion_{criterion.pk}": "11"})
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    response = client.post(url, {f"criterion_{criterion.pk}": "abc"})
    assert response.status_code == 400
    assert not JuryScore.objects.exists()


def test_a_closed_jury_refuses_scores(client, organizer, jury):
    category, criterion, candidate, juror = jury
    services.close_jury(category=category, actor=organizer, confirm_without_scores=True)
    client.force_login(juror)
    url = reverse("awards:score", args=[candidate.pk])
    response = client.post(url, {f"criterion_{criterion.pk}": "5"})
    assert response.status_code == 400
    assert not JuryScore.objects.exists()


def test_non_jurors_cannot_score(client, exhibitor, jury):
    _category, criterion, candidate, _juror = jury
    client.force_login(exhibitor)
    assert "Atlas Weavers" not in client.get(reverse("awards:my_juries")).content.decode()
    url = reverse("awards:score", args=[candidate.pk])
    assert client.post(url, {f"criterion_{criterion.pk}": "5"}).status_code == 404
    assert not JuryScore.objects.exists()


def test_certificate_is_for_managers_only(client, organizer, exhibitor, jury):
    category, criterion, candidate, juror = jury
    services.score(juror_user=juror, candidate=candidate, criterion=criterion, points=Decimal(7))
    (result,) = services.close_jury(category=category, actor=organizer)
    url = reverse("awards:certificate_pdf", args=[result.pk])
    client.force_login(exhibitor)
    assert client.get(url).status_code == 403
    client.force_login(organizer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AwardCategory.objects.filter(pk=category.pk).exists()


def test_closing_a_jury_without_scores_asks_for_confirmation(client, organizer, event, jury):
    # Issue 15: the page closed a jury with zero scores silently.
    category = jury[0]
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("awards:event_awards", args=[event.pk])).content.decode()
    assert 'name="confirm_without_scores"' in page
    response = client.post(reverse("awards:close_jury", args=[category.pk]), follow=True)
    [message] = list(response.context["messages"])
    assert message.level_tag == "error" and "No juror has given any score" in str(message)
    category.refresh_from_db()
    assert category.jury_closed_at is None
    client.post(reverse("awards:close_jury", args=[category.pk]), {"confirm_without_scores": "on"})
    category.refresh_from_db()
    assert category.jury_closed_at is not None


def test_joint_winners_share_their_rank_on_every_page(client, organizer, event):
    # Issue 15: the page numbered winners 1, 2 by position; joint winners share rank 1.
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.get(code="innovation")
    one, two = exhibit(
        event,
        OrganizationFactory(name_fr="Atlas Weavers", name_ar="Atlas Weavers", public_profile=True),
        OrganizationFactory(name_fr="Rif Potters", name_ar="Rif Potters", public_profile=True),
    )
    for organization in (one, two):
        services.award_manually(category=category, actor=organizer, organization=organization)
    services.publish(category=category, actor=organizer)
    client.force_login(organizer)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("awards:event_awards", args=[event.pk])).content.decode()
    assert page.count('data-rank="1"') == 2 and 'data-rank="2"' not in page
    assert page.count("joint winner") == 2
    public = client.get(reverse("public:event", args=[event.pk])).content.decode()
    assert "Atlas Weavers" in public and "Rif Potters" in public
    assert public.count("joint winner") == 2
    report = client.get(reverse("reports:report", args=[event.pk])).content.decode()
    assert report.count("joint winner") == 2


def test_the_public_page_names_only_winners_that_consent(client, organizer, event):
    # Issue 15: the public site and the open data follow one consent rule; a published award
    # names its winner only when the organization (or a person's organization) agreed.
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.get(code="innovation")
    shown, discreet = exhibit(
        event,
        OrganizationFactory(name_fr="Atlas Weavers", name_ar="Atlas Weavers", public_profile=True),
        OrganizationFactory(name_fr="Discreet Dyers", name_ar="Discreet Dyers"),
    )
    for organization in (shown, discreet):
        services.award_manually(category=category, actor=organizer, organization=organization)
    services.publish(category=category, actor=organizer)
    client.cookies["django_language"] = "en"
    public = client.get(reverse("public:event", args=[event.pk])).content.decode()
    assert "Atlas Weavers" in public and "Discreet Dyers" not in public
    assert "a winner who has not agreed to appear in public" in public
