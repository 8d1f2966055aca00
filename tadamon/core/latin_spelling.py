"""How Arabic names are written in Latin letters in Morocco, where one name has many
spellings: "El Baraka", "Al Baraka", "Lbaraka"; "Assaada" and "Saada" (the article melted
into a sun letter); "Tamounte" and "Tamunt"; "Tawfiq" and "Toufik"; and Arabizi, the chat
alphabet, in which digits stand for the letters Latin lacks ("sa3ada" for سعادة, "7ayat" for
حياة, "9amar" for قمر).

These helpers only rewrite Latin tokens; tadamon.core.text uses them to build the forms and
the consonant keys stored for search, on names and on queries alike.
"""

import re

# Arabizi digits, each spelt as the French transliteration writes that letter: ع and ء are
# vowels to a French reader (and drop out of the consonant key), ح is h, ق is q, خ is kh,
# غ is gh. The digit stands for the letter only inside a word that has letters too:
# "2020" stays a year.
_ARABIZI = {"2": "", "3": "a", "5": "kh", "7": "h", "8": "gh", "9": "q"}
_ARABIZI_DIGIT = re.compile("[235789]")
# Beside a vowel, 3 adds nothing a French spelling would write: "sa3ada" is "saada", "3amal"
# is "amal".
_AIN_BY_VOWEL = re.compile("(?<=[aeiou])3|3(?=[aeiou])")
_LATIN_LETTER = re.compile("[a-z]")

_VOWELS = frozenset("aeiouy")
# The Latin spellings of the sun letters, before which the article's l melts into a doubled
# consonant: as-saada "Assaada", en-nour "Ennour", er-rahma "Errahma", az-zitoun "Azzitoun".
_SUN_LETTERS = frozenset("tdrzsnl")


def is_arabizi(token: str) -> bool:
    """A Latin word with Arabizi digits in it ("sa3ada"), not a number ("2020")."""
    return bool(_LATIN_LETTER.search(token) and _ARABIZI_DIGIT.search(token))


def arabizi_to_latin(token: str) -> str:
    """'sa3ada' → 'saada', '7ayat' → 'hayat', '9amar' → 'qamar'; other tokens unchanged."""
    if not is_arabizi(token):
        return token
    token = _AIN_BY_VOWEL.sub("", token)
    return _ARABIZI_DIGIT.sub(lambda digit: _ARABIZI[digit.group()], token)


def strip_latin_article(token: str) -> str:
    """The word without the Arabic article glued to it in a Latin spelling: 'elbaraka',
    'albaraka', 'lbaraka' → 'baraka'; 'assaada' → 'saada'; 'echchourouk' → 'chourouk'.

    At least three letters must remain. A glued el/al is taken off only before a consonant, so
    that French words ('elevage', 'alimentation') keep their first letters.
    """
    if len(token) < 5 or not token.isascii():
        return token
    first, second, third = token[0], token[1], token[2]
    if first in "ae" and token[1:5] == "chch" and len(token) >= 7:
        return token[3:]
    if first in "ae" and second == third and second in _SUN_LETTERS:
        return token[2:]
    if first in "ae" and second == "l" and third not in _VOWELS:
        return token[2:]
    # Before an l, y is the first letter of the word ("lyasmine").
    if first == "l" and second not in "aeiou":
        return token[1:]
    return token


def latin_base(token: str) -> str:
    """A Latin word as a French spelling writes it, without a glued article: 'l7ayat' →
    'hayat', 'el3amal' → 'amal', 'elbaraka' → 'baraka'. The article comes off first, so that
    its l is not read as part of the word, and again once the digits are read, since the
    letters they stand for may reveal one."""
    return strip_latin_article(arabizi_to_latin(strip_latin_article(token)))
