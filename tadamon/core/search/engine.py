"""Indexing and querying (see tadamon.core.search)."""

from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import transaction

from tadamon.core.models import SearchEntry
from tadamon.core.search import backends, documents
from tadamon.core.search.ranking import SOME, Query, Ranked, rank
from tadamon.core.text import normalize, stored_keys

KINDS = ("organization", "product", "event")
RANKED = 60

Row = tuple[int, bool, Sequence, Sequence]

# Each app that puts objects in the index declares, at start-up, how to list all of them
# (the rebuild after a bulk load or a restore): core knows no app (issue 16).
_SOURCES: dict[str, Callable[[], Iterator[Row]]] = {}
# Called after each rebuild of the whole index: what the public search finds may have changed
# without any service's change (tadamon.public.cache follows it).
_REBUILT: list[Callable[[], None]] = []


def register_source(kind: str, rows: Callable[[], Iterator[Row]]) -> None:
    """Declare how to list every (object_id, published, names, body) row of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"Unknown search kind {kind!r}; add it to KINDS.")
    _SOURCES[kind] = rows


def on_rebuilt(listener: Callable[[], None]) -> None:
    """Call `listener()` after every rebuild from now on (once per listener)."""
    if listener not in _REBUILT:
        _REBUILT.append(listener)


def rebuild() -> dict[str, int]:
    """Rebuild the whole index from the declared sources; how many entries of each kind."""
    missing = set(KINDS) - set(_SOURCES)
    if missing:
        raise RuntimeError(f"No search source declared for {sorted(missing)}.")
    counts = {kind: replace_all(kind, _SOURCES[kind]()) for kind in KINDS}
    for listener in _REBUILT:
        listener()
    return counts


def index(
    kind: str,
    object_id: int,
    *,
    published: bool,
    names: Iterable[str | None],
    body: Iterable[str | None] = (),
) -> SearchEntry:
    """Store (or refresh) the searchable forms of one object."""
    document = documents.build(names, body)
    entry, _created = SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "published": published,
            "names": document.names,
            "words": document.words,
            "keys": document.keys,
            "body": document.body,
        },
    )
    return entry


def unindex(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


@transaction.atomic
def replace_all(kind: str, rows: Iterable[Row]) -> int:
    """Rebuild every entry of `kind` from (object_id, published, names, body) rows."""
    SearchEntry.objects.filter(kind=kind).delete()
    batch: list[SearchEntry] = []
    count = 0
    for object_id, published, names, body in rows:
        document = documents.build(names, body)
        batch.append(
            SearchEntry(
                kind=kind,
                object_id=object_id,
                published=published,
                names=document.names,
                words=document.words,
                keys=document.keys,
                body=document.body,
            )
        )
        if len(batch) >= 5000:
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)
    backends.after_bulk_load()
    return count + len(batch)


def search(
    query: str,
    *,
    kinds: Sequence[str] = KINDS,
    published_only: bool = True,
    limit: int = 20,
    partial: bool = False,
) -> list[Ranked]:
    """The best matches first; nothing for an empty query. Every word of the query must
    match (in the name, or at least in the description) unless `partial` is true."""
    normalized = normalize(query)
    if not normalized:
        return []
    per_token = [documents.word_forms(token) for token in normalized.split(" ")]
    per_token = [forms + keys for forms, keys in zip(per_token, _keys(normalized), strict=True)]
    every_kind = set(kinds) >= set(KINDS)
    ids = backends.candidates(
        per_token, kinds=None if every_kind else list(kinds), published_only=published_only
    )
    if not ids:
        return []
    ranked = []
    query_features = Query.of(normalized)
    # The index returns its best first: ranking more than RANKED of them changes nothing but
    # the time taken.
    for entry in SearchEntry.objects.filter(pk__in=ids[:RANKED]).only(
        "kind", "object_id", "names", "words", "keys", "body"
    ):
        tier, score = rank(entry, query_features)
        if tier > SOME or (partial and tier):
            ranked.append(Ranked(entry.pk, entry.kind, entry.object_id, tier, score))
    ranked.sort(key=lambda hit: (-hit.tier, -hit.score, hit.kind, hit.object_id))
    return ranked[:limit]


def _keys(normalized: str) -> list[list[str]]:
    # Each token's key, and the key with the t a Latin spelling may write for a ة ("Hayat");
    # none for a legal-form word.
    return [stored_keys(token) for token in normalized.split(" ")]


def ranked_ids(query: str, kind: str, *, published_only: bool, limit: int = 500) -> list[int]:
    return [
        hit.object_id
        for hit in search(query, kinds=[kind], published_only=published_only, limit=limit)
    ]
