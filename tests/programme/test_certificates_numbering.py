"""Certificate numbers: readable, checked, unique and never given twice."""

import pytest
from django.db import transaction

from tadamon.programme.certificates import numbering
from tadamon.programme.models import Certificate, CertificateSequence
from tests.factories import EventFactory, PersonFactory


def test_a_number_has_the_year_a_sequence_and_a_valid_check_character():
    number = numbering.format_number(2024, 123, "K7Q")
    assert number.startswith("TDM-2024-000123-K7Q")
    assert len(number) == len("TDM-2024-000123-K7QX")
    assert numbering.is_well_formed(number)


def test_a_mistyped_character_or_two_swapped_neighbours_are_caught():
    number = numbering.format_number(2024, 123, "K7Q")
    body = number[:-1]
    for position, char in enumerate(body):
        if char in "-T" or position < 4:
            continue
        for other in numbering.ALPHABET:
            if other != char:
                typo = body[:position] + other + body[position + 1 :] + number[-1]
                assert not numbering.is_well_formed(typo), typo
    swapped = number.replace("000123", "000213")
    assert not numbering.is_well_formed(swapped)


def test_numbers_typed_loosely_are_read_as_the_canonical_form():
    number = numbering.format_number(2024, 7, "ABC")
    typed = " " + number.lower().replace("2024", "٢٠٢٤") + " "
    assert numbering.normalize(typed) == number


@pytest.mark.django_db
def test_numbers_are_unique_and_never_reused_even_after_a_deletion(organizer_body):
    with transaction.atomic():
        first = numbering.next_number(2024)
        second = numbering.next_number(2024)
    assert first != second
    assert first.split("-")[2] == "000001" and second.split("-")[2] == "000002"
    event = EventFactory(organizer=organizer_body)
    certificate = Certificate.objects.create(
        number=second, kind="attendance", event=event, person=PersonFactory()
    )
    certificate.delete()
    with transaction.atomic():
        third = numbering.next_number(2024)
    assert third.split("-")[2] == "000003"
    assert CertificateSequence.objects.get(year=2024).last == 3
    with transaction.atomic():
        assert numbering.next_number(2025).split("-")[2] == "000001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_numbers_are_taken_inside_the_issuing_transaction_only():
    with pytest.raises(RuntimeError):
        numbering.next_number(2024)
