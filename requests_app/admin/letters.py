"""Letters and answer files in the admin: the list of letters (read-only: they are written and
issued from a request's page, `drafts.py`), and answer files uploaded through a small form
that calls the service.

Neither list shows personal data (letter text, file names): reading those belongs to the
access-logged screens of the back office.
"""

from django.contrib import admin

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record
from core.admin import ReadOnlyModelAdmin

from .. import roles
from ..answer_files import response_file_attach
from ..models import Letter, ResponseFile
from .forms import ResponseFileUploadForm


@admin.register(Letter)
class LetterAdmin(ReadOnlyModelAdmin):
    list_display = ["request", "type", "language", "issued_at", "issued_by"]
    list_filter = ["type", "language"]
    list_select_related = ["request", "issued_by"]
    search_fields = ["request__reference"]
    fields = ["request", "type", "language", "issued_at", "issued_by"]
    readonly_fields = fields

    def get_queryset(self, request):
        # Only the letters of requests the user may see (roles.requests_visible_to).
        visible = roles.requests_visible_to(request.user)
        return super().get_queryset(request).filter(request__in=visible)


@admin.register(ResponseFile)
class ResponseFileAdmin(admin.ModelAdmin):
    list_display = ["request", "content_type", "size", "uploaded_at", "expires_at", "purged_at"]
    list_select_related = ["request"]
    search_fields = ["request__reference"]
    raw_id_fields = ["request"]
    readonly_fields = ["content_type", "size", "uploaded_at", "expires_at", "purged_at"]

    def get_queryset(self, request):
        visible = roles.requests_visible_to(request.user)
        return super().get_queryset(request).filter(request__in=visible)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ResponseFileUploadForm
        form = super().get_form(request, obj, change=change, **kwargs)
        if "request" in form.base_fields:
            # A handler attaches files to the requests they may see, whatever id is typed.
            form.base_fields["request"].queryset = roles.requests_visible_to(request.user)
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["request", "upload"]
        return ["request", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["request", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        attached = response_file_attach(
            request=form.cleaned_data["request"],
            name=form.cleaned_data["upload"].name,
            content=form.content,
            uploaded_by=request.user,
        )
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.CHANGE,
            obj=attached.request,
            purpose=f"answer file added: {attached.public_id} ({attached.content_type})",
        )
        obj.pk = attached.pk
        obj.refresh_from_db()

    def has_add_permission(self, request):
        # Staff add answer files on the request's page (admin/answers.py); this form, with its
        # internal id, stays for the DPO only.
        return super().has_add_permission(request) and roles.is_dpo(request.user)

    def has_change_permission(self, request, obj=None):
        return False
