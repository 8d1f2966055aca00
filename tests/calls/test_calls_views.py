import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.calls.models import Call
from tests.factories import CallFactory, EventFactory, kind, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    today = timezone.localdate()
    return EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=40),
    )


def _management(prefix="criteria", total=2, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def test_the_organizer_opens_a_call_with_rules_and_a_grid(client, organizer, event):
    client.force_login(organizer)
    url = reverse("calls:call_edit", args=[event.pk])
    assert client.get(url).status_code == 200
    today = timezone.localdate()

    response = client.post(
        url,
        {
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
            "capacity": "52",
            "eligible_kinds": [kind("cooperative").pk],
            "eligible_regions": [region("04").pk],
            "offer_days": "3",
            **_management(),
            "criteria-0-name_ar": "جودة المنتوج",
            "criteria-0-name_fr": "Qualité",
            "criteria-0-weight": "2",
            "criteria-0-max_points": "10",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get(event=event)
    assert call.capacity == 52
    assert list(call.eligible_regions.values_list("code", flat=True)) == ["04"]
    assert [c.name_fr for c in call.criteria.all()] == ["Qualité"]


def test_errors_show_next_to_the_fields(client, organizer, event):
    client.force_login(organizer)
    today = timezone.localdate()
    response = client.post(
        reverse("calls:call_edit", args=[event.pk]),
        {
            "opens_on": today.isoformat(),
            "closes_on": (event.end_date + datetime.timedelta(days=5)).isoformat(),
            "capacity": "5",
            "offer_days": "3",
            **_management(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"]
    assert not Call.objects.exists()


def test_editing_keeps_the_criteria(client, organizer, event):
    call = CallFactory(event=event)
    criterion = call.criteria.create(name_fr="Qualité", weight=1, max_points=10)
    client.force_login(organizer)
    response = client.post(
        reverse("calls:call_edit", args=[event.pk]),
        {
            "opens_on": call.opens_on.isoformat(),
            "closes_on": call.closes_on.isoformat(),
            "capacity": "20",
            "offer_days": "3",
            **_management(total=2, initial=1),
            "criteria-0-id": str(criterion.pk),
            "criteria-0-name_fr": "Qualité du produit",
            "criteria-0-weight": "3",
            "criteria-0-max_points": "10",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.name_fr == "Qualité du produit" and criterion.weight == 3


def test_only_managers_reach_the_call_pages(client, exhibitor, event):
    CallFactory(event=event)
    client.force_login(exhibitor)
    assert client.get(reverse("calls:call_edit", args=[event.pk])).status_code == 403
    assert client.get(reverse("calls:application_list", args=[event.pk])).status_code == 403
    hidden = EventFactory(is_published=False)
    assert client.get(reverse("calls:call_edit", args=[hidden.pk])).status_code == 404
