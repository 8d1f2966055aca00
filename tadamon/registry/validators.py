"""Checks on single values, shared by models, forms, the API and the importer."""

import datetime

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

EARLIEST_FOUNDED_YEAR = 1900
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


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
    """Accept JPEG, PNG or WebP images up to the configured size."""
    if not file:
        return
    limit = settings.TADAMON_PHOTO_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The photo is %(size)s MB; the limit is %(limit)s MB."),
            code="photo_size",
            params={"size": round(file.size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("The file is not an image."), code="photo_type") from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(_("Photos must be JPEG, PNG or WebP images."), code="photo_type")
