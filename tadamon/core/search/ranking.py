"""Ordering the candidates, the same on every database: by tier first (exact name, every
word of the name, name prefixes, transliterated or misspelt name, description only, some
words only), then by the closeness of the query to the best name (rapidfuzz, on normalised
strings with ``processor=None``, as shared/notes/search.md measured)."""

from dataclasses import dataclass

from rapidfuzz import fuzz

from tadamon.core.search.documents import word_forms
from tadamon.core.text import name_key, romanize, skeleton

EXACT_NAME, ALL_WORDS, PREFIXES, SPELLED, DESCRIPTION, SOME = 6, 5, 4, 3, 2, 1
TYPO_RATIO = 80


@dataclass(frozen=True)
class Ranked:
    entry_id: int
    kind: str
    object_id: int
    tier: int
    score: float


def _token_level(
    token: str, words: set[str], word_list: list[str], keys: list[str], body: set[str]
) -> int:
    forms = word_forms(token)
    if any(form in words for form in forms):
        return ALL_WORDS
    prefixes = [form for form in forms if len(form) >= 2]
    if any(word.startswith(form) for form in prefixes for word in word_list):
        return PREFIXES
    key = skeleton(token)
    if len(key) >= 2 and any(
        other == key or (len(key) >= 3 and other.startswith(key)) for other in keys
    ):
        return SPELLED
    if len(token) >= 4 and any(
        fuzz.ratio(token, word, processor=None) >= TYPO_RATIO for word in word_list
    ):
        return SPELLED
    if any(form in body for form in forms) or any(
        word.startswith(form) for form in prefixes for word in body
    ):
        return DESCRIPTION
    return 0


def rank(entry, normalized_query: str) -> tuple[int, float]:
    names = [name for name in entry.names.split("|") if name]
    if not names:
        return 0, 0.0
    roman_query = romanize(normalized_query)
    best = max(
        max(
            fuzz.WRatio(normalized_query, name, processor=None),
            fuzz.WRatio(roman_query, romanize(name), processor=None) * 0.95,
        )
        for name in names
    )
    query_key = name_key(normalized_query)
    if normalized_query in names or query_key in {name_key(name) for name in names}:
        return EXACT_NAME, best
    word_list = entry.words.split()
    words = set(word_list)
    keys = entry.keys.split()
    body = set(entry.body.split())
    levels = [
        _token_level(token, words, word_list, keys, body) for token in normalized_query.split()
    ]
    if not levels:
        return 0, 0.0
    if min(levels) == 0:
        return (SOME if max(levels) else 0), best * sum(1 for level in levels if level) / len(
            levels
        )
    return min(levels), best
