"""Ordering the candidates, the same on every database: by tier first (exact name, every
word of the name, name prefixes, transliterated or misspelt name, description only, some
words only), then by the closeness of the query to the best name (rapidfuzz, on normalised
strings with ``processor=None``, as shared/notes/search.md measured)."""

from dataclasses import dataclass

from rapidfuzz import fuzz

from tadamon.core.latin_spelling import strip_latin_article
from tadamon.core.search.documents import word_forms
from tadamon.core.text import LATIN_ARTICLES, romanize, skeleton, stored_keys, strip_article

EXACT_NAME, ALL_WORDS, PREFIXES, SPELLED, DESCRIPTION, SOME = 6, 5, 4, 3, 2, 1
TYPO_RATIO = 80


@dataclass(frozen=True)
class Ranked:
    entry_id: int
    kind: str
    object_id: int
    tier: int
    score: float


@dataclass(frozen=True)
class QueryToken:
    text: str
    forms: tuple[str, ...]
    prefixes: tuple[str, ...]
    key: str
    keys: tuple[str, ...]  # the key and its ة-with-a-t variant (text.stored_keys)


@dataclass(frozen=True)
class Query:
    """What every candidate is compared with, computed once per query."""

    normalized: str
    roman: str
    bare: str  # without articles
    tokens: tuple[QueryToken, ...]

    @classmethod
    def of(cls, normalized: str) -> "Query":
        tokens = []
        texts = normalized.split(" ")
        # "el baraka", "l'oasis": a Latin article typed apart is in some spellings of the name
        # and not in others; it neither helps nor hinders a match.
        texts = [text for text in texts if text not in LATIN_ARTICLES] or texts
        for text in texts:
            forms = tuple(word_forms(text))
            tokens.append(
                QueryToken(
                    text=text,
                    forms=forms,
                    prefixes=tuple(form for form in forms if len(form) >= 2),
                    key=skeleton(text),
                    keys=tuple(key for key in stored_keys(text) if len(key) >= 2),
                )
            )
        return cls(normalized, romanize(normalized), _bare(normalized), tuple(tokens))


def _bare(normalized: str) -> str:
    # The stored names are normalised already: only the articles are taken off here, Arabic
    # or Latin, typed apart or glued ("el baraka", "lbaraka", "البركة" all give "baraka").
    return " ".join(
        strip_latin_article(strip_article(token))
        for token in normalized.split(" ")
        if token not in LATIN_ARTICLES
    )


def _token_level(
    token: QueryToken, words: set[str], word_list: list[str], keys: list[str], body: set[str]
) -> int:
    if any(form in words for form in token.forms):
        return ALL_WORDS
    if any(word.startswith(form) for form in token.prefixes for word in word_list):
        return PREFIXES
    key = token.key
    if any(other in token.keys or (len(key) >= 3 and other.startswith(key)) for other in keys):
        return SPELLED
    if len(token.text) >= 4 and any(
        fuzz.ratio(token.text, word, processor=None) >= TYPO_RATIO for word in word_list
    ):
        return SPELLED
    if any(form in body for form in token.forms) or any(
        word.startswith(form) for form in token.prefixes for word in body
    ):
        return DESCRIPTION
    return 0


def rank(entry, query: Query) -> tuple[int, float]:
    names = [name for name in entry.names.split("|") if name]
    if not names:
        return 0, 0.0
    best = max(
        max(
            fuzz.WRatio(query.normalized, name, processor=None),
            fuzz.WRatio(query.roman, romanize(name), processor=None) * 0.95,
        )
        for name in names
    )
    if query.normalized in names or query.bare in {_bare(name) for name in names}:
        return EXACT_NAME, best
    word_list = entry.words.split()
    words = set(word_list)
    keys = entry.keys.split()
    body = set(entry.body.split())
    levels = [_token_level(token, words, word_list, keys, body) for token in query.tokens]
    if not levels:
        return 0, 0.0
    if min(levels) == 0:
        matched = sum(1 for level in levels if level)
        return (SOME if matched else 0), best * matched / len(levels)
    return min(levels), best
