"""A person's unsaved text in one form field, kept on the server as they type (see drafts/registry.py).

A draft never changes the saved record: it is shown back only to its author, in the form, with the version
of the record it was based on, so saving it still goes through the conflict check (slf/conflicts.py).
Drafts are not history: they are overwritten every few seconds while someone types, so they carry no
pghistory events; the saved record keeps its history as before.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Drafts untouched for this many days are removed by the daily job (drafts/tasks.py).
KEEP_DAYS = 30


class DraftQuerySet(models.QuerySet):
    def of(self, person, key: str):
        return self.filter(person=person, key=key)

    def older_than(self, days: int = KEEP_DAYS, now=None):
        return self.filter(updated_at__lt=(now or timezone.now()) - timedelta(days=days))


class Draft(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("person")
    )
    #: "<app>.<model>:<pk>:<field>", e.g. "meetings.agendaitem:42:minutes" (drafts.registry.key_for).
    key = models.CharField(_("field"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    #: The version of the saved record the person was editing: the form carries it back, so a save over
    #: someone else's newer text becomes the conflict view.
    base_version = models.PositiveIntegerField(_("based on version"), null=True, blank=True)
    updated_at = models.DateTimeField(_("saved at"), default=timezone.now, db_index=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="one_draft_per_person_and_field")]

    def __str__(self):
        return f"{self.person} · {self.key}"
