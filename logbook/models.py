"""The logbook (logbog): activities, agreements, decisions and notes of an office's learning community."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Heading, Office


class EntryKind(models.TextChoices):
    ACTIVITY = "activity", _("activity")
    AGREEMENT = "agreement", _("agreement")
    DECISION = "decision", _("decision")
    NOTE = "note", _("note")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    KEPT = "kept", _("kept")
    ADJUSTED = "adjusted", _("adjusted")
    DROPPED = "dropped", _("dropped")


#: Statuses in which an agreement still comes back to the next meetings.
OPEN_STATUSES = (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)


class EntryQuerySet(models.QuerySet):
    def agreements(self):
        return self.filter(kind=EntryKind.AGREEMENT)

    def open_agreements(self):
        return self.agreements().filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        return self.open_agreements().filter(due_date__lt=today or timezone.localdate())


@pghistory.track(exclude=["search"])
class Entry(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="entries", verbose_name=_("office"))
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices, default=EntryKind.ACTIVITY)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=10000, blank=True, help_text=_("Markdown: **bold**, lists, links."))
    heading = models.ForeignKey(
        Heading, on_delete=models.PROTECT, null=True, blank=True, related_name="entries", verbose_name=_("heading")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logbook_entries", verbose_name=_("author")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("agenda item"),
    )
    # Agreements (aftaler) only:
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="agreements", verbose_name=_("responsible")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus.choices, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=1000, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="danish")
        + SearchVector("text", weight="B", config="danish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["-date", "-pk"]
        indexes = [
            GinIndex(fields=["search"], name="entry_search_gin"),
            models.Index(fields=["office", "-date", "-id"], name="entry_office_date"),
            models.Index(fields=["office", "kind", "status", "due_date"], name="entry_office_agreements"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="agreement", due_date__isnull=False, status__in=AgreementStatus.values)
                | (~Q(kind="agreement") & Q(due_date__isnull=True, status="")),
                name="entry_agreement_fields_only_on_agreements",
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("date")), name="entry_due_not_before_date"
            ),
            models.CheckConstraint(
                condition=Q(review_date__isnull=True) | Q(review_date__gte=F("date")),
                name="entry_review_not_before_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("logbook:entry-detail", args=[self.office.slug, self.pk])

    @property
    def is_agreement(self) -> bool:
        return self.kind == EntryKind.AGREEMENT

    @property
    def is_open(self) -> bool:
        return self.is_agreement and self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    def set_status(self, status: str, note: str = "") -> None:
        self.status = status
        if note:
            self.closing_note = note
        self.closed_at = None if status in OPEN_STATUSES else (self.closed_at or timezone.now())
