from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Early signs of debt and youth assistance cases: their intake API, the case workers'
    admin, and their declaration to the retention engine (`retained.py`)."""

    name = "cases"
    verbose_name = _("Case records")

    def ready(self):
        # The BSN's blind index, for `rotate_keys --blind-index` (core/keyrotation.py).
        from core.keyrotation import blind_index_register

        from .models import DebtSignal, YouthCase, YouthRepresentative

        for model in (DebtSignal, YouthCase):
            blind_index_register(model, "bsn_index", source="bsn")
        blind_index_register(YouthRepresentative, "bsn_index", source="bsn")
