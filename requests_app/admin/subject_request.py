"""The DPO's back office: the queue of requests and complaints, a request's page with its
timeline, the workflow's steps and registering paper requests.

The queue shows no personal data. A request's page shows it, decrypted, only to roles with
`view_personal_data`, and every opening of the page leaves an access-log entry; an attempt to
open a request outside one's role is refused (403) and logged too. Writes go through
`services.py`, reads that join models through `selectors.py`; this module only turns forms
into calls.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record, access_log_record_many

from .. import exports, letters, roles, selectors, services, workflow
from ..models import Kind, LetterType, Status, SubjectRequest
from ..selectors import PERSONAL_FIELDS
from ..verification import UNVERIFIED_KEPT
from . import display
from .filters import AssignmentFilter, DeadlineFilter, OpenFilter, UnconfirmedFilter
from .forms import (
    AssignActionForm,
    AuthorityForm,
    LegalHoldForm,
    NoteForm,
    RegisterForm,
    TransitionForm,
)
from .letters import LetterIssueMixin

METADATA = [
    "reference",
    "kind",
    "domain",
    "status",
    "channel",
    "capacity",
    "language",
    "received_at",
    "due_date",
    "assigned_to",
    "identity_method",
    "identity_verified_at",
    "extended_on",
    "postponed_weeks",
    "refusal_ground",
    "verified_at",
    "withdrawn_at",
    "closed_at",
    "legal_hold_reason",
    "legal_hold_since",
]


def _purpose(user) -> str:
    if roles.is_dpo(user) or roles.is_handler(user):
        return "handling the request (GDPR art. 12)"
    if roles.is_auditor(user):
        return "audit"
    return ""


@admin.register(SubjectRequest)
class SubjectRequestAdmin(LetterIssueMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "kind",
        "domain",
        "status",
        "received_on",
        "due_date",
        "days_left",
        "assigned_to",
        "identity_checked",
        "unconfirmed_removal",
    ]
    list_select_related = ["assigned_to"]
    list_filter = [
        OpenFilter,
        DeadlineFilter,
        AssignmentFilter,
        UnconfirmedFilter,
        "status",
        "kind",
        "domain",
    ]
    search_fields = ["reference"]
    search_help_text = _("A reference, or part of it. To find a person, use the form below.")
    ordering = ["due_date", "received_at"]
    list_per_page = 100
    fields = METADATA
    readonly_fields = METADATA
    actions = ["assign", "export_csv", "renew_link"]
    action_form = AssignActionForm
    change_form_template = "admin/requests_app/subjectrequest/change_form.html"
    change_list_template = "admin/requests_app/subjectrequest/change_list.html"

    class Media:
        css = {"all": ["requests_app/backoffice.css"]}

    # --- who sees what ------------------------------------------------------------------

    def get_queryset(self, request):
        # The queue never loads (and so never decrypts) personal data.
        queryset = super().get_queryset(request).defer(*PERSONAL_FIELDS)
        pending = SubjectRequest.objects.unverified().filter(pk=OuterRef("pk"))
        queryset = queryset.annotate(removal_pending=Exists(pending))
        return roles.requests_visible_to(request.user, queryset)

    def has_add_permission(self, request):
        return False  # staff register paper requests through `register/`, a form of its own

    def has_change_permission(self, request, obj=None):
        return False  # every change is a workflow step, through `transition/`

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("requests_app.assign_subjectrequest"):
            actions.pop("assign", None)
        if not request.user.has_perm("requests_app.export_subjectrequest"):
            actions.pop("export_csv", None)
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            actions.pop("renew_link", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    def _visible_or_403(self, request, object_id, *, purpose=""):
        """The request, if this user may open it; otherwise the attempt is logged, and 403."""
        obj = get_object_or_404(SubjectRequest.objects.defer(*PERSONAL_FIELDS), pk=object_id)
        if not (self.has_view_permission(request) and roles.can_see(request.user, obj)):
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.DENIED,
                obj=obj,
                purpose=purpose or _purpose(request.user),
            )
            raise PermissionDenied
        return obj

    def _guard(self, request, object_id, *, denied_purpose, visible_purpose=""):
        """The request, if this user may open it and move it through the workflow (write a
        note, a letter, take a step); otherwise the attempt is logged, and 403."""
        obj = self._visible_or_403(request, object_id, purpose=visible_purpose)
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.DENIED,
                obj=obj,
                purpose=denied_purpose,
            )
            raise PermissionDenied
        return obj

    # --- columns ------------------------------------------------------------------------

    @admin.display(description=_("received"), ordering="received_at")
    def received_on(self, obj):
        return timezone.localdate(obj.received_at)

    @admin.display(description=_("days left"), ordering="due_date")
    def days_left(self, obj):
        return display.deadline_badge(obj, on=display.today())

    @admin.display(description=_("e-mail address"))
    def unconfirmed_removal(self, obj):
        """Says when an unconfirmed request will be removed unless someone acts on it."""
        if not getattr(obj, "removal_pending", False):
            return ""
        removed_on = timezone.localdate(obj.received_at + UNVERIFIED_KEPT)
        return gettext("not confirmed, removed on %(date)s") % {
            "date": date_format(removed_on, "j F Y")
        }

    @admin.display(description=_("identity verified"), boolean=True)
    def identity_checked(self, obj):
        return obj.identity_verified

    # --- actions ------------------------------------------------------------------------

    @admin.action(description=_("Assign the selected to the handler chosen below"))
    def assign(self, request, queryset):
        if not request.user.has_perm("requests_app.assign_subjectrequest"):
            raise PermissionDenied
        handler_id = request.POST.get("handler", "")
        handler = roles.handlers().filter(pk=handler_id).first() if handler_id.isdigit() else None
        if handler is None:
            # No default: an empty choice once unassigned requests without a word.
            self.message_user(request, gettext("Choose a handler."), messages.ERROR)
            return None
        chosen = list(queryset)
        visible = [obj.pk for obj in chosen if roles.can_see(handler, obj)]
        if len(visible) < len(chosen):
            self.message_user(
                request,
                ngettext(
                    "%(count)s request was not assigned: %(handler)s may not see it (a "
                    "complaint goes to the DPO, a request to its domain's team).",
                    "%(count)s requests were not assigned: %(handler)s may not see them (a "
                    "complaint goes to the DPO, a request to its domain's team).",
                    len(chosen) - len(visible),
                )
                % {"count": len(chosen) - len(visible), "handler": handler},
                messages.WARNING,
            )
        if not visible:
            return None
        count = services.requests_assign(request_ids=visible, handler=handler, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)s request assigned to %(handler)s.",
                "%(count)s requests assigned to %(handler)s.",
                count,
            )
            % {"count": count, "handler": handler or gettext("nobody")},
        )
        return None

    @admin.action(description=_("Revoke the status links of the selected and e-mail a new one"))
    def renew_link(self, request, queryset):
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            raise PermissionDenied
        now = timezone.now()
        renewed = 0
        for obj in queryset:
            try:
                services.request_link_renew(request=obj, actor=request.user, now=now)
            except ValueError:
                continue  # no e-mail address: nothing to send a link to
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.CHANGE,
                obj=obj,
                purpose="renew status link",
                now=now,
            )
            renewed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s link revoked; the resident gets a new one by e-mail.",
                "%(count)s links revoked; the residents get a new one by e-mail.",
                renewed,
            )
            % {"count": renewed},
        )
        skipped = queryset.count() - renewed
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)s request has no e-mail address: it has no link.",
                    "%(count)s requests have no e-mail address: they have no link.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        return None

    @admin.action(description=_("Export the selected as CSV (no personal data)"))
    def export_csv(self, request, queryset):
        if not request.user.has_perm("requests_app.export_subjectrequest"):
            raise PermissionDenied
        rows = list(queryset.select_related("assigned_to").order_by("due_date", "received_at"))
        on = display.today()
        response = HttpResponse(
            exports.queue_csv(rows, today=on), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="requests-{on:%Y-%m-%d}.csv"'
        response["Cache-Control"] = "no-store"
        access_log_record_many(
            request=request,
            action=AccessLogEntry.Action.EXPORT,
            objects=rows,
            purpose="queue export (CSV, no personal data)",
        )
        return response

    # --- a request's page ---------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "register/",
                self.admin_site.admin_view(self.register_view),
                name="requests_app_subjectrequest_register",
            ),
            path(
                "<int:object_id>/authority/",
                self.admin_site.admin_view(require_POST(self.authority_view)),
                name="requests_app_subjectrequest_authority",
            ),
            path(
                "person-search/",
                self.admin_site.admin_view(require_POST(self.person_search_view)),
                name="requests_app_subjectrequest_person_search",
            ),
            path(
                "<int:object_id>/letter/<str:letter_type>/",
                self.admin_site.admin_view(self.letter_view),
                name="requests_app_subjectrequest_letter",
            ),
            path(
                "<int:object_id>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="requests_app_subjectrequest_transition",
            ),
            path(
                "<int:object_id>/note/",
                self.admin_site.admin_view(self.note_view),
                name="requests_app_subjectrequest_note",
            ),
            path(
                "<int:object_id>/legal-hold/",
                self.admin_site.admin_view(require_POST(self.legal_hold_view)),
                name="requests_app_subjectrequest_legal_hold",
            ),
        ]
        return own + super().get_urls()

    def person_search_view(self, request):
        """Finds a person's requests by exact e-mail address or full name. A POST, so the
        name never reaches an address bar or a log; only roles that may see personal data
        may ask, and every request found is logged as looked up."""
        if not request.user.has_perm("requests_app.view_personal_data"):
            raise PermissionDenied
        term = request.POST.get("person", "")[:200]
        visible = roles.requests_visible_to(
            request.user, SubjectRequest.objects.defer(*PERSONAL_FIELDS)
        )
        found = list(visible.find_person(term).order_by("due_date"))
        access_log_record_many(
            request=request,
            action=AccessLogEntry.Action.VIEW,
            objects=found,
            purpose="found by name or e-mail address",
        )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Found by name or e-mail address"),
            "opts": self.opts,
            "found": found,
        }
        return TemplateResponse(
            request, "admin/requests_app/subjectrequest/person_results.html", context
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            return super().change_view(request, object_id, form_url, extra_context)
        obj = self._visible_or_403(request, object_id)
        personal = request.user.has_perm("requests_app.view_personal_data")
        access_log_record(
            request=request,
            action=AccessLogEntry.Action.VIEW,
            obj=obj,
            purpose=_purpose(request.user),
        )
        context = {
            **(extra_context or {}),
            "personal": selectors.request_personal_data(obj) if personal else None,
            **self._timeline_page(request, obj, show_text=personal),
            "can_transition": request.user.has_perm("requests_app.transition_subjectrequest"),
            "allowed": [Status(s).label for s in workflow.allowed_from(obj.status)],
            "transition_form": TransitionForm(
                initial={"version": obj.version},
                allowed=workflow.allowed_from(obj.status),
                grounds=workflow.refusal_grounds(obj.kind),
            ),
            "note_form": NoteForm(),
            "authority_form": AuthorityForm() if obj.capacity else None,
            "authority_checks": obj.authority_checks.select_related("checked_by")
            if obj.capacity
            else (),
            "hold_form": LegalHoldForm(initial={"since": display.today()}),
            "letter_types": letters.letter_types_for(obj.kind),
            "deadline_badge": display.deadline_badge(obj, on=display.today()),
        }
        response = super().change_view(request, object_id, form_url, context)
        response["Cache-Control"] = "no-store"
        return response

    def _timeline_page(self, request, obj, *, show_text):
        """One page of the timeline (`?tijdlijn=N`), views of the page only with `?bekeken=1`."""
        with_views = request.GET.get("bekeken") == "1"
        items = selectors.request_timeline(obj, show_text=show_text, with_views=with_views)
        page = Paginator(items, selectors.TIMELINE_PAGE_SIZE).get_page(request.GET.get("tijdlijn"))
        return {"timeline": page.object_list, "timeline_page": page, "with_views": with_views}

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
        services.authority_record(request=obj, actor=request.user, **form.cleaned_data)
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
        obj = self._guard(request, object_id, denied_purpose=_purpose(request.user))
        form = NoteForm(request.POST)
        if form.is_valid():
            services.request_note_add(
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
                services.request_legal_hold_place(
                    request=obj, actor=request.user, reason=data["reason"], since=data["since"]
                )
                purpose = f"legal hold placed: {data['reason']}"
                message = gettext("Legal hold placed: the request is kept until it is lifted.")
            else:
                services.request_legal_hold_lift(request=obj, actor=request.user)
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

    def _page(self, object_id):
        return reverse("admin:requests_app_subjectrequest_change", args=[object_id])
