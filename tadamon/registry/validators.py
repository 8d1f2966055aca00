"""Checks on single values, shared by models, forms, the API and the importer."""

import datetime

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from tadamon.core import uploads

EARLIEST_FOUNDED_YEAR = 1900
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")


def validate_founded_year(value: int | None) -> None:
    if value is None:
        return
    this_year = datetime.date.today().year
    if value < EARLIEST_FOUNDED_YEAR or value > this_year:
        raise ValidationError(
            _("The founding year must be between %(first)s and %(last)s."),
            code="founded_year_range",
            params={"first": EARLIEST_FOUNDED_YEAR, "last": this_year},
        )


def normalize_phone(raw: str | None) -> str:
    """Return a Moroccan (or international) number in E.164 form, or raise ValidationError."""
    if not raw or not raw.strip():
        return ""
    try:
        number = phonenumbers.parse(raw.strip(), settings.TADAMON_PHONE_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("“%(value)s” is not a phone number."), code="phone", params={"value": raw}
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number."), code="phone", params={"value": raw}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_photo(file) -> None:
    """Accept JPEG, PNG or WebP images up to the configured size (tadamon.core.uploads)."""
    if not file:
        return
    # A photo already stored was checked when it was sent: editing a product must not read
    # it back from the storage, nor fail because an old file went missing.
    if isinstance(file, FieldFile) and file._committed:
        return
    uploads.check_image(file, field=_("Photo"), formats=PHOTO_FORMATS)
