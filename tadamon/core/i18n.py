"""Choosing between the Arabic and French versions of a text by the active language."""

from django.utils.translation import get_language


def reads_arabic() -> bool:
    """Whether the active language is Arabic (the default when none is active)."""
    return (get_language() or "ar")[:2] == "ar"


def localized(obj: object, stem: str) -> str:
    """`obj.<stem>_ar` in Arabic, `obj.<stem>_fr` otherwise, each falling back on the other."""
    arabic, french = getattr(obj, f"{stem}_ar"), getattr(obj, f"{stem}_fr")
    if reads_arabic():
        return arabic or french
    return french or arabic
