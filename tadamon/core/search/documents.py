"""What is stored for one searchable object: its names normalised, the words of its names
with their light stems and legal-form synonyms, the transliteration keys, and the words of
its description (see tadamon.core.text)."""

from collections.abc import Iterable
from dataclasses import dataclass

from tadamon.core.latin_spelling import latin_base
from tadamon.core.text import (
    light_stem,
    normalize,
    stored_keys,
    strip_article,
    synonyms,
    tokens,
)


@dataclass(frozen=True)
class Document:
    names: str
    words: str
    keys: str
    body: str


def word_forms(token: str) -> list[str]:
    """A token, without its article (Arabic, or glued to a Latin spelling), its light stem,
    its legal-form synonyms, and an Arabizi word ("7ayat") in plain Latin letters ("hayat")."""
    forms = [
        token,
        strip_article(token),
        light_stem(token),
        latin_base(token),
        *sorted(synonyms(token)),
    ]
    return list(dict.fromkeys(form for form in forms if form))


def build(names: Iterable[str | None], body: Iterable[str | None] = ()) -> Document:
    full = [normalize(name) for name in names if name and normalize(name)]
    words = [form for name in full for token in name.split(" ") for form in word_forms(token)]
    keys = [key for name in full for key in stored_keys(name)]
    body_words = [form for text in body for token in tokens(text) for form in word_forms(token)]
    return Document(
        names="|".join(dict.fromkeys(full)),
        words=" ".join(dict.fromkeys(words)),
        keys=" ".join(dict.fromkeys(keys)),
        body=" ".join(dict.fromkeys(body_words)),
    )
