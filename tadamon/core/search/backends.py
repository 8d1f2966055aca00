"""Candidates from the database's full-text index: the same question asked of SQLite FTS5
or of PostgreSQL (tsvector and pg_trgm). Both only gather candidates; tadamon.core.search
.ranking orders them, identically on both."""

import re
from collections.abc import Callable, Sequence

from django.db import connection

from tadamon.core.text import LATIN_ARTICLES, synonyms

_NOT_WORD = re.compile(r"[^\w]", re.UNICODE)
WORDS_LIMIT = 100
TRIGRAM_LIMIT = 100


# With this many entries matching every word, the looser look-ups (any word, trigrams for
# typos) are skipped: they would only add candidates that rank below.
ENOUGH = 3


def _clean(form: str) -> str:
    return _NOT_WORD.sub("", form)


def _groups(per_token: Sequence[Sequence[str]]) -> list[list[str]]:
    """The forms of each token worth asking the index for. Legal-form words (تعاونية,
    coopérative...) are in most names: they only narrow the search when nothing else was
    typed, so they are left to the ranking otherwise."""
    groups = []
    for forms in per_token:
        cleaned = [form for form in dict.fromkeys(_clean(f) for f in forms) if form]
        if cleaned:
            groups.append(cleaned)
    meaningful = [
        forms
        for forms in groups
        if not synonyms(forms[0]) and forms[0] not in LATIN_ARTICLES and len(forms[0]) > 1
    ]
    return meaningful or groups


def _loose(groups: list[list[str]]) -> list[str]:
    """The forms for the any-word look-up: long enough to be selective."""
    return [form for forms in groups for form in forms if len(form) >= 3] or [
        form for forms in groups for form in forms
    ]


def _prefix(form: str) -> bool:
    # A two-letter prefix matches too many words to help.
    return len(form) >= 3


def _typo_words(groups: list[list[str]]) -> list[str]:
    """The typed words worth a letter-by-letter look-up: three letters or more, legal-form
    words and articles left out (by _groups) unless nothing else was typed."""
    return [forms[0] for forms in groups if len(forms[0]) >= 3]


def _trigram_match(words: list[str]) -> str:
    """Every word by one of its trigrams: a typo spoils at most three trigrams of its word
    and none of the other words'. Asking for any trigram of any word instead read and scored
    every name sharing a common trigram ("تعا", "kha"): 80 to 330 ms, the benchmark's p95."""
    per_word = []
    for word in words:
        grams = dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2))
        per_word.append("(" + " OR ".join(f'"{gram}"' for gram in grams) + ")")
    return " AND ".join(per_word)


def _filters(kinds: Sequence[str] | None, published_only: bool, alias: str) -> tuple[str, list]:
    # Every kind asked for (kinds is None) is no filter at all: on PostgreSQL, a kind filter
    # over all kinds made the planner AND the full-text index with the (kind, published)
    # index, 120,000 rows read for nothing.
    if kinds is None:
        return (f" AND {alias}.published" if published_only else ""), []
    sql = f" AND {alias}.kind IN ({', '.join(['%s'] * len(kinds))})"
    if published_only:
        sql += f" AND {alias}.published"
    return sql, list(kinds)


def _sqlite(
    per_token: Sequence[Sequence[str]], kinds: Sequence[str] | None, published_only: bool
) -> list[int]:
    where, params = _filters(kinds, published_only, "e")
    groups = _groups(per_token)

    def term(form: str) -> str:
        return f'"{form}"*' if _prefix(form) else f'"{form}"'

    def words(match: str) -> list[int]:
        cursor.execute(
            "SELECT e.id FROM core_search_fts f JOIN core_searchentry e ON e.id = f.rowid"
            f" WHERE core_search_fts MATCH %s{where}"
            " ORDER BY bm25(core_search_fts, 10.0, 5.0, 1.0) LIMIT %s",
            [match, *params, WORDS_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    def trigrams(words: list[str]) -> list[int]:
        cursor.execute(
            "SELECT e.id FROM core_search_tri t JOIN core_searchentry e ON e.id = t.rowid"
            f" WHERE core_search_tri MATCH %s{where}"
            " ORDER BY bm25(core_search_tri) LIMIT %s",
            [_trigram_match(words), *params, TRIGRAM_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    typo_words = _typo_words(groups)
    with connection.cursor() as cursor:
        every = " AND ".join("(" + " OR ".join(map(term, forms)) + ")" for forms in groups)
        any_word = " OR ".join(term(form) for form in _loose(groups))
        return _gather(
            every=lambda: words(every) if groups else [],
            typos=lambda: trigrams(typo_words) if typo_words else [],
            any_word=lambda: words(any_word) if groups and any_word != every else [],
        )


def _gather(
    *,
    every: Callable[[], list[int]],
    typos: Callable[[], list[int]],
    any_word: Callable[[], list[int]],
) -> list[int]:
    """Entries matching every word; if fewer than ENOUGH, the names closest letter by letter
    (a typo in one word: "al khanrat fes"), ahead of the entries matching some word only,
    which would otherwise fill the candidates with every entry of the right town."""
    found = every()
    if len(found) < ENOUGH:
        found += typos()
        if len(found) < ENOUGH:
            found += any_word()
    return list(dict.fromkeys(found))


_TSVECTOR = "e.tsv"  # a generated column on PostgreSQL (core migration 0004)


def _postgres(
    per_token: Sequence[Sequence[str]], kinds: Sequence[str] | None, published_only: bool
) -> list[int]:
    where, params = _filters(kinds, published_only, "e")
    groups = _groups(per_token)

    def term(form: str) -> str:
        return f"{form}:*" if _prefix(form) else form

    def words(match: str) -> list[int]:
        cursor.execute(
            f"SELECT e.id FROM core_searchentry e WHERE {_TSVECTOR}"
            f" @@ to_tsquery('simple', %s){where}"
            f" ORDER BY ts_rank({_TSVECTOR}, to_tsquery('simple', %s)) DESC, e.id"
            " LIMIT %s",
            [match, *params, match, WORDS_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    def trigrams(words: list[str]) -> list[int]:
        # Each word close to a word of the name (the same idea as _trigram_match): the GIN
        # trigram index answers each condition, and the planner ANDs them.
        close = " AND ".join(["%s <%% e.names"] * len(words))
        similarity = " + ".join(["word_similarity(%s, e.names)"] * len(words))
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.3', false)")
        cursor.execute(
            f"SELECT e.id FROM core_searchentry e WHERE {close}{where}"
            f" ORDER BY {similarity} DESC, e.id LIMIT %s",
            [*words, *params, *words, TRIGRAM_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    typo_words = _typo_words(groups)
    with connection.cursor() as cursor:
        every = " & ".join("(" + " | ".join(map(term, forms)) + ")" for forms in groups)
        any_word = " | ".join(term(form) for form in _loose(groups))
        return _gather(
            every=lambda: words(every) if groups else [],
            typos=lambda: trigrams(typo_words) if typo_words else [],
            any_word=lambda: words(any_word) if groups and any_word != every else [],
        )


def after_bulk_load() -> None:
    """After many entries were written at once (the rebuild), on PostgreSQL: fresh statistics
    for the planner, which otherwise guesses from an empty table until autovacuum passes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchentry")


def candidates(
    per_token: Sequence[Sequence[str]],
    *,
    kinds: Sequence[str] | None,
    published_only: bool,
) -> list[int]:
    """SearchEntry ids that may answer the query, of the given kinds (None: every kind); the
    closest first, since the engine ranks only the first of them."""
    if connection.vendor == "postgresql":
        return _postgres(per_token, kinds, published_only)
    return _sqlite(per_token, kinds, published_only)
