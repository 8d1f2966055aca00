from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "tadamon.public"
    label = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from tadamon.core import audit
        from tadamon.core.search import engine
        from tadamon.public import cache

        # The public pages' cache follows every change written to the audit trail, and the
        # rebuilds of the search index (a bulk load, a restore).
        audit.on_record(cache.follow)
        engine.on_rebuilt(cache.bump_on_commit)
