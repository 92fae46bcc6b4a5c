"""Helpers every app's admin uses. Nothing is registered here."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Rows the system writes (runs, logs, issued letters): staff with the view permission
    read them; nobody adds, changes or deletes them through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def bar_chart(values, *, labels, height=120, bar_width=40, gap=12):
    """Bars for an SVG drawn by the template: no script, nothing from another host. The
    tallest bar fills the height; None (no figure) draws no bar."""
    top = max((v for v in values if v is not None), default=0) or 1
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        size = round(height * (value or 0) / top)
        bars.append(
            {
                "x": index * (bar_width + gap),
                "y": height - size,
                "height": size,
                "width": bar_width,
                "value": value,
                "label": label,
            }
        )
    return {"bars": bars, "width": len(values) * (bar_width + gap), "height": height}
