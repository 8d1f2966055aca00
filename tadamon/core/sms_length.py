"""How many SMS segments a text costs, shown to an organizer before a broadcast is sent.

A text in the GSM 03.38 alphabet is sent in 7-bit characters: 160 in one message, 153 per
part once it is split (the rest carries the part header), the characters of the extension
table counting twice. Any other character (Arabic, most accents outside the alphabet, an
emoji) sends the whole text in UCS-2: 70 in one message, 67 per part, counted in UTF-16
units, so that an emoji counts twice. Providers bill per part.
"""

from dataclasses import dataclass

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # characters as the network counts them
    segments: int
    per_segment: int  # what one part holds in this encoding, for "n of m characters"

    @property
    def single(self) -> bool:
        return self.segments <= 1


def sms_length(text: str) -> SmsLength:
    """The encoding, length and number of parts of ``text`` as an SMS."""
    if all(char in GSM_BASIC or char in GSM_EXTENDED for char in text):
        units = sum(2 if char in GSM_EXTENDED else 1 for char in text)
        return _split("GSM-7", units, single=160, part=153)
    units = len(text.encode("utf-16-le")) // 2
    return _split("UCS-2", units, single=70, part=67)


def _split(encoding: str, units: int, single: int, part: int) -> SmsLength:
    if units <= single:
        return SmsLength(encoding, units, 1 if units else 0, single)
    return SmsLength(encoding, units, -(-units // part), part)
