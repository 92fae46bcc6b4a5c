from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubjectsConfig(AppConfig):
    """Data-subject requests carried out against the data sources: finding the person's
    records, the access answer, erasure and restriction per record (docs/data-sources.md)."""

    name = "subjects"
    verbose_name = _("Data-subject rights in the case records")

    def ready(self):
        from .internal import CaseRecordsSource
        from .sources import source_register

        source_register(CaseRecordsSource())
