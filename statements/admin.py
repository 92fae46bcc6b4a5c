"""DPO staff edit drafts with their parts inline, preview them, and publish them for good."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyModelAdmin

from .cache import invalidate
from .models import (
    PUBLISHED_IS_FINAL,
    LegalBasis,
    PageStatistic,
    Recipient,
    RetentionRule,
    Section,
    Statement,
    StatementVersion,
)
from .services import version_new_draft, version_problems, version_publish
from .statistics import summary


class FrozenWhenPublished:
    """Inline rows of a published version are read-only."""

    extra = 0

    def _frozen(self, obj):
        return obj is not None and obj.is_published

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class SectionInline(FrozenWhenPublished, admin.StackedInline):
    model = Section
    fields = ["order", "kind", "heading_nl", "heading_en", "body_nl", "body_en"]


class RecipientInline(FrozenWhenPublished, admin.TabularInline):
    model = Recipient
    fields = ["order", "role", "name_nl", "name_en", "description_nl", "description_en"]


class LegalBasisInline(FrozenWhenPublished, admin.TabularInline):
    model = LegalBasis
    fields = ["order", "law_nl", "law_en", "article_nl", "article_en"]


class RetentionRuleInline(FrozenWhenPublished, admin.StackedInline):
    model = RetentionRule
    fields = [
        "order",
        "code",
        "period",
        "clock_start",
        "condition_nl",
        "condition_en",
        "legal_basis_nl",
        "legal_basis_en",
    ]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["slug", "order", "__str__"]
    ordering = ["order"]

    def get_readonly_fields(self, request, obj=None):
        # Letters and links refer to a statement by its slug: it never changes once made.
        return ["slug"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:  # its order shows on the index
            transaction.on_commit(lambda: invalidate(obj))

    def has_delete_permission(self, request, obj=None):
        return False  # residents' letters refer to statements; they are never deleted


@admin.register(StatementVersion)
class StatementVersionAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "statement", "number", "status", "effective_date", "published_at"]
    list_filter = ["status", "statement"]
    list_select_related = ["statement"]
    inlines = [SectionInline, RecipientInline, LegalBasisInline, RetentionRuleInline]
    readonly_fields = ["number", "status", "published_at", "published_by"]
    fields = [
        "statement",
        "number",
        "status",
        "effective_date",
        "title_nl",
        "title_en",
        "intro_nl",
        "intro_en",
        "contact_nl",
        "contact_en",
        "change_summary_nl",
        "change_summary_en",
        "published_at",
        "published_by",
    ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False  # the admin then shows the version read-only
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        if version is not None and version.is_published and request.method == "GET":
            messages.info(request, PUBLISHED_IS_FINAL)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="statements_statementversion_publish",
            ),
            path(
                "<int:pk>/new-draft/",
                self.admin_site.admin_view(self.new_draft_view),
                name="statements_statementversion_new_draft",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="statements_statementversion_preview",
            ),
        ]
        return own + super().get_urls()

    def _change_url(self, version):
        return reverse("admin:statements_statementversion_change", args=[version.pk])

    def publish_view(self, request, pk):
        version = get_object_or_404(StatementVersion, pk=pk)
        if not request.user.has_perm("statements.publish_statementversion"):
            raise PermissionDenied
        if version.is_published:
            messages.error(request, _("This version has already been published."))
            return redirect(self._change_url(version))
        if request.method == "POST":
            try:
                version_publish(version=version, user=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect(self._change_url(version))
            messages.success(request, _("The version has been published."))
            return redirect(self._change_url(version))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "version": version,
            "problems": version_problems(version),
            "title": _("Publish this version?"),
        }
        return TemplateResponse(request, "admin/statements/publish_confirm.html", context)

    def new_draft_view(self, request, pk):
        source = get_object_or_404(StatementVersion, pk=pk)
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        draft = version_new_draft(source=source)
        messages.success(
            request, _("A new draft was made from this version. Edit it and publish it.")
        )
        return redirect(self._change_url(draft))

    def preview_view(self, request, pk):
        version = get_object_or_404(StatementVersion, pk=pk)
        if not self.has_view_permission(request, version):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "statements/detail.html",
            {"version": version, "is_current": True, "preview": True},
        )


@admin.register(PageStatistic)
class PageStatisticAdmin(ReadOnlyModelAdmin):
    """Read-only figures with charts; filter by date to look at a period."""

    list_display = ["hour", "path", "views", "timed_views", "seconds"]
    list_filter = [("hour", admin.DateFieldListFilter)]
    date_hierarchy = "hour"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            figures = summary(changelist.queryset)
            most = max([row["views"] for row in figures["pages"]] or [0]) or 1
            busiest = max(figures["by_hour"]) or 1
            # Bar geometry for the SVG charts, in pixels.
            response.context_data["chart_pages"] = [
                {**row, "y": 20 * i, "width": round(400 * row["views"] / most)}
                for i, row in enumerate(figures["pages"])
            ]
            response.context_data["chart_pages_height"] = 20 * len(figures["pages"]) + 10
            response.context_data["chart_hours"] = [
                {"x": 30 * hour, "hour": hour, "views": views, "height": h, "y": 120 - h}
                for hour, views in enumerate(figures["by_hour"])
                for h in [round(120 * views / busiest)]
            ]
        return response
