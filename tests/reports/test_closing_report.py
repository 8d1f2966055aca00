"""The closing report's own keys (SPEC 5): exhibitors and their breakdowns, waves, the
event's facts, awards published only, and the previous edition's figures."""

import datetime
from decimal import Decimal

import pytest

from tadamon.awards import services as award_services
from tadamon.events.models import EventSeries, Participation, Wave
from tadamon.reports import selectors
from tadamon.sales.models import SalesDeclaration
from tests.factories import EventFactory, OrganizationFactory, kind, region, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2024, 5, 31),
        end_date=datetime.date(2024, 6, 9),
        area_m2=7000,
    )


def take_part(event, organization, status=Participation.Status.CONFIRMED, wave=None):
    return Participation.objects.create(
        event=event, organization=organization, status=status, wave=wave
    )


def test_breakdowns_count_confirmed_exhibitors_and_sum_to_the_total(fair):
    argan = OrganizationFactory(
        kind=kind("cooperative"), region=region("05"), primary_sector=sector("argan")
    )
    women = OrganizationFactory(kind=kind("association"), region=region("05"), women_led=True)
    artisan = OrganizationFactory(
        kind=kind("artisan"), region=region("01"), primary_sector=sector("argan"), women_led=True
    )
    for organization in (argan, women, artisan):
        take_part(fair, organization)
    take_part(fair, OrganizationFactory(women_led=True), Participation.Status.PENDING)
    take_part(fair, OrganizationFactory(), Participation.Status.WITHDRAWN)

    figures = selectors.exhibitor_figures(fair)

    assert figures["exhibitors"] == 3
    assert figures["women_led_exhibitors"] == 2
    assert figures["exhibitors_by_kind"] == {"artisan": 1, "association": 1, "cooperative": 1}
    assert figures["exhibitors_by_region"] == {"01": 1, "05": 2}
    assert figures["exhibitors_by_sector"] == {"argan": 2, selectors.UNSPECIFIED: 1}


def test_waves_list_their_confirmed_exhibitors_in_date_order(fair):
    second = Wave.objects.create(
        event=fair,
        label="2",
        start_date=fair.start_date + datetime.timedelta(days=5),
        end_date=fair.end_date,
    )
    first = Wave.objects.create(
        event=fair, label="1", start_date=fair.start_date, end_date=fair.start_date
    )
    take_part(fair, OrganizationFactory(), wave=first)
    take_part(fair, OrganizationFactory(), wave=first)
    take_part(fair, OrganizationFactory(), Participation.Status.CANCELLED, wave=first)
    take_part(fair, OrganizationFactory(), wave=second)

    assert selectors.wave_figures(fair) == [
        {
            "label": "1",
            "name": "1",
            "start": first.start_date,
            "end": first.end_date,
            "exhibitors": 2,
        },
        {
            "label": "2",
            "name": "2",
            "start": second.start_date,
            "end": second.end_date,
            "exhibitors": 1,
        },
    ]


def test_report_has_every_key_of_spec_section_5(fair):
    report = selectors.closing_report(fair)
    expected = {
        "exhibitors",
        "exhibitors_by_kind",
        "exhibitors_by_region",
        "exhibitors_by_sector",
        "women_led_exhibitors",
        "waves",
        "visitors",
        "turnover_mad",
        "sessions",
        "beneficiaries",
        "beneficiaries_women",
        "beneficiary_organizations",
        "communes",
        "b2b_meetings",
        "awards",
        "area_m2",
        "days",
        "edition",
        "previous_edition",
    }
    assert expected <= set(report)
    assert (report["days"], report["area_m2"]) == (10, 7000)
    # Nothing recorded: unknown, never 0.
    unknown = [
        "exhibitors",
        "women_led_exhibitors",
        "visitors",
        "turnover_mad",
        "beneficiaries",
        "beneficiaries_women",
        "beneficiary_organizations",
        "communes",
        "b2b_meetings",
        "previous_edition",
    ]
    assert {key: report[key] for key in unknown} == dict.fromkeys(unknown)
    assert report["exhibitors_by_kind"] == {} and report["awards"] == []


def test_awards_appear_only_once_published(fair, organizer):
    oldest = OrganizationFactory(founded_year=1955)
    take_part(fair, oldest)
    take_part(fair, OrganizationFactory(founded_year=2010))
    categories = award_services.create_from_template(event=fair, actor=organizer)
    category = next(c for c in categories if c.code == "oldest_cooperative")
    award_services.compute(category=category, actor=organizer)
    assert selectors.closing_report(fair)["awards"] == []

    award_services.publish(category=category, actor=organizer)

    awards = selectors.closing_report(fair)["awards"]
    assert [(a["category"], a["organization"]) for a in awards] == [
        ("oldest_cooperative", oldest.pk)
    ]


def test_previous_edition_carries_the_same_figures(organizer_body):
    series = EventSeries.objects.create(
        name_fr="Salon régional", kind="regional_exhibition", organizer=organizer_body
    )
    second = EventFactory(organizer=organizer_body, series=series, edition=2, area_m2=4000)
    third = EventFactory(
        organizer=organizer_body,
        series=series,
        edition=3,
        start_date=datetime.date(2027, 6, 1),
        end_date=datetime.date(2027, 6, 10),
    )
    exhibitor = OrganizationFactory()
    take_part(second, exhibitor)
    SalesDeclaration.objects.create(
        event=second,
        organization=exhibitor,
        date=second.start_date,
        amount_mad=Decimal("1500.25"),
        status=SalesDeclaration.Status.VALIDATED,
    )

    report = selectors.closing_report(third)

    assert report["edition"] == 3
    previous = report["previous_edition"]
    assert previous["edition"] == 2
    assert previous["event"] == second.pk
    assert (previous["exhibitors"], previous["turnover_mad"]) == (1, "1500.25")
    assert previous["area_m2"] == 4000
    assert "previous_edition" not in previous
    assert selectors.closing_report(second)["previous_edition"] is None
