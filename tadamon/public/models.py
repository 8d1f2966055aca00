from django.db import models
from django.utils.translation import gettext_lazy as _


class PageVersion(models.Model):
    """The version of everything the public pages show (tadamon/public/cache.py).

    One row (ONLY), written by migration 0002. It lives in the database, not in the cache,
    because the embedded set-up runs several processes each with its own memory cache: a
    change must reach all of them. `epoch` is new for each database, so that a shared cache
    (Redis) never serves the pages of another database. Not backed up (`backed_up`): a
    restore keeps this database's row and bumps it, so that no page cached before is served
    again.
    """

    ONLY = 1
    backed_up = False  # tadamon.core.backup.contents.backed_up_models

    epoch = models.UUIDField(_("epoch"))
    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("public pages version")
        verbose_name_plural = _("public pages versions")

    def __str__(self) -> str:
        return f"{self.epoch.hex[:8]}:{self.number}"
