"""The steps staff take on a request from its page, and registering a paper request: moving it
through the workflow, notes, the check of a representative's authority and legal holds. Mixed
into `SubjectRequestAdmin`, whose `_guard` decides who may take them; each step calls a service
and leaves an access-log entry.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from .. import roles, services, staff_records, workflow
from ..models import Kind, LetterType, Status
from . import display
from .forms import AuthorityForm, LegalHoldForm, NoteForm, RegisterForm, TransitionForm


class RequestStepsMixin:
    def transition_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._page(object_id))
        obj = self._guard(request, object_id, denied_purpose="transition")
        form = TransitionForm(request.POST, allowed=workflow.allowed_from(obj.status))
        if not form.is_valid():
            self.message_user(
                request, gettext("Check the form: %s") % form.errors.as_text(), messages.ERROR
            )
            return HttpResponseRedirect(self._page(object_id))
        data = form.cleaned_data
        try:
            result = services.request_transition(
                request=obj,
                to_status=data["to_status"],
                actor=request.user,
                note=data["note"],
                refusal_ground=data["refusal_ground"],
                verification_method=data["verification_method"],
                told_on=data["told_on"],
                postponed_weeks=data["postponed_weeks"] or 0,
                expected_version=data["version"],
                without_letter_reason=data["without_letter_reason"],
            )
        except workflow.TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(self._page(object_id))
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.CHANGE,
            obj=obj,
            purpose=f"status: {result.transition.to_status}",
        )
        message = gettext("The request is now “%s”.") % Status(result.request.status).label
        if result.letter_type:
            message += (
                " " + gettext("Letter to send: %s.") % result.transition.get_letter_type_display()
            )
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._page(object_id))

    def authority_view(self, request, object_id):
        obj = self._guard(request, object_id, denied_purpose="authority check")
        form = AuthorityForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, gettext("Check the form: %s") % form.errors.as_text(), messages.ERROR
            )
            return HttpResponseRedirect(self._page(object_id))
        staff_records.authority_record(request=obj, actor=request.user, **form.cleaned_data)
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.CHANGE,
            obj=obj,
            purpose="authority check",
        )
        self.message_user(request, gettext("The check of the authority is recorded."))
        return HttpResponseRedirect(self._page(object_id))

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._page(object_id))
        obj = self._guard(request, object_id, denied_purpose=display.staff_purpose(request.user))
        form = NoteForm(request.POST)
        if form.is_valid():
            staff_records.request_note_add(
                request=obj, actor=request.user, text=form.cleaned_data["text"]
            )
            access_log_record(
                request=request, action=AccessLogEntry.Action.CHANGE, obj=obj, purpose="note"
            )
            self.message_user(request, gettext("Note added."), messages.SUCCESS)
        return HttpResponseRedirect(self._page(object_id))

    def legal_hold_view(self, request, object_id):
        """Staff who move the request place or lift its legal hold; logged as a change."""
        obj = self._guard(request, object_id, denied_purpose="legal hold")
        form = LegalHoldForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, gettext("Check the form: %s") % form.errors.as_text(), messages.ERROR
            )
            return HttpResponseRedirect(self._page(object_id))
        data = form.cleaned_data
        try:
            if data["action"] == "place":
                staff_records.request_legal_hold_place(
                    request=obj, actor=request.user, reason=data["reason"], since=data["since"]
                )
                purpose = f"legal hold placed: {data['reason']}"
                message = gettext("Legal hold placed: the request is kept until it is lifted.")
            else:
                staff_records.request_legal_hold_lift(request=obj, actor=request.user)
                purpose = "legal hold lifted"
                message = gettext("Legal hold lifted.")
        except ValueError:
            self.message_user(request, gettext("The legal hold was not changed."), messages.ERROR)
            return HttpResponseRedirect(self._page(object_id))
        access_log_record(
            request=request, action=AccessLogEntry.Action.CHANGE, obj=obj, purpose=purpose
        )
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._page(object_id))

    def register_view(self, request):
        if not request.user.has_perm("requests_app.register_subjectrequest"):
            raise PermissionDenied
        form = RegisterForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            obj, _secret = services.request_register(actor=request.user, **data)
            access_log_record(
                request=request, action=AccessLogEntry.Action.CHANGE, obj=obj, purpose="registered"
            )
            if not roles.can_see(request.user, obj):
                # A complaint or another team's request: stored, handled by others. Say so, in
                # the back office's language, with the reference (it was a bare 403).
                return self._registered_elsewhere(request, obj)
            # Registering only names the acknowledgement; staff issue it from the request's page.
            letter = LetterType(workflow.LETTER_ON_REGISTER).label
            self.message_user(
                request,
                gettext("Registered as %(reference)s. Letter to send: %(letter)s.")
                % {"reference": obj.reference, "letter": letter},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._page(obj.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Register a request received by letter, phone or at the counter"),
            "form": form,
        }
        return TemplateResponse(request, "admin/requests_app/subjectrequest/register.html", context)

    def _registered_elsewhere(self, request, obj):
        if obj.kind == Kind.COMPLAINT:
            handled_by = gettext("the Data Protection Officer")
        else:
            handled_by = gettext("the team of %(domain)s") % {"domain": obj.get_domain_display()}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Registered"),
            "reference": obj.reference,
            "handled_by": handled_by,
        }
        return TemplateResponse(
            request, "admin/requests_app/subjectrequest/registered_elsewhere.html", context
        )
