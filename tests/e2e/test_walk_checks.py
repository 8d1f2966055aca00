"""The walk's text checks on their own (no browser: they run with `make test`), so that a
change to the heuristics shows what it lets through or starts to flag."""

from tests.e2e.walk_checks import PageFacts, english_on_page, problems_in


def facts(text: str, *, scroll_width: int = 390) -> PageFacts:
    return PageFacts(True, text, "Tadamon", scroll_width, 1000, 390, [])


def test_english_prose_and_untranslated_msgids_are_found_french_and_arabic_are_not():
    text = "\n".join(
        [
            "Le stand de la coopérative est attribué.",
            "المعرض الجهوي للاقتصاد الاجتماعي والتضامني",
            "Coopérative Nissae M'diq de couture",
            "No sessions for this event yet",  # three English-only words
            "Visitors through this gate today",  # a msgid of the catalogue, one English-only word
        ]
    )
    assert english_on_page(text, "fr") == [
        "No sessions for this event yet",
        "Visitors through this gate today",
    ]


def test_slashed_dates_template_language_and_overflow_are_problems():
    found = problems_in(
        facts("Le 12/06/2024 {{ event.title }}", scroll_width=432), "fr", whole=True
    )
    assert "date written with slashes: 12/06/2024" in found
    assert "template language '{{' in the page" in found
    assert any(problem.startswith("horizontal overflow: 432px") for problem in found)
    assert problems_in(facts("Le 12 juin 2024, 2 500 MAD"), "fr", whole=True) == []


def test_a_fragment_is_not_checked_for_overflow():
    assert problems_in(facts("Résultats", scroll_width=600), "fr", whole=False) == []
