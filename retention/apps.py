from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """The retention engine: policies, the registry of what it governs, the nightly run,
    destruction lists, the destruction log and statement."""

    name = "retention"
    verbose_name = _("Retention")

    def ready(self):
        from statements.signals import version_published, version_publishing

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            publishing,
            registry,
        )

        registry.autodiscover()
        # Published = enforced: publishing a statement version asks the engine first.
        version_publishing.connect(publishing.publishing_problems, dispatch_uid="retention")
        version_published.connect(publishing.published, dispatch_uid="retention")
