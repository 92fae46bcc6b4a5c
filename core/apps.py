from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses: encrypted fields and keyed hashes, PDFs, the client's address, the
    role table and shared admin helpers. It holds no models of a domain."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from .sync import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="core.roles_sync")
