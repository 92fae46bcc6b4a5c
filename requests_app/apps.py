from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    """Data-subject requests and privacy complaints, from intake to closure."""

    name = "requests_app"
    label = "requests_app"
    verbose_name = _("Requests and complaints")
