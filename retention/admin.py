"""Retention in the admin: the operations page, the policies, the destruction lists the DPO
approves, and the log. Nothing here shows a case record's personal data (the case workers'
admin, with its access log, is another module's)."""

from datetime import date, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.admin import ReadOnlyModelAdmin

from . import registry
from .models import (
    DestructionList,
    DestructionLogEntry,
    RetentionPolicy,
    RetentionRun,
    RetentionStatistic,
)
from .progress import running_progress
from .purge import destruction_list_approve
from .rules import published_enforced_problems

DUE_WEEKS = 6


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    list_display = ["code", "record_type", "action", "needs_approval", "active"]
    list_filter = ["record_type", "action", "needs_approval", "active"]

    def save_model(self, request, obj, form, change):
        """Saved, and told at once when the published rules and the policies now disagree
        (deactivating a policy a rule in force names: that rule is enforced by nothing)."""
        super().save_model(request, obj, form, change)
        for problem in published_enforced_problems(today=timezone.localdate()):
            messages.warning(request, problem)


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyModelAdmin):
    list_display = ["started_at", "finished_at", "status", "dry_run", "destroyed_total"]
    list_filter = ["status", "dry_run"]
    readonly_fields = [
        "started_at",
        "finished_at",
        "status",
        "dry_run",
        "today",
        "counts",
        "progress_done",
        "progress_total",
        "progress_at",
        "error",
        "statement",
        "reported_in",
    ]
    fields = readonly_fields

    def get_urls(self):
        return [
            path(
                "operations/",
                self.admin_site.admin_view(self.operations_view),
                name="retention_operations",
            ),
            path(
                "operations/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="retention_operations_progress",
            ),
            path(
                "operations/approve/<int:pk>/",
                self.admin_site.admin_view(require_POST(self.approve_view)),
                name="retention_operations_approve",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "operations_url": reverse("admin:retention_operations"),
        }
        return super().changelist_view(request, extra_context)

    def operations_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Retention operations"),
            "opts": self.model._meta,
            "runs": RetentionRun.objects.all()[:10],
            "due": _due_per_policy(today=today),
            "weeks": DUE_WEEKS,
            "week_numbers": list(range(1, DUE_WEEKS + 1)),
            "awaiting": DestructionList.objects.filter(
                status=DestructionList.Status.AWAITING_APPROVAL
            ),
            "approved": DestructionList.objects.filter(status=DestructionList.Status.APPROVED),
            "uncovered": {
                model._meta.verbose_name_plural: model.objects.uncovered().count()
                for model in (spec.model for spec in registry.stored())
            },
            "drift": published_enforced_problems(today=today),
            "can_approve": request.user.has_perm("retention.approve_destructionlist"),
            "progress": running_progress(),
        }
        return TemplateResponse(request, "admin/retention/operations.html", context)

    def progress_view(self, request):
        """The progress fragment the operations page polls while a run goes on."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {"progress": running_progress()}
        return TemplateResponse(request, "admin/retention/run_progress.html", context)

    def approve_view(self, request, pk):
        destruction_list = DestructionList.objects.filter(pk=pk).first()
        if destruction_list is None:
            raise PermissionDenied
        try:
            destruction_list_approve(
                destruction_list=destruction_list, user=request.user, now=timezone.now()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Approved: the next run destroys these records."))
        return redirect("admin:retention_operations")


def _due_per_policy(*, today):
    """Records that become due per policy in each of the coming weeks (week 0: due now)."""
    end = today + timedelta(weeks=DUE_WEEKS)
    rows = {}
    for model in (spec.model for spec in registry.stored()):
        overdue = model.objects.due_between(start=date.min, end=today)
        for row in overdue.values("retention_policy_code").annotate(n=Count("pk")):
            rows.setdefault(row["retention_policy_code"], [0] * (DUE_WEEKS + 1))[0] += row["n"]
        coming = model.objects.due_between(start=today + timedelta(days=1), end=end)
        for row in coming.values("retention_policy_code", "archiefactiedatum").annotate(
            n=Count("pk")
        ):
            week = (row["archiefactiedatum"] - today).days // 7 + 1
            week = min(week, DUE_WEEKS)
            rows.setdefault(row["retention_policy_code"], [0] * (DUE_WEEKS + 1))[week] += row["n"]
    return sorted(rows.items())


@admin.register(DestructionList)
class DestructionListAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "policy_code", "record_type", "item_count", "status"]
    list_filter = ["status", "policy_code"]
    readonly_fields = [
        "policy_code",
        "record_type",
        "status",
        "created_at",
        "item_count",
        "approved_at",
        "approved_by",
        "destroyed_at",
        "statement",
    ]
    fields = readonly_fields
    actions = ["approve"]

    @admin.action(description=_("Approve for destruction"), permissions=["approve"])
    def approve(self, request, queryset):
        approved = 0
        for destruction_list in queryset.filter(status=DestructionList.Status.AWAITING_APPROVAL):
            destruction_list_approve(
                destruction_list=destruction_list, user=request.user, now=timezone.now()
            )
            approved += 1
        message = ngettext("%(count)d list approved.", "%(count)d lists approved.", approved)
        self.message_user(request, message % {"count": approved})

    def has_approve_permission(self, request):
        return request.user.has_perm("retention.approve_destructionlist")


@admin.register(DestructionLogEntry)
class DestructionLogEntryAdmin(ReadOnlyModelAdmin):
    list_display = [
        "destroyed_on",
        "record_type",
        "policy_code",
        "action",
        "archiefactiedatum",
        "count",
    ]
    list_filter = ["record_type", "policy_code", "destroyed_on"]
    search_fields = ["references"]
    exclude = []


@admin.register(RetentionStatistic)
class RetentionStatisticAdmin(ReadOnlyModelAdmin):
    list_display = ["record_type", "month", "outcome", "category", "count"]
    list_filter = ["record_type", "outcome"]
