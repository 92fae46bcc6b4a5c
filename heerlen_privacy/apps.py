"""The admin app with the back office's own site (admin_site.py): kept apart from the site so
that this module imports nothing that needs the app registry."""

from django.contrib.admin.apps import AdminConfig


class BackOfficeAdminConfig(AdminConfig):
    default_site = "heerlen_privacy.admin_site.BackOfficeSite"
