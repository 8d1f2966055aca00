"""An event's certificate settings: the issuance rule, the signatories and the logo."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.core import audit, uploads
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.programme.certificates import eligibility
from tadamon.programme.models import CertificateRule

MAX_SIGNATORIES = 3
SIGNATORY_KEYS = ("name_ar", "name_fr", "title_ar", "title_fr")
SIGNATORY_MAX_LENGTH = 120
LOGO_FORMATS = ("PNG", "JPEG")
UNCHANGED: Any = object()


def clean_signatories(value: Any) -> list[dict[str, str]]:
    """A list of at most three {name_ar, name_fr, title_ar, title_fr}, each with a name."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError({"signatories": _("Give a list of signatories.")})
    if len(value) > MAX_SIGNATORIES:
        raise ValidationError(
            {"signatories": _("At most %(count)s signatories.") % {"count": MAX_SIGNATORIES}}
        )
    cleaned = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ValidationError(
                {
                    "signatories": _("Signatory %(n)s: give name_ar, name_fr, title_ar, title_fr.")
                    % {"n": position}
                }
            )
        unknown = sorted(set(item) - set(SIGNATORY_KEYS))
        if unknown:
            raise ValidationError(
                {
                    "signatories": _("Signatory %(n)s: unknown keys %(keys)s.")
                    % {"n": position, "keys": ", ".join(unknown)}
                }
            )
        entry = {key: str(item.get(key) or "").strip() for key in SIGNATORY_KEYS}
        if not entry["name_ar"] and not entry["name_fr"]:
            raise ValidationError(
                {
                    "signatories": _("Signatory %(n)s: give the name in Arabic or in French.")
                    % {"n": position}
                }
            )
        if any(len(text) > SIGNATORY_MAX_LENGTH for text in entry.values()):
            raise ValidationError(
                {
                    "signatories": _("Signatory %(n)s: at most %(max)s characters a field.")
                    % {"n": position, "max": SIGNATORY_MAX_LENGTH}
                }
            )
        cleaned.append(entry)
    return cleaned


def validate_logo(file: Any) -> None:
    """A PNG or JPEG image (the formats the PDF embeds), within the photo size limit."""
    try:
        uploads.check_image(file, field=_("Logo"), formats=LOGO_FORMATS)
    except ValidationError as error:
        raise ValidationError({"logo": error.messages}) from None


@transaction.atomic
def save_settings(
    *,
    actor: Any,
    event: Event,
    rule: str,
    min_sessions: int = 1,
    signatories: Any = None,
    logo: Any = UNCHANGED,
) -> CertificateRule:
    """Save the event's certificate rule, signatories and (when given) logo; a logo of None
    or "" removes it. Certificates already issued keep what they state."""
    require_event_manager(actor, event)
    settings_row = eligibility.rule_for(event)
    errors: dict[str, Any] = {}
    if rule not in CertificateRule.Rule.values:
        errors["rule"] = _("Choose one of: %(choices)s.") % {
            "choices": ", ".join(CertificateRule.Rule.values)
        }
    if rule == CertificateRule.Rule.MIN_SESSIONS and (
        not isinstance(min_sessions, int) or min_sessions < 1
    ):
        errors["min_sessions"] = _("At least one session.")
    try:
        cleaned_signatories = clean_signatories(signatories)
    except ValidationError as error:
        errors.update(error.message_dict)
    if logo not in (UNCHANGED, None, ""):
        try:
            validate_logo(logo)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    settings_row.rule = rule
    if isinstance(min_sessions, int) and min_sessions >= 1:
        settings_row.min_sessions = min_sessions
    settings_row.signatories = cleaned_signatories
    if logo in (None, ""):
        settings_row.logo = ""
    elif logo is not UNCHANGED:
        # Assigned, stored by save(): the generated name then follows the new file's format.
        settings_row.logo = logo
    settings_row.full_clean(validate_constraints=False)
    settings_row.save()
    audit.record(
        actor=actor,
        action="programme.certificate.settings_saved",
        obj=settings_row,
        data={
            "rule": rule,
            "min_sessions": settings_row.min_sessions,
            "signatories": len(cleaned_signatories),
            "logo": settings_row.logo.name if settings_row.logo else "",
        },
    )
    return settings_row
