"""Arabic-aware text normalisation, used identically when indexing and when searching.

Users type names as they actually type them: without hamza, with ه for ة, with or
without diacritics, in Arabic-Indic digits, or in Latin letters. Everything that is
searched is first passed through :func:`normalize`, and Latin/Arabic spellings of the same
name meet through :func:`skeleton`, a consonant key (see shared/notes/search.md).
"""

import re
import unicodedata

from tadamon.core.latin_spelling import arabizi_to_latin, latin_base

_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ڭ": "ك",
        "گ": "ك",
        "ڤ": "ف",
        "ک": "ك",
        "ی": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_SEPARATORS = re.compile(r"[\s'’‘`´\-_.,;:/\\()\[\]\"«»،؛؟?!]+")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
# Articles and particles written as separate words in Latin spellings of Arabic names.
LATIN_ARTICLES = frozenset({"el", "al", "le", "la", "les", "de", "du", "des", "d", "l"})

# Legal-form words are translations, not names: they say nothing about which organization.
LEGAL_FORM_WORDS = frozenset(
    {
        "تعاونيه",
        "جمعيه",
        "تعاضديه",
        "cooperative",
        "coop",
        "association",
        "assoc",
        "mutuelle",
        "ste",
        "societe",
    }
)


def _strip_latin_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _is_arabic(ch))


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def normalize(text: str | None) -> str:
    """Fold a name to the form in which it is stored for search and compared."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_ARABIC_FOLD)
    text = _strip_latin_accents(text)
    # NFKD above may split Arabic letters with hamza again; fold once more.
    text = unicodedata.normalize("NFC", text).translate(_ARABIC_FOLD)
    text = _ARABIC_MARKS.sub("", text).casefold()
    return " ".join(_SEPARATORS.split(text)).strip()


def tokens(text: str | None) -> list[str]:
    return [token for token in normalize(text).split(" ") if token]


_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def strip_article(token: str) -> str:
    """Remove the Arabic article (and a clinging conjunction or preposition) from a token."""
    for prefix in _ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            return token[len(prefix) :]
    return token


_ARABIC_TO_LATIN = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "c",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "d",
    "غ": "g",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "w",
    "ي": "y",
}
_ARABIC_SILENT = set("اعء")
# A French c is k before a, o, u or a consonant and s before e, i, y ("Baraca", "Cinq"); ch and
# sh are ش, the key's c.
_LATIN_SOFT_C = re.compile("c(?=[eiy])")
_LATIN_HARD_C = re.compile("c(?!h)")
_LATIN_DIGRAPHS = (
    ("ch", "c"),
    ("sh", "c"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("ou", "w"),
    ("dj", "j"),
)
_LATIN_LETTERS = str.maketrans({"q": "k", "x": "ks", "v": "f", "p": "b", "y": "y", "w": "w"})
# Vowels are written every way ("Tamount", "Tamunt", "Tamounte"). The h stays: it is ح or
# a ه inside a word ("Rahma", "Zahra"), both of which the Arabic side keeps.
_LATIN_DROPPED = set("aeiou")


def _arabic_key(token: str) -> str:
    token = strip_article(token)
    # A final ه is the ة of a feminine ending (normalize folded it), written a or e in Latin.
    if token.endswith("ه"):
        token = token[:-1]
    return "".join(_ARABIC_TO_LATIN.get(ch, "") for ch in token if ch not in _ARABIC_SILENT)


def _latin_key(token: str) -> str:
    token = latin_base(token)
    # The key also drops an el or al glued before a vowel ("alamal" for Al Amal), which
    # latin_base keeps for French words ("elevage"): a key only gathers candidates, and the
    # ranking compares the whole spellings afterwards.
    for prefix in ("el", "al"):
        if token.startswith(prefix) and len(token) > len(prefix) + 2:
            token = token[len(prefix) :]
            break
    # Word-initial th is ث or ت ("Thami", "Thouraya"); inside a word it is often t then ح
    # ("Fath").
    if token.startswith("th"):
        token = "t" + token[2:]
    token = _LATIN_HARD_C.sub("k", _LATIN_SOFT_C.sub("s", token))
    for digraph, replacement in _LATIN_DIGRAPHS:
        token = token.replace(digraph, replacement)
    token = token.translate(_LATIN_LETTERS)
    return "".join(ch for ch in token if ch.isalpha() and ch not in _LATIN_DROPPED)


def _skeleton_token(token: str) -> str:
    key = _arabic_key(token) if _ARABIC_LETTER.search(token) else _latin_key(token)
    # Vowel-like glides are spelled inconsistently in both scripts; keep them out of the key.
    key = key.replace("w", "").replace("y", "")
    return re.sub(r"(.)\1+", r"\1", key)


def skeleton(text: str | None) -> str:
    """A consonant key shared by the Arabic and Latin spellings of one name.

    'الدرازة' and 'Derraza' both give 'drz'; legal-form words are left out.
    """
    keys = []
    for token in tokens(text):
        if token in LEGAL_FORM_WORDS or token in LATIN_ARTICLES or token.isdigit():
            continue
        key = _skeleton_token(token)
        if key:
            keys.append(key)
    return " ".join(keys)


def stored_keys(text: str | None) -> list[str]:
    """The keys stored for a name: its skeleton, and for a word that may end in a ة the key
    with and without the t that a Latin spelling sometimes writes for it ("Hayat" and حياة,
    "Barakat" and البركة), so that a name stored one way is found by a query typed the other.
    """
    keys: list[str] = []
    for token in tokens(text):
        key = skeleton(token)
        if not key:
            continue
        keys.append(key)
        if _ARABIC_LETTER.search(token):
            if token.endswith("ه") and len(strip_article(token)) >= 3:
                keys.append(key + "t")
        elif len(token) >= 4 and arabizi_to_latin(token).endswith(("at", "et")):
            keys.append(key[:-1])
    return list(dict.fromkeys(key for key in keys if key))


def search_document(*parts: str | None) -> str:
    """The text stored for search: normalised words and their article-less forms.

    Padded with spaces so that a whole word can be matched as ``" word "``.
    """
    words: list[str] = []
    for part in parts:
        for token in tokens(part):
            words.append(token)
            bare = strip_article(token)
            if bare != token:
                words.append(bare)
    seen: dict[str, None] = dict.fromkeys(words)
    return " " + " ".join(seen) + " "


def skeleton_document(*parts: str | None) -> str:
    """The skeleton keys stored for search, padded like :func:`search_document`."""
    keys = dict.fromkeys(key for part in parts for key in skeleton(part).split())
    return " " + " ".join(keys) + " "


def name_key(text: str | None) -> str:
    """A name's words, normalised and without the Arabic article: two spellings of one name
    ("آيت أومديس", "ايت اومديس") give the same key."""
    return " ".join(strip_article(token) for token in tokens(text))


_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "ك")
_ARABIC_SUFFIXES = ("ات", "ان", "ين", "ون", "ها", "يه", "ه", "ي")
_FRENCH_SUFFIXES = ("s", "x")


def light_stem(token: str) -> str:
    """A light stem (Larkey's light10, as shared/notes/search.md advises): the article and
    one clinging particle (و ف ب ل ك) off the front, one plural or feminine ending off the
    back, while at least three letters remain. Latin words lose a plural s or x."""
    if _ARABIC_LETTER.search(token):
        stem = strip_article(token)
        if stem == token and len(token) >= 5 and token.startswith(_ARABIC_CLITICS):
            stem = strip_article(token[1:]) if token[1:].startswith("ال") else token[1:]
        for suffix in _ARABIC_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                return stem[: -len(suffix)]
        return stem
    if len(token) > 4 and token.endswith(_FRENCH_SUFFIXES):
        return token[:-1]
    return token


# Legal forms are translations of one another: a name written in one language is found by
# the legal-form word of the other.
LEGAL_SYNONYMS = (
    frozenset({"تعاونيه", "cooperative", "coop", "cooperatives"}),
    frozenset({"جمعيه", "association", "assoc", "associations"}),
    frozenset({"تعاضديه", "mutuelle"}),
)


def synonyms(token: str) -> frozenset[str]:
    for group in LEGAL_SYNONYMS:
        if token in group:
            return group
    return frozenset()


_ROMAN = str.maketrans(
    {
        "ا": "a", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
        "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "ch", "ص": "s", "ض": "d", "ط": "t",
        "ظ": "d", "ع": "a", "غ": "gh", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
        "ن": "n", "ه": "a", "و": "ou", "ي": "i", "ء": "",
    }
)  # fmt: skip


def romanize(normalized: str) -> str:
    """A rough Latin spelling of a normalised Arabic text (Latin text is left as it is), to
    compare a name typed in one script with a name written in the other. Arabizi digits become
    the letters a French spelling writes ("9amar" → "qamar")."""
    return " ".join(
        arabizi_to_latin(strip_article(token)) for token in normalized.split(" ")
    ).translate(_ROMAN)
