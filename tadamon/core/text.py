"""Arabic-aware text normalisation, used identically when indexing and when searching.

Users type names as they actually type them: without hamza, with ه for ة, with or
without diacritics, in Arabic-Indic digits, or in Latin letters. Everything that is
searched is first passed through :func:`normalize`, and Latin/Arabic spellings of the same
name meet through :func:`skeleton`, a consonant key (see shared/notes/search.md).
"""

import re
import unicodedata

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
LATIN_ARTICLES = _LATIN_ARTICLES = frozenset(
    {"el", "al", "le", "la", "les", "de", "du", "des", "d", "l"}
)

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
    "و": "w",
    "ي": "y",
}
_ARABIC_SILENT = set("اعهء")
_LATIN_DIGRAPHS = (("ch", "c"), ("sh", "c"), ("kh", "k"), ("gh", "g"), ("ou", "w"), ("dj", "j"))
_LATIN_LETTERS = str.maketrans({"q": "k", "x": "ks", "v": "f", "p": "b", "y": "y", "w": "w"})
_LATIN_DROPPED = set("aeioh")


def _skeleton_token(token: str) -> str:
    if _ARABIC_LETTER.search(token):
        token = strip_article(token)
        letters = [_ARABIC_TO_LATIN.get(ch, "") for ch in token if ch not in _ARABIC_SILENT]
        key = "".join(letters)
    else:
        for prefix in ("el", "al"):
            if token.startswith(prefix) and len(token) > len(prefix) + 2:
                token = token[len(prefix) :]
                break
        for digraph, replacement in _LATIN_DIGRAPHS:
            token = token.replace(digraph, replacement)
        token = token.translate(_LATIN_LETTERS)
        key = "".join(ch for ch in token if ch.isalpha() and ch not in _LATIN_DROPPED)
    # Vowel-like glides are spelled inconsistently in both scripts; keep them out of the key.
    key = key.replace("w", "").replace("y", "")
    return re.sub(r"(.)\1+", r"\1", key)


def skeleton(text: str | None) -> str:
    """A consonant key shared by the Arabic and Latin spellings of one name.

    'الدرازة' and 'Derraza' both give 'drz'; legal-form words are left out.
    """
    keys = []
    for token in tokens(text):
        if token in LEGAL_FORM_WORDS or token in _LATIN_ARTICLES or token.isdigit():
            continue
        key = _skeleton_token(token)
        if key:
            keys.append(key)
    return " ".join(keys)


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
    compare a name typed in one script with a name written in the other."""
    return " ".join(strip_article(token) for token in normalized.split(" ")).translate(_ROMAN)
