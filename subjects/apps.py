from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubjectsConfig(AppConfig):
    """Data-subject requests carried out against the data sources: finding the person's
    records, the access answer, erasure and restriction per record (docs/data-sources.md)."""

    name = "subjects"
    verbose_name = _("Data-subject rights in the case records")

    def ready(self):
        from requests_app.letters import letter_issued

        from . import receivers
        from .internal import CaseRecordsSource
        from .sources import source_register

        source_register(CaseRecordsSource())
        letter_issued.connect(receivers.answer_files_on_issue, dispatch_uid="subjects-answer")
