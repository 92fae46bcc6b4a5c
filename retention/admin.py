"""Retention in the admin: the operations page, the policies, the destruction lists the DPO
approves, and the log. Nothing here shows a case record's personal data (the case workers'
admin, with its access log, is another module's)."""

import logging
from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.admin import ReadOnlyModelAdmin

from . import registry
from .destruction_lists import (
    Action,
    destruction_list_exclude,
    destruction_list_reject,
    list_event,
    list_items,
)
from .models import (
    DestructionList,
    DestructionListItem,
    DestructionLogEntry,
    LegalHoldReason,
    RetentionPolicy,
    RetentionRun,
    RetentionStatistic,
)
from .progress import running_progress
from .purge import destruction_list_approve
from .rules import published_enforced_problems

logger = logging.getLogger(__name__)

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
        "statement_link",
        "reported_in",
    ]
    fields = readonly_fields

    @admin.display(description=_("destruction statement (PDF)"))
    def statement_link(self, run):
        if not run.statement:
            return "-"
        url = reverse("admin:retention_retentionrun_statement", args=[run.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download (PDF)"))

    def get_urls(self):
        return [
            path(
                "operations/",
                self.admin_site.admin_view(self.operations_view),
                name="retention_operations",
            ),
            path(
                "<int:pk>/statement/",
                self.admin_site.admin_view(self.statement_view),
                name="retention_retentionrun_statement",
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

    def statement_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = RetentionRun.objects.filter(pk=pk).first()
        if run is None:
            raise Http404
        logger.info(
            "destruction statement of run %s downloaded (user id %s)",
            run.public_id,
            request.user.pk,
        )
        return _statement_response(run, f"verklaring-van-vernietiging-run-{run.public_id}.pdf")

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


class ExcludeForm(forms.Form):
    exclusion = forms.ChoiceField(
        label=_("Keep the record"),
        choices=DestructionListItem.Exclusion.choices,
        widget=forms.RadioSelect,
    )
    new_date = forms.DateField(
        label=_("New destruction date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    hold_reason = forms.ChoiceField(
        label=_("Legal hold"),
        required=False,
        choices=[("", "---------"), *LegalHoldReason.choices],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Why the record is kept; no personal data."),
    )


class RejectForm(forms.Form):
    rejection_reason = forms.CharField(label=_("Reason for rejecting"), max_length=300)
    new_date = forms.DateField(
        label=_("New destruction date"),
        help_text=_("The records return to their schedule and are not destroyed before it."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _statement_response(target, name):
    """The stored destruction statement as a PDF download (the files are not served as
    media: only through this permission-checked view)."""
    if not target.statement:
        raise Http404
    try:
        handle = default_storage.open(target.statement.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")


@admin.register(DestructionList)
class DestructionListAdmin(ReadOnlyModelAdmin):
    """The DPO reviews a list on its page: every item with its reference and dates, excludes
    items with a reason, approves or rejects the list, and downloads the statement."""

    list_display = ["created_at", "policy_code", "record_type", "item_count", "status"]
    list_filter = ["status", "policy_code"]
    actions = None

    def get_urls(self):
        def view(function, *methods):
            wrapped = require_POST(function) if methods == ("POST",) else function
            return self.admin_site.admin_view(wrapped)

        return [
            path(
                "<int:pk>/exclude/<int:item_pk>/",
                view(self.exclude_view, "POST"),
                name="retention_destructionlist_exclude",
            ),
            path(
                "<int:pk>/approve/",
                view(self.approve_view, "POST"),
                name="retention_destructionlist_approve",
            ),
            path(
                "<int:pk>/reject/",
                view(self.reject_view, "POST"),
                name="retention_destructionlist_reject",
            ),
            path(
                "<int:pk>/statement/",
                view(self.statement_view),
                name="retention_destructionlist_statement",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        destruction_list = DestructionList.objects.filter(pk=object_id).first()
        if destruction_list is None:
            raise Http404
        can_decide = (
            request.user.has_perm("retention.approve_destructionlist")
            and destruction_list.status == DestructionList.Status.AWAITING_APPROVAL
        )
        rows = list_items(destruction_list)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Destruction list %(list)s") % {"list": destruction_list},
            "opts": self.model._meta,
            "original": destruction_list,
            "list": destruction_list,
            "rows": rows,
            "listed": sum(row.item.status == DestructionListItem.Status.LISTED for row in rows),
            "events": destruction_list.events.select_related("user"),
            "can_decide": can_decide,
            "exclude_form": ExcludeForm(),
            "reject_form": RejectForm(),
        }
        return TemplateResponse(request, "admin/retention/destructionlist/review.html", context)

    def _decider_or_403(self, request):
        if not request.user.has_perm("retention.approve_destructionlist"):
            raise PermissionDenied

    def _list(self, pk):
        destruction_list = DestructionList.objects.filter(pk=pk).first()
        if destruction_list is None:
            raise Http404
        return destruction_list

    def _back(self, destruction_list):
        return redirect("admin:retention_destructionlist_change", destruction_list.pk)

    def _refused(self, request, exc):
        if hasattr(exc, "message_dict"):
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.error(request, " ".join(exc.messages))

    def exclude_view(self, request, pk, item_pk):
        self._decider_or_403(request)
        destruction_list = self._list(pk)
        item = destruction_list.items.filter(pk=item_pk).first()
        if item is None:
            raise Http404
        form = ExcludeForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self._back(destruction_list)
        try:
            destruction_list_exclude(
                destruction_list=destruction_list,
                item=item,
                user=request.user,
                now=timezone.now(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            self._refused(request, exc)
        else:
            messages.success(request, _("Excluded: this record is not destroyed with the list."))
        return self._back(destruction_list)

    def approve_view(self, request, pk):
        self._decider_or_403(request)
        destruction_list = self._list(pk)
        try:
            destruction_list_approve(
                destruction_list=destruction_list, user=request.user, now=timezone.now()
            )
        except ValidationError as exc:
            self._refused(request, exc)
        else:
            messages.success(request, _("Approved: the next run destroys these records."))
        return self._back(destruction_list)

    def reject_view(self, request, pk):
        self._decider_or_403(request)
        destruction_list = self._list(pk)
        form = RejectForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self._back(destruction_list)
        try:
            destruction_list_reject(
                destruction_list=destruction_list,
                user=request.user,
                now=timezone.now(),
                reason=form.cleaned_data["rejection_reason"],
                new_date=form.cleaned_data["new_date"],
            )
        except ValidationError as exc:
            self._refused(request, exc)
        else:
            messages.success(request, _("Rejected: the records return to their schedule."))
        return self._back(destruction_list)

    def statement_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        destruction_list = self._list(pk)
        response = _statement_response(
            destruction_list, f"verklaring-van-vernietiging-{destruction_list.public_id}.pdf"
        )
        list_event(destruction_list, Action.DOWNLOADED, now=timezone.now(), user=request.user)
        return response


@admin.register(DestructionLogEntry)
class DestructionLogEntryAdmin(ReadOnlyModelAdmin):
    list_display = [
        "destroyed_on",
        "record_type",
        "policy_code",
        "action",
        "category",
        "started_on",
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
