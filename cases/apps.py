from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Early signs of debt and youth assistance cases: their intake API, the case workers'
    admin, and their declaration to the retention engine (`retained.py`)."""

    name = "cases"
    verbose_name = _("Case records")
