"""What the walk checks on each page, besides the server's answer, the console and the hosts
(watched in test_walk.py): overflow, template language, English on an Arabic or French page,
dates written digits/digits/digits, and axe-core's serious or critical violations.

The English check has two parts, both over the visible text (`innerText`) with the names and
data of the demo left out only by being what they are (the demo invents them in Arabic and
French):
- a sentence of the English catalogue: any run of three words or more of a msgid of our own
  catalogue (locale/*/django.po, between its placeholders and tags) that is translated in
  that language and still shows in English on the page, i.e. a string rendered without its
  translation (`{% translate %}` missing or a catalogue entry missing or fuzzy);
- English prose never put in the catalogue: a line with three or more English function
  words that French and Arabic never use ("the", "of", "with", "your", ...).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

# Read in one evaluation: the visible text, the page's width against the viewport's and,
# when it overflows, the elements that stick out (their tag, id and classes).
PAGE_FACTS_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const facts = {
    document: document.doctype !== null,
    text: document.body ? document.body.innerText : "",
    title: document.title,
    scrollWidth: root.scrollWidth,
    scrollHeight: root.scrollHeight,
    clientWidth: width,
    culprits: [],
  };
  if (root.scrollWidth > width + 1) {
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width && (box.right > width + 1 || box.left < -1)) {
        const id = element.id ? "#" + element.id : "";
        const classes = [...element.classList].map((name) => "." + name).join("");
        facts.culprits.push(element.tagName.toLowerCase() + id + classes);
        if (facts.culprits.length >= 4) break;
      }
    }
  }
  return facts;
}"""

TEMPLATE_LANGUAGE = ("{%", "{{", "{#")
# A date written with slashes, whatever the digits (Arabic-Indic too: \d is Unicode).
SLASH_DATE = re.compile(r"(?<!\d)\d{1,4}/\d{1,2}/\d{1,4}(?!\d)")

# English words that are not also French words (no "a", "on", "an", "or", "in", "plus").
ENGLISH_ONLY = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "for",
        "with",
        "your",
        "you",
        "this",
        "that",
        "these",
        "those",
        "from",
        "will",
        "would",
        "should",
        "can",
        "could",
        "not",
        "no",
        "yes",
        "has",
        "have",
        "had",
        "which",
        "there",
        "their",
        "they",
        "them",
        "what",
        "when",
        "where",
        "who",
        "how",
        "why",
        "it",
        "its",
        "into",
        "than",
        "then",
        "any",
        "here",
        "our",
        "we",
        "us",
        "yet",
        "all",
        "being",
        "does",
        "did",
        "do",
        "must",
        "may",
        "might",
        "about",
        "after",
        "before",
    ]
)
ENGLISH_LINE_WORDS = 3
CATALOGUE_WORDS = 3
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# Placeholders and markup split a msgid into the pieces the page shows verbatim.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|[\n\r]")


@dataclass(frozen=True)
class PageFacts:
    document: bool  # a whole document, not a fragment that htmx inserts into a page
    text: str
    title: str
    scroll_width: int
    scroll_height: int
    client_width: int
    culprits: list[str]


def facts_from(raw: dict) -> PageFacts:
    return PageFacts(
        raw["document"],
        raw["text"],
        raw["title"],
        raw["scrollWidth"],
        raw["scrollHeight"],
        raw["clientWidth"],
        raw["culprits"],
    )


def _po_entries(language: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of our catalogue; plural forms by their singular."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    entries, msgid, msgstr, field = [], [], [], None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgctxt ", "msgid_plural ")) or not line.strip():
            if msgid and field == "msgstr":
                entries.append(("".join(msgid), "".join(msgstr)))
                msgid, msgstr = [], []
            field = "msgid" if line.startswith("msgid ") else None
            if field:
                msgid = [_unquote(line[len("msgid ") :])]
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            field = "msgstr"
            msgstr = [_unquote(line.split(" ", 1)[1])]
        elif line.startswith('"') and field == "msgid":
            msgid.append(_unquote(line))
        elif line.startswith('"') and field == "msgstr":
            msgstr.append(_unquote(line))
        elif line.startswith("msgstr["):
            field = "other"
    return entries


def _unquote(quoted: str) -> str:
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n")


@cache
def catalogue_phrases(language: str) -> dict[tuple[str, ...], list[str]]:
    """The English pieces of three words or more of every msgid translated differently in
    `language`, indexed by their first three words (a page's text is matched by its words)."""
    phrases: dict[tuple[str, ...], list[str]] = {}
    for msgid, msgstr in _po_entries(language):
        if not msgid or not msgstr or msgstr == msgid:
            continue
        for piece in _PLACEHOLDER.split(msgid):
            words = _WORD.findall(piece)
            if len(words) >= CATALOGUE_WORDS:
                phrase = " ".join(words)
                phrases.setdefault(tuple(word.lower() for word in words[:3]), []).append(phrase)
    return phrases


def english_on_page(text: str, language: str) -> list[str]:
    """Lines of the page's text that are English (see the module's docstring)."""
    found = []
    phrases = catalogue_phrases(language)
    for line in text.splitlines():
        words = _WORD.findall(line)
        if len(words) < 3:
            continue
        joined = " ".join(words)
        lowered = [word.lower() for word in words]
        catalogued = any(
            phrase in joined
            for index in range(len(lowered) - 2)
            for phrase in phrases.get(tuple(lowered[index : index + 3]), ())
        )
        function_words = sum(word in ENGLISH_ONLY for word in lowered)
        if catalogued or function_words >= ENGLISH_LINE_WORDS:
            found.append(line.strip()[:120])
    return found


def problems_in(facts: PageFacts, language: str, *, whole: bool) -> list[str]:
    """Everything wrong in the page's text and, for a whole document, its layout."""
    problems = []
    if whole and facts.scroll_width > facts.client_width + 1:
        problems.append(
            f"horizontal overflow: {facts.scroll_width}px > {facts.client_width}px "
            f"({', '.join(facts.culprits)})"
        )
    for marker in TEMPLATE_LANGUAGE:
        if marker in facts.text or marker in facts.title:
            problems.append(f"template language {marker!r} in the page")
    for date in SLASH_DATE.findall(facts.text):
        problems.append(f"date written with slashes: {date}")
    if language != "en":
        problems.extend(
            f"English on a {language} page: {line!r}"
            for line in english_on_page(facts.text, language)
        )
    return problems


SERIOUS = frozenset({"serious", "critical"})


def axe_problems(response: dict) -> list[str]:
    """axe-core's violations of serious or critical impact: the rule, its first elements and
    what axe says of the first (for contrast: the colours and the ratio)."""
    problems = []
    for violation in response["violations"]:
        if violation.get("impact") not in SERIOUS:
            continue
        nodes = violation["nodes"]
        targets = [" ".join(map(str, node["target"])) for node in nodes[:3]]
        checks = [*nodes[0].get("any", []), *nodes[0].get("all", [])]
        said = checks[0]["message"][:160] if checks else ""
        problems.append(
            f"axe {violation['id']} ({violation['impact']}, {len(nodes)} elements): "
            f"{'; '.join(targets)} [{said}]"
        )
    return problems
