"""Letters and answer files in the admin: writing and issuing a letter from a request's page,
the list of letters (read-only: they are issued through `letters.letter_issue`), and answer
files uploaded through a small form that calls the service.

Neither list shows personal data (letter text, file names): reading those belongs to the
access-logged screens of the back office.
"""

from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record
from core.admin import ReadOnlyModelAdmin

from .. import letters, roles
from ..answer_files import response_file_attach
from ..models import Letter, LetterType, ResponseFile, Transition
from .forms import LetterForm, ResponseFileUploadForm


class LetterIssueMixin:
    """The screen where staff write and issue a letter for a request: one form per letter type,
    built from `letters.required_fields`, prefilled from the step that called for it. Mixed
    into `SubjectRequestAdmin`, whose `_guard` decides who may open it.

    Issuing goes through `letters.letter_issue`, which refuses a letter with a missing field and
    names it; the resident then finds the PDF on the status page and gets an e-mail notice."""

    def letter_view(self, request, object_id, letter_type):
        obj = self._guard(
            request, object_id, visible_purpose="writing a letter", denied_purpose="letter"
        )
        if letter_type not in LetterType.values:
            raise Http404
        try:
            fields = letters.required_fields(letter_type=letter_type, kind=obj.kind)
        except letters.LetterNotApplicable:
            raise Http404 from None
        if request.method == "POST":
            form = LetterForm(request.POST, fields=fields)
            if form.is_valid():
                values = {
                    name: value.isoformat() if hasattr(value, "isoformat") else value
                    for name, value in form.cleaned_data.items()
                }
                try:
                    letters.letter_issue(
                        request=obj, letter_type=letter_type, fields=values, issued_by=request.user
                    )
                except letters.LetterInvalid as invalid:
                    for name, why in invalid.errors.items():
                        form.add_error(name if name in form.fields else None, why)
                else:
                    access_log_record(
                        request=request,
                        action=AccessLogEntry.Action.CHANGE,
                        obj=obj,
                        purpose=f"letter issued: {letter_type}",
                    )
                    messages.success(
                        request,
                        gettext("The letter was issued; the resident gets an e-mail notice."),
                    )
                    return redirect(
                        reverse("admin:requests_app_subjectrequest_change", args=[obj.pk])
                    )
        else:
            form = LetterForm(initial=_initial(obj, letter_type), fields=fields)
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.VIEW,
                obj=obj,
                purpose=f"writing a letter: {letter_type}",
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Letter: %(type)s for %(reference)s")
            % {"type": LetterType(letter_type).label, "reference": obj.reference},
            "original": obj,
            "opts": self.model._meta,
            "form": form,
            "is_decision": letters.is_decision(letter_type=letter_type, kind=obj.kind),
        }
        response = TemplateResponse(
            request, "admin/requests_app/subjectrequest/letter.html", context
        )
        response["Cache-Control"] = "no-store"
        return response


def _initial(obj, letter_type):
    """What the step that called for this letter decided: the legal ground and the computed
    due date. Never its note: a staff note is internal ("…querulant?" reached a refusal
    word for word), so the letter's texts start empty and are written for the resident."""
    step = Transition.objects.filter(request=obj, letter_type=letter_type).order_by("-at").first()
    initial = {"new_due_date": obj.due_date}
    if step and step.refusal_ground:
        initial["ground"] = step.refusal_ground
    return initial


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
