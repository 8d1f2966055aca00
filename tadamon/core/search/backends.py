"""Candidates from the database's full-text index: the same question asked of SQLite FTS5
or of PostgreSQL (tsvector and pg_trgm). Both only gather candidates; tadamon.core.search
.ranking orders them, identically on both."""

import re
from collections.abc import Sequence

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


def _trigrams(text: str) -> list[str]:
    grams = []
    for token in text.split():
        token = _clean(token)
        grams += [token[i : i + 3] for i in range(len(token) - 2)]
    return list(dict.fromkeys(grams))


def _filters(kinds: Sequence[str], published_only: bool, alias: str) -> tuple[str, list]:
    sql = f" AND {alias}.kind IN ({', '.join(['%s'] * len(kinds))})"
    if published_only:
        sql += f" AND {alias}.published"
    return sql, list(kinds)


def _sqlite(per_token, normalized: str, kinds, published_only) -> list[int]:
    where, params = _filters(kinds, published_only, "e")
    found: list[int] = []
    groups = _groups(per_token)

    def term(form: str) -> str:
        return f'"{form}"*' if _prefix(form) else f'"{form}"'

    with connection.cursor() as cursor:
        if groups:
            every = " AND ".join("(" + " OR ".join(map(term, forms)) + ")" for forms in groups)
            any_word = " OR ".join(term(form) for form in _loose(groups))
            for match in dict.fromkeys([every, any_word]):
                cursor.execute(
                    "SELECT e.id FROM core_search_fts f JOIN core_searchentry e ON e.id = f.rowid"
                    f" WHERE core_search_fts MATCH %s{where}"
                    " ORDER BY bm25(core_search_fts, 10.0, 5.0, 1.0) LIMIT %s",
                    [match, *params, WORDS_LIMIT],
                )
                found += [row[0] for row in cursor.fetchall()]
                if len(found) >= ENOUGH:
                    break
        grams = _trigrams(normalized)
        if grams and len(found) < ENOUGH:
            cursor.execute(
                "SELECT e.id FROM core_search_tri t JOIN core_searchentry e ON e.id = t.rowid"
                f" WHERE core_search_tri MATCH %s{where}"
                " ORDER BY bm25(core_search_tri) LIMIT %s",
                [" OR ".join(f'"{gram}"' for gram in grams), *params, TRIGRAM_LIMIT],
            )
            found += [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(found))


_TSVECTOR = "e.tsv"  # a generated column on PostgreSQL (core migration 0004)


def _postgres(per_token, normalized: str, kinds, published_only) -> list[int]:
    where, params = _filters(kinds, published_only, "e")
    found: list[int] = []
    groups = _groups(per_token)

    def term(form: str) -> str:
        return f"{form}:*" if _prefix(form) else form

    with connection.cursor() as cursor:
        if groups:
            every = " & ".join("(" + " | ".join(map(term, forms)) + ")" for forms in groups)
            any_word = " | ".join(term(form) for form in _loose(groups))
            for match in dict.fromkeys([every, any_word]):
                cursor.execute(
                    f"SELECT e.id FROM core_searchentry e WHERE {_TSVECTOR}"
                    f" @@ to_tsquery('simple', %s){where}"
                    f" ORDER BY ts_rank({_TSVECTOR}, to_tsquery('simple', %s)) DESC, e.id"
                    " LIMIT %s",
                    [match, *params, match, WORDS_LIMIT],
                )
                found += [row[0] for row in cursor.fetchall()]
                if len(found) >= ENOUGH:
                    break
        if len(normalized) >= 3 and len(found) < ENOUGH:
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.3', false)")
            cursor.execute(
                f"SELECT e.id FROM core_searchentry e WHERE %s <%% e.names{where}"
                " ORDER BY word_similarity(%s, e.names) DESC, e.id LIMIT %s",
                [normalized, *params, normalized, TRIGRAM_LIMIT],
            )
            found += [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(found))


def candidates(
    per_token: Sequence[Sequence[str]],
    normalized: str,
    *,
    kinds: Sequence[str],
    published_only: bool,
) -> list[int]:
    """SearchEntry ids that may answer the query (unordered for the caller's purposes)."""
    if connection.vendor == "postgresql":
        return _postgres(per_token, normalized, kinds, published_only)
    return _sqlite(per_token, normalized, kinds, published_only)
