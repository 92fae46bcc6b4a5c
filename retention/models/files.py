"""The queue of files whose rows are destroyed but whose bytes may still be in storage."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingFileDeletion(models.Model):
    """A file to remove from storage, queued in the transaction that deletes the row naming it.

    The row delete and this queue entry commit together, so a run killed after the commit and
    before the unlink leaves a queue entry, not an orphan file: every run empties the queue at
    its start and its end (`retention.purge.files`). Only the storage's alias and the file's
    name: no field of the record it belonged to."""

    storage = models.CharField(_("storage"), max_length=40, default="default")
    name = models.CharField(_("file name in storage"), max_length=500)
    queued_at = models.DateTimeField(_("queued at"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("file awaiting deletion")
        verbose_name_plural = _("files awaiting deletion")

    def __str__(self):
        return f"{self.storage}:{self.pk}"
