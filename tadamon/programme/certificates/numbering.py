"""Certificate numbers: ``TDM-<year>-<sequence>-<3 random><check>``, e.g. TDM-2024-000123-K7QD.

- The sequence counts per year in :class:`CertificateSequence`, advanced by an UPDATE inside
  the issuing transaction: concurrent issuers queue on that row (SQLite and PostgreSQL), and
  a number handed out is never handed out again, even when a certificate row is deleted.
- The three random characters make the public verification page useless for listing every
  beneficiary by trying consecutive numbers (the names of women in rural communes are not
  for harvesting); the sequence alone keeps numbers unique and readable.
- The check character catches a mistyped character or two swapped neighbours when someone
  types a number from paper: a weighted sum modulo 31 over the 31-character alphabet.
"""

import re
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tadamon.programme.models import CertificateSequence

PREFIX = "TDM"
# No I, L, O, S, Z: they are read as 1, 1, 0, 5, 2 on paper.
ALPHABET = "0123456789ABCDEFGHJKMNPQRTUVWXY"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_SHAPE = re.compile(rf"^{PREFIX}-(\d{{4}})-(\d{{6,}})-([{ALPHABET}]{{3}})([{ALPHABET}])$")


def check_character(body: str) -> str:
    """The check character of the number's characters without dashes and prefix."""
    total = sum((position + 1) * _VALUE[char] for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def format_number(year: int, sequence: int, salt: str) -> str:
    body = f"{year:04d}{sequence:06d}{salt}"
    return f"{PREFIX}-{year:04d}-{sequence:06d}-{salt}{check_character(body)}"


def normalize(text: str) -> str:
    """A number as typed (lower case, spaces, Arabic-Indic digits) in its canonical form."""
    digits = {ord(chr(0x0660 + i)): str(i) for i in range(10)}
    digits.update({ord(chr(0x06F0 + i)): str(i) for i in range(10)})
    return re.sub(r"\s+", "", text.translate(digits)).upper()


def is_well_formed(number: str) -> bool:
    """True when the number has the right shape and its check character matches."""
    match = _SHAPE.match(number)
    if match is None:
        return False
    year, sequence, salt, check = match.groups()
    return check_character(f"{year}{sequence}{salt}") == check


def _advance(year: int) -> int:
    updated = CertificateSequence.objects.filter(year=year).update(last=F("last") + 1)
    if not updated:
        try:
            # A savepoint, so that losing the race to create the year's row leaves the
            # caller's transaction usable.
            with transaction.atomic():
                CertificateSequence.objects.create(year=year, last=1)
            return 1
        except IntegrityError:
            CertificateSequence.objects.filter(year=year).update(last=F("last") + 1)
    return CertificateSequence.objects.get(year=year).last


def next_number(year: int | None = None) -> str:
    """A new number; call it inside the transaction that saves the certificate."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Certificate numbers are taken inside the issuing transaction.")
    year = year or timezone.localdate().year
    salt = "".join(secrets.choice(ALPHABET) for _ in range(3))
    return format_number(year, _advance(year), salt)
