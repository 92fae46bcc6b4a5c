"""The answer on a request's page: the letters issued and the answer files, listed and
downloaded there, and answer files uploaded there. Mixed into `SubjectRequestAdmin`, whose
`_visible_or_403` decides who may open the request at all.

Within a visible request the role table (`core/roles.py`) decides: `add_responsefile` uploads,
`view_letter` and `view_responsefile` download. The auditor has none of them and sees metadata
only (type, date, size): no file names, no staff names, no links. Every upload and download,
and every refused attempt, leaves an access-log entry naming the letter or file by its public
id, never by its name (a file name can hold personal data).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from .. import answer_files, letters
from ..answer_files import FileRefused, response_file_attach, response_file_content, upload_read

UPLOAD = "requests_app.add_responsefile"
READ_LETTERS = "requests_app.view_letter"
READ_FILES = "requests_app.view_responsefile"
# The short name staff know a type by; the file's own type comes from its content.
TYPE_LABELS = {
    answer_files.PDF: "PDF",
    answer_files.PNG: "PNG",
    answer_files.JPEG: "JPEG",
    answer_files.CSV: "CSV",
    answer_files.JSON: "JSON",
    answer_files.TEXT: _("text"),
}


class AnswerUploadForm(forms.Form):
    upload = forms.FileField(
        label=_("Answer file"),
        help_text=_(
            "PDF, PNG, JPEG, CSV, JSON or plain text, at most 10 MB; checked by its content and "
            "stored encrypted. The resident downloads it through the status link."
        ),
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            self.content = upload_read(upload)
        except FileRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


class AnswersMixin:
    def answer_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/answer-files/",
                view(require_POST(self.answer_upload_view)),
                name="requests_app_subjectrequest_answer_upload",
            ),
            path(
                "<int:object_id>/answer-files/<uuid:file_id>/",
                view(require_safe(self.answer_file_view)),
                name="requests_app_subjectrequest_answer_file",
            ),
            path(
                "<int:object_id>/letters/<uuid:letter_id>/pdf/",
                view(require_safe(self.answer_letter_view)),
                name="requests_app_subjectrequest_letter_pdf",
            ),
        ]

    def answers_context(self, request, obj) -> dict:
        """What the request's page shows of the answer, by what the user may do."""
        user = request.user
        named = user.has_perm(READ_FILES) and user.has_perm("requests_app.view_personal_data")
        files = obj.response_files.defer("content")
        if not named:
            files = files.defer("original_name")  # never decrypted for the auditor
        files = list(files)
        for stored in files:
            stored.type_label = TYPE_LABELS.get(stored.content_type, stored.content_type)
        return {
            "answer_letters": obj.letters.defer("html", "fields").select_related(
                "issued_by", "approved_by", "replaced_by"
            ),
            "answer_files": files,
            "answer_names": named,
            "can_read_letters": user.has_perm(READ_LETTERS),
            "can_read_files": user.has_perm(READ_FILES),
            "upload_form": AnswerUploadForm() if user.has_perm(UPLOAD) else None,
        }

    def _answer_guard(self, request, object_id, *, perm, purpose):
        """The request, if this user may open it and has `perm`; otherwise logged, and 403."""
        obj = self._visible_or_403(request, object_id, purpose=purpose)
        if not request.user.has_perm(perm):
            access_log_record(
                request=request, action=AccessLogEntry.Action.DENIED, obj=obj, purpose=purpose
            )
            raise PermissionDenied
        return obj

    def _answers_on_page(self, obj):
        return HttpResponseRedirect(self._page(obj.pk) + "#rq-answer-heading")

    def answer_upload_view(self, request, object_id):
        obj = self._answer_guard(request, object_id, perm=UPLOAD, purpose="answer file upload")
        form = AnswerUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            reason = " ".join(form.errors.get("upload", ()))
            self.message_user(
                request,
                gettext("The file was not added: %(reason)s") % {"reason": reason},
                messages.ERROR,
            )
            return self._answers_on_page(obj)
        # The form applied the service's checks of the file (upload_read); the service still
        # refuses a closed request.
        try:
            stored = response_file_attach(
                request=obj,
                name=form.cleaned_data["upload"].name,
                content=form.content,
                uploaded_by=request.user,
            )
        except FileRefused as refused:
            message = gettext("The file was not added: %(reason)s") % {"reason": refused}
            self.message_user(request, message, messages.ERROR)
            return self._answers_on_page(obj)
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.CHANGE,
            obj=obj,
            purpose=f"answer file added: {stored.public_id} ({stored.content_type})",
        )
        self.message_user(request, gettext("The answer file was added."), messages.SUCCESS)
        return self._answers_on_page(obj)

    def answer_file_view(self, request, object_id, file_id):
        obj = self._answer_guard(
            request, object_id, perm=READ_FILES, purpose="answer file download"
        )
        stored = obj.response_files.filter(public_id=file_id).first()
        if stored is None:
            raise Http404
        if stored.purged_at is not None:
            self.message_user(
                request,
                gettext("The content of this file was erased when it expired."),
                messages.WARNING,
            )
            return self._answers_on_page(obj)
        content = response_file_content(stored)
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.EXPORT,
            obj=obj,
            purpose=f"answer file downloaded: {stored.public_id} ({stored.content_type})",
        )
        extension = answer_files.EXTENSIONS.get(stored.content_type, ("",))[0]
        filename = f"{obj.reference}-file-{stored.uploaded_at:%Y%m%d-%H%M%S}{extension}"
        return _attachment(content, content_type=stored.content_type, filename=filename)

    def answer_letter_view(self, request, object_id, letter_id):
        obj = self._answer_guard(request, object_id, perm=READ_LETTERS, purpose="letter download")
        letter = obj.letters.filter(public_id=letter_id).first()
        if letter is None:
            raise Http404
        pdf = letters.letter_pdf(letter)
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.EXPORT,
            obj=obj,
            purpose=f"letter downloaded: {letter.public_id} ({letter.type})",
        )
        filename = f"{obj.reference}-{letter.type}-{letter.issued_at:%Y%m%d}.pdf"
        return _attachment(pdf, content_type="application/pdf", filename=filename)


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A download that is never shown inline, never cached and never sniffed as another type;
    its name holds the reference and the type, no personal data."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
