"""The DPO's back office: the queue of requests and complaints, a request's page with its
timeline, the workflow's steps, registering paper requests, and the access log.

The queue shows no personal data. A request's page shows it, decrypted, only to roles with
`view_personal_data`, and every opening of the page leaves an access-log entry; an attempt to
open a request outside one's role is refused (403) and logged too. Writes go through
`services.py`; this module only turns forms into calls.
"""

import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record, access_log_record_many

from . import roles, services, workflow
from .letter_issue_admin import letter_issue_view, letter_types_for
from .models import (
    Capacity,
    Channel,
    Domain,
    Event,
    Kind,
    LetterType,
    RefusalGround,
    Status,
    SubjectRequest,
    Transition,
    VerificationMethod,
)

PERSONAL_FIELDS = ["name", "email", "details", "subject_name"]
URGENT_DAYS = 5  # the badge turns red within this many days of the deadline

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
]


def today() -> datetime.date:
    """The back office's today: read here only, so tests can freeze it."""
    return timezone.localdate()


def deadline_badge(request: SubjectRequest, *, on: datetime.date):
    """Days left as a badge. Red when overdue or within URGENT_DAYS; the words say so too,
    so the colour is never the only signal (WCAG 1.4.1)."""
    if not request.is_open:
        return format_html('<span class="rq-badge rq-badge--closed">{}</span>', gettext("closed"))
    if request.status == Status.ON_HOLD:
        return format_html(
            '<span class="rq-badge rq-badge--hold">{}</span>', gettext("clock stopped")
        )
    days = request.days_left(today=on)
    if days < 0:
        text = gettext("overdue by %(days)s d") % {"days": -days}
    elif days == 0:
        text = gettext("due today")
    else:
        text = gettext("%(days)s d left") % {"days": days}
    if days <= URGENT_DAYS:
        label = gettext("Overdue") if days < 0 else gettext("Urgent")
        return format_html(
            '<span class="rq-badge rq-badge--urgent"><strong>{}:</strong> {}</span>', label, text
        )
    return format_html('<span class="rq-badge">{}</span>', text)


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("overdue")),
            ("soon", _("due within 5 days")),
            ("week", _("due this week")),
        ]

    def queryset(self, request, queryset):
        on = today()
        if self.value() == "overdue":
            return queryset.overdue(today=on)
        if self.value() == "soon":
            return queryset.due_within(today=on, days=URGENT_DAYS)
        if self.value() == "week":
            return queryset.due_within(today=on, days=6 - on.weekday())
        return queryset


class AssignmentFilter(admin.SimpleListFilter):
    title = _("handler")
    parameter_name = "handler"

    def lookups(self, request, model_admin):
        return [("mine", _("assigned to me")), ("unassigned", _("unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "unassigned":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class AssignActionForm(helpers.ActionForm):
    handler = forms.ModelChoiceField(
        queryset=roles.handlers(), required=False, label=_("Handler"), empty_label=_("nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = roles.handlers()


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note, reason or explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required to stop the clock, to extend and to refuse. Seen only by staff; the "
            "letter gives the resident the reasons."
        ),
    )
    verification_method = forms.ChoiceField(
        label=_("Identity verified by"),
        required=False,
        choices=[("", "—"), *VerificationMethod.choices],
        help_text=_("Never keep a copy of an identity document."),
    )
    refusal_ground = forms.ChoiceField(
        label=_("Legal ground for a refusal"),
        required=False,
        choices=[("", "—"), *RefusalGround.choices],
    )
    told_on = forms.DateField(
        label=_("Resident told of the extension on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    postponed_weeks = forms.IntegerField(
        label=_("Complaint postponed by (weeks)"), required=False, min_value=1, max_value=4
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        # All statuses stay choosable so that the service, the one judge, says what is allowed.
        self.fields["to_status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ] + [(value, label) for value, label in Status.choices if value not in allowed]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
    )
    received_on = forms.DateField(
        label=_("Date of receipt"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The real date the municipality received it: the deadline runs from it."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    domain = forms.ChoiceField(label=_("Concerns"), choices=Domain.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    details = forms.CharField(label=_("The request"), widget=forms.Textarea, required=False)
    capacity = forms.ChoiceField(
        label=_("Acting for someone else as"),
        choices=[("", "—"), *Capacity.choices],
        required=False,
    )
    subject_name = forms.CharField(label=_("Name of the person it concerns"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > today():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return received_on


def _purpose(user) -> str:
    if roles.is_dpo(user) or roles.is_handler(user):
        return "handling the request (GDPR art. 12)"
    if roles.is_auditor(user):
        return "audit"
    return ""


@admin.register(SubjectRequest)
class SubjectRequestAdmin(admin.ModelAdmin):
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
    ]
    list_select_related = ["assigned_to"]
    list_filter = [DeadlineFilter, AssignmentFilter, "status", "kind", "domain"]
    search_fields = ["reference"]
    search_help_text = _("A reference, or part of it. To find a person, use the form below.")
    ordering = ["due_date", "received_at"]
    list_per_page = 100
    fields = METADATA
    readonly_fields = METADATA
    actions = ["assign", "export_csv"]
    action_form = AssignActionForm
    change_form_template = "admin/requests_app/subjectrequest/change_form.html"
    change_list_template = "admin/requests_app/subjectrequest/change_list.html"

    class Media:
        css = {"all": ["requests_app/backoffice.css"]}

    # --- who sees what ------------------------------------------------------------------

    def get_queryset(self, request):
        # The queue never loads (and so never decrypts) personal data.
        queryset = super().get_queryset(request).defer(*PERSONAL_FIELDS)
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
        return actions

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    # --- columns ------------------------------------------------------------------------

    @admin.display(description=_("received"), ordering="received_at")
    def received_on(self, obj):
        return timezone.localdate(obj.received_at)

    @admin.display(description=_("days left"), ordering="due_date")
    def days_left(self, obj):
        return deadline_badge(obj, on=today())

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
        if handler_id and handler is None:
            self.message_user(request, gettext("Choose a handler."), messages.ERROR)
            return None
        count = services.requests_assign(
            request_ids=list(queryset.values_list("pk", flat=True)),
            handler=handler,
            actor=request.user,
        )
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

    @admin.action(description=_("Export the selected as CSV (no personal data)"))
    def export_csv(self, request, queryset):
        if not request.user.has_perm("requests_app.export_subjectrequest"):
            raise PermissionDenied
        rows = list(queryset.select_related("assigned_to").order_by("due_date", "received_at"))
        on = today()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="requests-{on:%Y-%m-%d}.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(
            [
                "reference",
                "type",
                "domain",
                "status",
                "received",
                "due_date",
                "days_left",
                "handler",
                "identity_verified",
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row.reference,
                    row.kind,
                    row.domain,
                    row.status,
                    timezone.localdate(row.received_at).isoformat(),
                    row.due_date.isoformat(),
                    row.days_left(today=on),
                    row.assigned_to.get_username() if row.assigned_to else "",
                    "yes" if row.identity_verified else "no",
                ]
            )
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

    def letter_view(self, request, object_id, letter_type):
        return letter_issue_view(self, request, object_id, letter_type)

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
            "personal": self._personal_data(obj) if personal else None,
            "timeline": self._timeline(obj, show_text=personal),
            "can_transition": request.user.has_perm("requests_app.transition_subjectrequest"),
            "allowed": [Status(s).label for s in workflow.allowed_from(obj.status)],
            "transition_form": TransitionForm(
                initial={"version": obj.version}, allowed=workflow.allowed_from(obj.status)
            ),
            "note_form": NoteForm(),
            "letter_types": letter_types_for(obj.kind),
            "deadline_badge": deadline_badge(obj, on=today()),
        }
        response = super().change_view(request, object_id, form_url, context)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _personal_data(obj):
        row = SubjectRequest.objects.only(*PERSONAL_FIELDS, "capacity").get(pk=obj.pk)
        return [
            (gettext("Name"), row.name),
            (gettext("E-mail address"), row.email or "—"),
            (gettext("Acting for someone else as"), row.get_capacity_display() or "—"),
            (gettext("Name of the person it concerns"), row.subject_name or "—"),
            (gettext("The request in the resident's words"), row.details or "—"),
        ]

    @staticmethod
    def _timeline(obj, *, show_text):
        hidden = gettext("(hidden: personal data)")
        items = []
        for event in Event.objects.filter(request=obj).select_related("actor"):
            text = event.text if show_text else (hidden if event.text else "")
            items.append(
                {
                    "at": event.at,
                    "what": event.get_type_display(),
                    "who": event.actor.get_username() if event.actor else "",
                    "detail": " ".join(filter(None, [event.note, text])),
                }
            )
        for step in Transition.objects.filter(request=obj).select_related("actor"):
            detail = [f"{Status(step.from_status).label} → {Status(step.to_status).label}"]
            if step.refusal_ground:
                detail.append(step.get_refusal_ground_display())
            if step.verification_method:
                detail.append(step.get_verification_method_display())
            if step.letter_type:
                detail.append(gettext("letter called for: %s") % step.get_letter_type_display())
            if step.note:
                detail.append(step.note if show_text else hidden)
            items.append(
                {
                    "at": step.at,
                    "what": gettext("status changed"),
                    "who": step.actor.get_username(),
                    "detail": "; ".join(str(d) for d in detail),
                }
            )
        for entry in AccessLogEntry.objects.for_record(obj).exclude(
            action=AccessLogEntry.Action.EXPORT
        ):
            items.append(
                {
                    "at": entry.at,
                    "what": entry.get_action_display(),
                    "who": entry.username,
                    "detail": entry.purpose,
                }
            )
        return sorted(items, key=lambda item: item["at"], reverse=True)

    def transition_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._page(object_id))
        obj = self._visible_or_403(request, object_id)
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            access_log_record(
                request=request, action=AccessLogEntry.Action.DENIED, obj=obj, purpose="transition"
            )
            raise PermissionDenied
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

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseRedirect(self._page(object_id))
        obj = self._visible_or_403(request, object_id)
        if not request.user.has_perm("requests_app.transition_subjectrequest"):
            access_log_record(
                request=request,
                action=AccessLogEntry.Action.DENIED,
                obj=obj,
                purpose=_purpose(request.user),
            )
            raise PermissionDenied
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
            # Hook for the letters module: the acknowledgement letter goes out from here.
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

    def _page(self, object_id):
        return reverse("admin:requests_app_subjectrequest_change", args=[object_id])


from . import letters_admin  # noqa: E402, F401  (letters and answer files)
