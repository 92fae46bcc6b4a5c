from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """The retention engine: policies, the registry of what it governs, the nightly run,
    destruction lists, the destruction log and statement."""

    name = "retention"
    verbose_name = _("Retention")

    def ready(self):
        from . import registry

        registry.autodiscover()
