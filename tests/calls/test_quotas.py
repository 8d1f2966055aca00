import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tadamon.calls.quotas import (
    Member,
    broken,
    check_quotas,
    conflict_messages,
    explanation,
    quota_label,
    validate_quotas,
)
from tadamon.registry.models import Sector

pytestmark = pytest.mark.django_db


def member(i, *, women=False, region="01", sector="textile", wave=None, youth=False):
    return Member(
        id=i,
        women_led=women,
        youth_led=youth,
        first_time=False,
        region=region,
        province=None,
        sector=sector,
        wave=wave,
    )


def test_valid_quotas_are_cleaned_and_unset_ones_dropped():
    quotas = validate_quotas(
        {
            "min_share_women_led": 0.5,
            "min_share_youth_led": None,
            "min_per_region": {"01": 3, "05": None},
            "max_per_sector": {"textile": 10},
            "max_per_province": {},
        }
    )
    assert quotas == {
        "min_share_women_led": 0.5,
        "min_per_region": {"01": 3},
        "max_per_sector": {"textile": 10},
    }


@pytest.mark.parametrize(
    ("quotas", "field", "words"),
    [
        ({"min_share_women_led": 50}, "min_share_women_led", "women-led"),
        ({"min_share_first_time": True}, "min_share_first_time", "first-time"),
        ({"max_per_sector": {"textile": -1}}, "max_per_sector", "textile"),
        ({"max_per_sector": {"rockets": 3}}, "max_per_sector", "rockets"),
        ({"min_per_region": {"99": 1}}, "min_per_region", "99"),
        ({"min_per_region": [1, 2]}, "min_per_region", "region"),
        ({"womenled": 0.3}, "womenled", "womenled"),
        ({"min_share_women_led_per_wave": 0.3}, "min_share_women_led_per_wave", "wave"),
        ({"min_per_region": {"01": 5}, "max_per_region": {"01": 2}}, "min_per_region", "5"),
    ],
)
def test_invalid_quotas_are_refused_naming_the_quota(quotas, field, words):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_quotas(quotas)
    messages = error.value.message_dict
    assert field in messages
    assert words in " ".join(messages[field])


def test_per_wave_quota_is_accepted_when_the_event_has_waves():
    assert validate_quotas({"min_share_women_led_per_wave": 0.4}, waves=["M1", "M2"]) == {
        "min_share_women_led_per_wave": 0.4
    }


def test_quotas_must_be_an_object():
    with pytest.raises(ValidationError) as error:
        validate_quotas([0.5])
    assert "quotas" in error.value.message_dict


def test_share_quota_at_the_limit_is_met_like_the_optimizer_counts_it():
    members = [member(i, women=i < 2) for i in range(4)]
    [check] = check_quotas({"min_share_women_led": 0.5}, members)
    assert check.met and check.count == 2 and check.achieved == 0.5
    [check] = check_quotas({"min_share_women_led": 0.51}, members)
    assert not check.met


def test_count_quotas_per_region_and_sector():
    members = [member(1, region="01"), member(2, region="01"), member(3, region="05")]
    checks = check_quotas(
        {
            "min_per_region": {"05": 2},
            "max_per_region": {"01": 2},
            "max_per_sector": {"textile": 2},
        },
        members,
    )
    by_name = {(c.name, c.key): c for c in checks}
    assert not by_name["min_per_region", "05"].met
    assert by_name["max_per_region", "01"].met
    assert not by_name["max_per_sector", "textile"].met
    assert {(c.name, c.key) for c in broken(checks)} == {
        ("min_per_region", "05"),
        ("max_per_sector", "textile"),
    }


def test_per_wave_share_is_checked_in_each_wave():
    members = [member(1, women=True, wave="M1"), member(2, wave="M2"), member(3, wave="M2")]
    checks = check_quotas({"min_share_women_led_per_wave": 0.5}, members)
    assert [(c.key, c.met) for c in checks] == [("M1", True), ("M2", False)]


def test_labels_name_places_by_their_reference_names():
    with translation.override("fr"):
        label = quota_label("max_per_sector", "textile")
        name = Sector.objects.get(code="textile").name
    assert label.endswith(f"{name} (textile)")


def test_reason_codes_and_conflicts_in_words():
    with translation.override("en"):
        assert "women-led" in explanation("selected_for_quota:min_share_women_led")
        assert "region" in explanation("displaced_by_quota:max_per_region:01")
        assert explanation("below_cutoff") == "score below the selection's cut-off"
        [alone] = conflict_messages(
            [{"name": "min_share_women_led", "key": None, "required": 0.9, "message": "x"}]
        )
        assert "90%" in alone and "women-led" in alone
        two = conflict_messages(
            [
                {"name": "min_per_region", "key": "01", "required": 5, "message": "x"},
                {"name": "max_per_sector", "key": "textile", "required": 1, "message": "y"},
            ]
        )
        assert all("together" in message for message in two)
