"""Users' phone numbers as typed (0612345678, +212 6 12...) become E.164 (+212612345678), read
as Moroccan numbers when they have no country code. A value that is not a phone number is
left as it was, for a person to correct: nothing is lost. Re-runnable."""

import phonenumbers
from django.db import migrations

BATCH = 500


def to_e164(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    changed = []
    for user in User.objects.exclude(phone="").only("pk", "phone").iterator(chunk_size=BATCH):
        raw = str(user.phone).strip()
        try:
            number = phonenumbers.parse(raw, "MA")
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 != raw:
            user.phone = e164
            changed.append(user)
        if len(changed) >= BATCH:
            User.objects.bulk_update(changed, ["phone"])
            changed = []
    if changed:
        User.objects.bulk_update(changed, ["phone"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_user_phone_e164_and_verification")]

    operations = [migrations.RunPython(to_e164, migrations.RunPython.noop)]
