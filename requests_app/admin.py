"""A first, read-only view of requests for DPO staff: the queue and its deadlines.

It shows no personal data (name, e-mail, the resident's words): reading those must leave an
access-log entry, which the back-office issue builds together with roles and the workflow.
"""

from django.contrib import admin

from .models import SubjectRequest

METADATA = [
    "reference",
    "kind",
    "domain",
    "status",
    "capacity",
    "language",
    "received_at",
    "due_date",
    "verified_at",
    "withdrawn_at",
    "closed_at",
]


@admin.register(SubjectRequest)
class SubjectRequestAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "kind",
        "domain",
        "status",
        "received_at",
        "due_date",
        "verified_at",
    ]
    list_filter = ["status", "kind", "domain"]
    search_fields = ["reference"]
    ordering = ["due_date", "received_at"]
    fields = METADATA
    readonly_fields = METADATA

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from . import letters_admin  # noqa: E402, F401  (letters and answer files)
