from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessLogConfig(AppConfig):
    """The append-only access log: who looked at or changed whose personal data, and why."""

    name = "accesslog"
    verbose_name = _("Access log")
