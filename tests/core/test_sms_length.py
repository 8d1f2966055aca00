"""What an SMS costs (issue 19): an organizer sees the parts before sending a broadcast.
An Arabic text leaves the GSM alphabet, so 70 characters fit in one message, not 160."""

import pytest

from tadamon.core.sms_length import sms_length


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("Stand B12, vague 2 : montage à 8h", "GSM-7", 33, 1),
        ("€" * 80, "GSM-7", 160, 1),  # the extension table counts twice
        ("€" * 81, "GSM-7", 162, 2),
        ("ع" * 70, "UCS-2", 70, 1),
        ("ع" * 71, "UCS-2", 71, 2),
        ("ع" * 134, "UCS-2", 134, 2),
        ("ع" * 135, "UCS-2", 135, 3),
        ("Prière d'être là à 8h" + "a" * 60, "UCS-2", 81, 2),  # ê is not in the alphabet
        ("🙂" * 35, "UCS-2", 70, 1),  # an emoji is two UTF-16 units
    ],
)
def test_parts_by_alphabet(text, encoding, units, segments):
    length = sms_length(text)
    assert (length.encoding, length.units, length.segments) == (encoding, units, segments)


def test_an_arabic_reminder_over_seventy_characters_takes_two_parts():
    text = "تذكير: يبدأ تركيب الأروقة يوم السبت على الساعة الثامنة صباحا بساحة الولاية بتطوان."
    length = sms_length(text)
    assert length.encoding == "UCS-2" and length.units > 70
    assert length.segments == 2 and length.per_segment == 67 and not length.single
