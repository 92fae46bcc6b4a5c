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
from django.http import HttpResponse
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

from .. import exports, letter_drafts, resident_access, roles, selectors, services, workflow
from ..models import LetterDraft, Status, SubjectRequest
from ..selectors import PERSONAL_FIELDS
from ..verification import unverified_removed_on
from . import display
from .answers import AnswersMixin
from .drafts import LetterDraftMixin
from .filters import AssignmentFilter, DeadlineFilter, OpenFilter, UnconfirmedFilter
from .forms import (
    AssignActionForm,
    AuthorityForm,
    LegalHoldForm,
    NoteForm,
    TransitionForm,
)
from .post import PostTrayMixin
from .steps import RequestStepsMixin

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


@admin.register(SubjectRequest)
class SubjectRequestAdmin(
    RequestStepsMixin, LetterDraftMixin, AnswersMixin, PostTrayMixin, admin.ModelAdmin
):
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
                purpose=purpose or display.staff_purpose(request.user),
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
        removed_on = unverified_removed_on(obj.received_at)
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
                resident_access.request_link_renew(request=obj, actor=request.user, now=now)
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
        extra = self.draft_urls() + self.answer_urls() + self.post_tray_urls()
        return own + extra + super().get_urls()

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
            purpose=display.staff_purpose(request.user),
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
            "letter_types": letter_drafts.letters_writable(obj),
            "letter_drafts": obj.letter_drafts.filter(
                state__in=(LetterDraft.State.DRAFT, LetterDraft.State.AWAITING_APPROVAL)
            ),
            "deadline_badge": display.deadline_badge(obj, on=display.today()),
            **self.answers_context(request, obj),
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

    def _page(self, object_id):
        return reverse("admin:requests_app_subjectrequest_change", args=[object_id])
