"""The DPO and the auditor search the access log here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyModelAdmin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyModelAdmin):
    """The DPO and the auditor search the log here; nobody can change or delete it."""

    list_display = [
        "at",
        "username",
        "roles",
        "action",
        "record_type",
        "record_reference",
        "purpose",
        "ip_address",
    ]
    list_filter = ["action", "record_type"]
    search_fields = ["username", "record_reference", "=record_id", "purpose", "=ip_address"]
    search_help_text = _("A user name, a reference, a record id, a purpose or an address.")
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    list_per_page = 100
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]
