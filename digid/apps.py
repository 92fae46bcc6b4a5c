from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigidConfig(AppConfig):
    name = "digid"
    verbose_name = _("DigiD login")
