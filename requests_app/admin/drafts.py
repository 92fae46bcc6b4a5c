"""Writing a letter from a request's page: draft, preview as the real PDF, approval, issue
(`letter_drafts`). Mixed into `SubjectRequestAdmin`, whose `_guard` decides who may open a
request's letters; which step each user may take is the service's rule (`may_approve`).

Every opening, preview and step leaves an access-log entry naming the letter type, never its
text.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from .. import letter_drafts, letters
from ..models import Letter, LetterDraft, LetterType
from .forms import LetterForm, ReturnForm

State = LetterDraft.State


class LetterDraftMixin:
    def draft_urls(self):
        from django.urls import path

        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/letter/<str:letter_type>/",
                view(require_POST(self.letter_start_view)),
                name="requests_app_subjectrequest_letter",
            ),
            path(
                "<int:object_id>/letter-draft/<uuid:draft_id>/",
                view(self.letter_draft_view),
                name="requests_app_subjectrequest_letter_draft",
            ),
            path(
                "<int:object_id>/letter-draft/<uuid:draft_id>/preview/",
                view(self.letter_preview_view),
                name="requests_app_subjectrequest_letter_preview",
            ),
            path(
                "<int:object_id>/letter-correct/<uuid:letter_id>/",
                view(require_POST(self.letter_correct_view)),
                name="requests_app_subjectrequest_letter_correct",
            ),
        ]

    def _log(self, request, obj, action, purpose):
        access_log_record(request=request, action=action, obj=obj, purpose=purpose)

    def _draft_page(self, obj, draft):
        return reverse(
            "admin:requests_app_subjectrequest_letter_draft", args=[obj.pk, draft.public_id]
        )

    def letter_start_view(self, request, object_id, letter_type):
        obj = self._guard(request, object_id, denied_purpose="letter")
        if letter_type not in LetterType.values:
            raise Http404
        try:
            draft = letter_drafts.draft_start(
                request=obj, letter_type=letter_type, actor=request.user
            )
        except letter_drafts.DraftRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(self._page(obj.pk))
        self._log(request, obj, AccessLogEntry.Action.CHANGE, f"letter drafted: {letter_type}")
        return redirect(self._draft_page(obj, draft))

    def letter_correct_view(self, request, object_id, letter_id):
        obj = self._guard(request, object_id, denied_purpose="letter correction")
        letter = get_object_or_404(Letter, request=obj, public_id=letter_id)
        try:
            draft = letter_drafts.correction_start(letter=letter, actor=request.user)
        except letter_drafts.DraftRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(self._page(obj.pk))
        self._log(request, obj, AccessLogEntry.Action.CHANGE, f"correction drafted: {letter.type}")
        return redirect(self._draft_page(obj, draft))

    def letter_preview_view(self, request, object_id, draft_id):
        obj = self._guard(request, object_id, denied_purpose="letter preview")
        draft = get_object_or_404(LetterDraft, request=obj, public_id=draft_id)
        try:
            # Once issued, the letter as it went out, not re-rendered today.
            pdf = letters.letter_pdf(draft.letter) if draft.letter else None
            pdf = pdf or letter_drafts.draft_preview_pdf(draft)
        except letters.LetterInvalid as invalid:
            self.message_user(
                request,
                gettext("The preview needs every field: %(fields)s.")
                % {"fields": ", ".join(sorted(invalid.errors))},
                messages.ERROR,
            )
            return redirect(self._draft_page(obj, draft))
        self._log(request, obj, AccessLogEntry.Action.VIEW, f"letter preview: {draft.type}")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{obj.reference}-{draft.type}.pdf"'
        response["Cache-Control"] = "no-store"
        return response

    def letter_draft_view(self, request, object_id, draft_id):
        obj = self._guard(request, object_id, denied_purpose="letter")
        draft = get_object_or_404(LetterDraft, request=obj, public_id=draft_id)
        fields = letters.required_fields(letter_type=draft.type, kind=obj.kind)
        if request.method == "POST":
            if _version(request.POST.get("version")) is None:  # a step names its version
                self.message_user(request, gettext("Reload the letter and try again."))
                return redirect(self._draft_page(obj, draft))
            return self._letter_draft_step(request, obj, draft, fields)
        self._log(request, obj, AccessLogEntry.Action.VIEW, f"writing a letter: {draft.type}")
        form = LetterForm(initial=draft.field_values, fields=fields)
        return self._letter_draft_page(request, obj, draft, form)

    def _letter_draft_step(self, request, obj, draft, fields):
        action = request.POST.get("action", "")
        version = _version(request.POST.get("version"))
        form = LetterForm(request.POST, fields=fields)
        try:
            if action in ("save", "submit", "issue") and draft.state == State.DRAFT:
                if not form.is_valid():
                    return self._letter_draft_page(request, obj, draft, form, status=400)
                draft = letter_drafts.draft_save(
                    draft=draft,
                    fields=form.cleaned_data,
                    actor=request.user,
                    expected_version=version,
                )
                version = draft.version
            if action == "save":
                message = gettext("Saved. Check the preview before you issue the letter.")
            elif action == "submit":
                letter_drafts.draft_submit(
                    draft=draft, actor=request.user, expected_version=version
                )
                message = gettext(
                    "Sent for approval: someone else who may approve letters issues it."
                )
            elif action in ("issue", "approve"):
                # The access-log entry commits with the letter: a process killed in between
                # leaves neither (the issue's and the print's log lines came after them).
                with transaction.atomic():
                    letter_drafts.draft_issue(
                        draft=draft, actor=request.user, expected_version=version
                    )
                    purpose = f"letter {action}: {draft.type}"
                    self._log(request, obj, AccessLogEntry.Action.CHANGE, purpose)
                message = gettext("The letter was issued.")
            elif action == "return":
                remark = ReturnForm(request.POST)
                letter_drafts.draft_return(
                    draft=draft,
                    actor=request.user,
                    expected_version=version,
                    remark=remark.data.get("remark", ""),
                )
                message = gettext("Returned to the writer with your remark.")
            elif action == "discard":
                letter_drafts.draft_discard(
                    draft=draft, actor=request.user, expected_version=version
                )
                message = gettext("The draft was discarded.")
            else:
                raise letter_drafts.DraftRefused(gettext("Unknown step."))
        except letters.LetterInvalid as invalid:
            for name, why in invalid.errors.items():
                form.add_error(name if name in form.fields else None, why)
            draft.refresh_from_db()
            return self._letter_draft_page(request, obj, draft, form, status=400)
        except letter_drafts.DraftRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return redirect(self._draft_page(obj, draft))
        return self._after_step(request, obj, draft, action, message)

    def _after_step(self, request, obj, draft, action, message):
        if action not in ("issue", "approve"):  # an issue logged itself, with the letter
            self._log(request, obj, AccessLogEntry.Action.CHANGE, f"letter {action}: {draft.type}")
        self.message_user(request, message, messages.SUCCESS)
        if action in ("issue", "approve", "discard"):
            return redirect(self._page(obj.pk))
        return redirect(self._draft_page(obj, draft))

    def _letter_draft_page(self, request, obj, draft, form, status=200):
        editable = draft.state == State.DRAFT
        if not editable:
            for field in form.fields.values():
                field.disabled = True
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Letter: %(type)s for %(reference)s")
            % {"type": LetterType(draft.type).label, "reference": obj.reference},
            "original": obj,
            "opts": self.model._meta,
            "draft": draft,
            "form": form,
            "editable": editable,
            "needs_approval": letter_drafts.needs_approval(draft.type),
            "may_approve": letter_drafts.may_approve(request.user, draft),
            "is_decision": letters.is_decision(letter_type=draft.type, kind=obj.kind),
            "return_form": ReturnForm(),
        }
        response = TemplateResponse(
            request, "admin/requests_app/subjectrequest/letter.html", context, status=status
        )
        response["Cache-Control"] = "no-store"
        return response


def _version(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
