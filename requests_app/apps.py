from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    """Data-subject requests and privacy complaints, from intake to closure."""

    name = "requests_app"
    label = "requests_app"
    verbose_name = _("Requests and complaints")

    def ready(self):
        # What `rotate_keys` must know beyond the encrypted fields (core/keyrotation.py).
        from core.crypto import normalise_name
        from core.keyrotation import blind_index_register, encrypted_binary_register

        from .models import ResponseFile, SubjectRequest

        encrypted_binary_register(ResponseFile, "content")  # answer_files.encrypt_bytes
        blind_index_register(SubjectRequest, "name_index", source="name", normalise=normalise_name)
        blind_index_register(SubjectRequest, "email_index", source="email")
        blind_index_register(SubjectRequest, "bsn_index", source="bsn")
        blind_index_register(
            SubjectRequest, "representative_bsn_index", source="representative_bsn"
        )
