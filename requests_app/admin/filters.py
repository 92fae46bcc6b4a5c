"""The queue's own filters: by deadline, and by handler."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import display


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
        on = display.today()
        if self.value() == "overdue":
            return queryset.overdue(today=on)
        if self.value() == "soon":
            return queryset.due_within(today=on, days=display.URGENT_DAYS)
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
