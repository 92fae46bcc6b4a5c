from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """Retention policies, the nightly purge and the destruction log."""

    name = "retention"
    verbose_name = _("Retention")
