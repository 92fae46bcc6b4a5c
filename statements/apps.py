from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    """Publishes the municipality's privacy statements."""

    name = "statements"
    verbose_name = _("Privacy statements")
