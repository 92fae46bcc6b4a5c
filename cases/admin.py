"""The case workers' admin: early signs of debt for the debt team (schuldhulpverlening), youth
assistance cases for the youth team, each its own group (migration 0005), and the intake API's
clients for the DPO.

Lists show no personal data: public id, reference, dates, outcome and retention. A case is
found by its BSN through the blind index, by an exact valid BSN sent in a POST (a BSN never
appears in a URL). Opening a case shows it decrypted; every view, change and refused attempt
is written to the shared access log (`requests_app.access_log`, NEN 7513). Cases arrive
through the intake API and are destroyed by the retention run: nobody adds or deletes them
here. A change saved here goes through the model's `save()`, so the destruction date follows.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accesslog.models import AccessLogEntry
from accesslog.services import access_log_record

from .models import ApiClient, CaseHistory, ContactAttempt, DebtSignal, SignalReport, YouthCase
from .models.debt import UNCLOSED_WARNING
from .services import api_client_revoke, api_client_set_callback, debt_signal_changed_by_staff
from .validators import normalize_bsn

Action = AccessLogEntry.Action
PURPOSE = "case work"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ContactAttemptInline(ReadOnlyInline):
    model = ContactAttempt
    fields = ["attempted_on", "channel", "result", "note"]
    readonly_fields = fields


class JoinedSignalInline(ReadOnlyInline):
    """Every later signal that joined the case: its party and arrears line."""

    model = SignalReport
    fields = [
        "reporting_organisation",
        "signal_received_on",
        "arrears_type",
        "arrears_amount",
        "arrears_since",
        "public_id",
    ]
    readonly_fields = fields


class HistoryInline(ReadOnlyInline):
    model = CaseHistory
    fields = ["at", "action", "actor"]
    readonly_fields = fields


class CaseAdmin(admin.ModelAdmin):
    received_field: str
    list_filter = ["retention_status", "outcome", "legal_hold_reason"]
    change_list_template = "admin/cases/case_change_list.html"
    readonly_fields = [
        "public_id",
        "created_at",
        "retention_status",
        "retention_policy_code",
        "retention_period",
        "startdatum_bewaartermijn",
        "archiefactiedatum",
        "restricted_since",
    ]

    def get_list_display(self, request):
        return [
            "public_id",
            "external_reference",
            self.received_field,
            "closed_on",
            "outcome",
            "retention_status",
            "archiefactiedatum",
            "legal_hold_reason",
        ]

    def get_list_display_links(self, request, list_display):
        return ["public_id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.restricted_since:
            return False  # restricted (GDPR art. 18): kept and shown, never changed
        return super().has_change_permission(request, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "bsn-search/",
                self.admin_site.admin_view(require_POST(self.bsn_search_view)),
                name=f"{info[0]}_{info[1]}_bsn_search",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        info = self.opts.app_label, self.opts.model_name
        extra_context = {
            **(extra_context or {}),
            "bsn_search_url": reverse(f"admin:{info[0]}_{info[1]}_bsn_search"),
        }
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_changelist"):
            # The list never decrypts: only the columns it shows are read.
            queryset = queryset.only(*self.get_list_display(request), "pk")
        return queryset

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            return super().change_view(request, object_id, form_url, extra_context)
        obj = get_object_or_404(
            self.model.objects.only("pk", "public_id", "restricted_since"), pk=object_id
        )
        if not self.has_view_or_change_permission(request, obj):
            access_log_record(request=request, action=Action.DENIED, obj=obj, purpose=PURPOSE)
            raise PermissionDenied
        if obj.restricted_since:
            messages.warning(
                request,
                _(
                    "Restricted since %(date)s at the resident's request (GDPR art. 18): keep "
                    "this record, but do not use or change it."
                )
                % {"date": obj.restricted_since.isoformat()},
            )
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:  # the page, shown or shown again after a failed save
            access_log_record(request=request, action=Action.VIEW, obj=obj, purpose=PURPOSE)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        access_log_record(
            request=request,
            action=Action.CHANGE,
            obj=obj,
            purpose=f"{PURPOSE}: {', '.join(form.changed_data)}"[:200],
        )
        link = {"debt_signal": obj} if isinstance(obj, DebtSignal) else {"youth_case": obj}
        CaseHistory.objects.create(
            at=timezone.now(),
            action="changed in the admin",
            actor=request.user.get_username(),
            **link,
        )

    def bsn_search_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        bsn = normalize_bsn(request.POST.get("bsn", ""))
        from stdnum.nl import bsn as stdnum_bsn

        if not stdnum_bsn.is_valid(bsn):
            self.message_user(
                request,
                _(
                    "Enter a valid citizen service number (BSN): "
                    "9 digits that pass the eleven-test."
                ),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        found = list(self.model.objects.with_bsn(bsn).only(*self.get_list_display(request), "pk"))
        for obj in found:
            access_log_record(
                request=request, action=Action.VIEW, obj=obj, purpose=f"{PURPOSE}: found by BSN"
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Found by citizen service number (BSN)"),
            "opts": self.opts,
            "found": found,
            "received_field": self.received_field,
        }
        return TemplateResponse(request, "admin/cases/case_bsn_results.html", context)


class DestructionWarningFilter(admin.SimpleListFilter):
    """The debt team's warning list: signals nobody closed, without accepted help, that the
    nightly run destroys within `UNCLOSED_WARNING` (6 months after the signal)."""

    title = _("destruction warning")
    parameter_name = "destruction_warning"

    def lookups(self, request, model_admin):
        weeks = UNCLOSED_WARNING.days // 7
        return [("soon", _("open, destroyed within %(weeks)d weeks") % {"weeks": weeks})]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            return queryset.unclosed_warned(today=timezone.localdate())
        return queryset


@admin.register(DebtSignal)
class DebtSignalAdmin(CaseAdmin):
    received_field = "signal_received_on"
    inlines = [JoinedSignalInline, ContactAttemptInline, HistoryInline]
    readonly_fields = [*CaseAdmin.readonly_fields, "reporting_organisation", "latest_signal_on"]

    def save_model(self, request, obj, form, change):
        before = DebtSignal.objects.get(pk=obj.pk).help_accepted if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            debt_signal_changed_by_staff(signal=obj, before=before, now=timezone.now())

    list_filter = [DestructionWarningFilter, *CaseAdmin.list_filter]

    def changelist_view(self, request, extra_context=None):
        warned = DebtSignal.objects.unclosed_warned(today=timezone.localdate()).count()
        if warned:
            warning = ngettext(
                "%(count)d open signal without accepted help is destroyed within %(weeks)d "
                "weeks: close it, or record the accepted help.",
                "%(count)d open signals without accepted help are destroyed within %(weeks)d "
                "weeks: close them, or record the accepted help.",
                warned,
            ) % {"count": warned, "weeks": UNCLOSED_WARNING.days // 7}
            extra_context = {
                **(extra_context or {}),
                "destruction_warning": warning,
                "destruction_warning_query": f"?{DestructionWarningFilter.parameter_name}=soon",
            }
        return super().changelist_view(request, extra_context)


@admin.register(YouthCase)
class YouthCaseAdmin(CaseAdmin):
    received_field = "request_received_on"
    inlines = [HistoryInline]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Clients are made by `manage.py create_api_client` (the token is shown once there);
    here they are listed and revoked."""

    list_display = ["organisation", "name", "scopes", "case_domain", "last_used_at", "revoked_at"]
    list_filter = ["organisation", "case_domain"]
    fields = [
        "public_id",
        "organisation",
        "name",
        "scopes",
        "case_domain",
        "callback_url",
        "key_id",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = [
        "public_id",
        "organisation",
        "name",
        "scopes",
        "case_domain",
        "key_id",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "callback_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Only the callback URL is editable: a new URL gets a new signing secret, shown once
        here (stored encrypted; it signs every callback)."""
        if "callback_url" not in form.changed_data:
            return
        url = obj.callback_url
        obj.callback_url = ApiClient.objects.get(pk=obj.pk).callback_url
        secret = api_client_set_callback(client=obj, url=url)
        if secret:
            self.message_user(
                request,
                _("Callback secret (shown once, hand it to the reporting party): %(secret)s")
                % {"secret": secret},
                messages.WARNING,
            )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected API clients"), permissions=["change"])
    def revoke(self, request, queryset):
        now = timezone.now()
        for client in queryset.filter(revoked_at__isnull=True):
            api_client_revoke(client=client, now=now)
        self.message_user(request, _("Revoked."))
