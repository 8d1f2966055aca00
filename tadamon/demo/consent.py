"""The demonstration's consent to the public site (Organization.public_profile): invented
cooperatives, associations and artisans agree, except one in ten, so that the public pages
show both what appears and that the others do not; half show their contacts. Institutions
(organizers, partners) keep the default: not shown as showcases."""

from django.db.models import F
from django.db.models.functions import Mod

from tadamon.registry.models import Organization

INSTITUTIONS = ("public_institution", "company")


def give_consent() -> int:
    candidates = Organization.objects.exclude(kind__code__in=INSTITUTIONS).annotate(
        tenth=Mod(F("pk"), 10), half=Mod(F("pk"), 2)
    )
    shown = candidates.exclude(tenth=0).values("pk")
    count = Organization.objects.filter(pk__in=shown).update(public_profile=True)
    Organization.objects.filter(
        pk__in=candidates.filter(half=0).exclude(tenth=0).values("pk")
    ).update(public_contact=True)
    return count
