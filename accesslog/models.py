"""The access log's one model: an entry per look at, export or change of personal data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogRefused(Exception):
    """Raised on any attempt to change or delete an access-log entry."""


class AccessLogQuerySet(models.QuerySet):
    """Entries are only ever added: bulk updates and deletes through the ORM are refused
    (on PostgreSQL a trigger refuses them below the ORM as well: requests_app's migration 0003
    made it when the log lived there; another refuses TRUNCATE, accesslog migration 0005)."""

    def update(self, **kwargs):
        raise AccessLogRefused("The access log is append-only.")

    def delete(self):
        raise AccessLogRefused("The access log is append-only.")

    def for_record(self, obj):
        """Every entry about `obj`, also those written when its model lived in another app
        (its `access_log_former_types`): the log itself is never rewritten."""
        types = [obj._meta.label_lower, *getattr(obj, "access_log_former_types", ())]
        return self.filter(record_type__in=types, record_id=str(obj.pk))


class AccessLogEntry(models.Model):
    """Who looked at, exported or changed whose personal data, when, from where and why: an
    access log in the spirit of NEN 7513. It points at the record (type, id, reference) and
    never holds the personal data itself. Generic on purpose: every app logs through
    `accesslog.services.access_log_record`."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        CHANGE = "change", _("changed")
        DENIED = "denied", _("denied")

    at = models.DateTimeField(_("when"), db_index=True)
    # PROTECT: a staff account with entries cannot be deleted, only deactivated.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name then"), max_length=150)
    roles = models.CharField(_("roles then"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    record_type = models.CharField(_("record type"), max_length=100, db_index=True)
    record_id = models.CharField(_("record id"), max_length=64, db_index=True)
    record_reference = models.CharField(
        _("record reference"), max_length=64, blank=True, db_index=True
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the log lived in requests_app.
        db_table = "requests_app_accesslogentry"
        # Django's own lookups and cascades use the base manager: it refuses too.
        base_manager_name = "objects"
        ordering = ["-at", "-pk"]
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.record_reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AccessLogRefused("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogRefused("The access log is append-only.")
