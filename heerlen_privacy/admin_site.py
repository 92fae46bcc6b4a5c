"""The back office (`/beheer/`) signs staff in with a password and a one-time code.

`BackOfficeSite` is django-otp's `OTPAdminSite` under the default name "admin", installed as
the default admin site by `apps.BackOfficeAdminConfig`, so every `admin.register` in the project
lands on it and no admin page opens without a verified second factor (ASVS 6.3.2)."""

from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite


class BackOfficeSite(OTPAdminSite):
    site_header = _("Heerlen privacy back office")
    site_title = _("Privacy back office")

    def __init__(self, name="admin"):
        super().__init__(name)
