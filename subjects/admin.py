"""The case records about a request's person, on the request's page: the BSN staff checked,
the records found (by the roles that may see their domain), the handler's art. 15(4)
removals, the answer's preview. Every lookup and every export is access-logged with the
request's reference as its purpose.

`SubjectRequestAdmin` (requests_app) is registered again with this mixin: requests_app knows
nothing of the sources, and its page shows the section when the context carries it.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record, access_log_record_many
from requests_app.admin.answers import _attachment
from requests_app.admin.subject_request import SubjectRequestAdmin
from requests_app.models import Kind, SubjectRequest
from requests_app.services import StaleVersion

from . import answer as assembly
from . import services
from .models import AccessAnswer
from .services import SubjectRefused

READ = "requests_app.view_personal_data"
WRITE = "requests_app.transition_subjectrequest"


class BsnCheckForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=11, widget=forms.PasswordInput)
    method = forms.ChoiceField(
        label=_("Checked by"),
        choices=[(m.value, m.label) for m in services.STAFF_METHODS],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SubjectRecordsMixin:
    def subject_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/bsn/",
                view(require_POST(self.bsn_check_view)),
                name="requests_app_subjectrequest_bsn_check",
            ),
            path(
                "<int:object_id>/records/",
                view(require_safe(self.records_view)),
                name="requests_app_subjectrequest_records",
            ),
            path(
                "<int:object_id>/records/lines/",
                view(require_POST(self.records_line_view)),
                name="requests_app_subjectrequest_records_line",
            ),
            path(
                "<int:object_id>/records/act/",
                view(require_POST(self.records_act_view)),
                name="requests_app_subjectrequest_records_act",
            ),
            path(
                "<int:object_id>/records/answer.pdf",
                view(require_safe(self.records_preview_view)),
                name="requests_app_subjectrequest_records_preview",
            ),
        ]

    def subject_section(self, request, obj) -> dict:
        user = request.user
        if not user.has_perm(READ):
            return {}
        verified = services.bsn_verified(obj)
        can_check = user.has_perm(WRITE) and not obj.digid_level
        return {
            "subject_records_section": {
                "verified": verified,
                "domains": services.domains_visible(user),
                "bsn_form": BsnCheckForm(initial={"version": obj.version}) if can_check else None,
            }
        }

    def _subject_guard(self, request, object_id, *, perm, purpose):
        obj = self._visible_or_403(request, object_id, purpose=purpose)
        if not request.user.has_perm(perm):
            access_log_record(
                request=request, action=AccessLogEntry.Action.DENIED, obj=obj, purpose=purpose
            )
            raise PermissionDenied
        return obj

    def bsn_check_view(self, request, object_id):
        obj = self._subject_guard(request, object_id, perm=WRITE, purpose="BSN check")
        form = BsnCheckForm(request.POST)
        try:
            if not form.is_valid():
                raise SubjectRefused(gettext("Enter the BSN and how it was checked."))
            services.request_bsn_record(
                request=obj,
                bsn=form.cleaned_data["bsn"],
                method=form.cleaned_data["method"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except (SubjectRefused, StaleVersion) as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(self._page(obj.pk))
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.CHANGE,
            obj=obj,
            purpose=f"{obj.reference}: BSN checked ({form.cleaned_data['method']})",
        )
        self.message_user(request, gettext("The BSN and its check were recorded."))
        return HttpResponseRedirect(self._page(obj.pk))

    def _found(self, request, obj, *, action, purpose):
        """The records the user may see, each lookup logged on the record and the request."""
        domains = services.domains_visible(request.user)
        records = services.subject_records(request=obj, domains=domains)
        access_log_record(request=request, action=action, obj=obj, purpose=purpose)
        access_log_record_many(
            request=request,
            action=action,
            objects=[record.obj for record in records if record.obj is not None],
            purpose=obj.reference,
        )
        return records

    def records_view(self, request, object_id):
        obj = self._subject_guard(request, object_id, perm=READ, purpose="case records lookup")
        records = self._found(
            request, obj, action=AccessLogEntry.Action.VIEW, purpose=f"{obj.reference}: lookup"
        )
        can_edit = request.user.has_perm(WRITE) and not obj.letters.filter(type="answer").exists()
        answer = AccessAnswer.objects.filter(request=obj).first()
        if can_edit and obj.kind == Kind.ACCESS and records:
            answer = services.access_answer_prepare(request=obj, actor=request.user)
        removed = answer.removed if answer else {}
        rows = []
        for record in records:
            keyed = [(line, assembly.line_key(record, line)) for line in record.lines]
            lines = [(line, key, removed.get(key)) for line, key in keyed]
            rows.append({"record": record, "removed": removed.get(record.key), "lines": lines})
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Case records about this person"),
            "opts": self.opts,
            "original": obj,
            "verified": services.bsn_verified(obj),
            "rows": rows,
            "is_access": obj.kind == Kind.ACCESS,
            "action": services.ACTIONS.get(obj.kind, "") if request.user.has_perm(WRITE) else "",
            "can_edit": can_edit,
            "domains": services.domains_visible(request.user),
        }
        response = TemplateResponse(request, "admin/subjects/records.html", context)
        response["Cache-Control"] = "no-store"
        return response

    def records_line_view(self, request, object_id):
        obj = self._subject_guard(request, object_id, perm=WRITE, purpose="access answer edit")
        key = request.POST.get("key", "")[:200]
        try:
            if request.POST.get("restore"):
                services.access_answer_line_restore(request=obj, key=key, actor=request.user)
            else:
                services.access_answer_line_remove(
                    request=obj,
                    key=key,
                    reason=request.POST.get("reason", ""),
                    actor=request.user,
                )
        except SubjectRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.CHANGE,
                obj=obj,
                purpose=f"{obj.reference}: access answer (GDPR art. 15(4))",
            )
        url = reverse("admin:requests_app_subjectrequest_records", args=[obj.pk])
        return HttpResponseRedirect(url)

    def records_act_view(self, request, object_id):
        obj = self._subject_guard(request, object_id, perm=WRITE, purpose="erasure or restriction")
        action = request.POST.get("action", "")
        try:
            record = services.record_act(
                request=obj,
                key=request.POST.get("key", "")[:200],
                action=action,
                actor=request.user,
            )
        except SubjectRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.CHANGE,
                obj=obj,
                purpose=f"{obj.reference}: {action} {record.record_type}",
            )
            self.message_user(request, gettext("Done."), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:requests_app_subjectrequest_records", args=[obj.pk])
        )

    def records_preview_view(self, request, object_id):
        obj = self._subject_guard(request, object_id, perm=READ, purpose="access answer preview")
        records = self._found(
            request,
            obj,
            action=AccessLogEntry.Action.EXPORT,
            purpose=f"{obj.reference}: answer preview",
        )
        answer = AccessAnswer.objects.filter(request=obj).first()
        full = SubjectRequest.objects.get(pk=obj.pk)
        built = assembly.answer_build(
            request=full, records=records, removed=answer.removed if answer else {}
        )
        return _attachment(
            assembly.answer_pdf(built),
            content_type="application/pdf",
            filename=f"{obj.reference}-inzage-concept.pdf",
        )


class SubjectRequestWithRecordsAdmin(SubjectRecordsMixin, SubjectRequestAdmin):
    def get_urls(self):
        return self.subject_urls() + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if str(object_id).isdigit() and services.domains_visible(request.user):
            # Only what the section needs: nothing personal is read (or decrypted) here.
            obj = (
                SubjectRequest.objects.only(
                    "pk", "bsn_index", "identity_method", "digid_level", "version"
                )
                .filter(pk=object_id)
                .first()
            )
            if obj is not None:
                extra_context = {**(extra_context or {}), **self.subject_section(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)


admin.site.unregister(SubjectRequest)
admin.site.register(SubjectRequest, SubjectRequestWithRecordsAdmin)
