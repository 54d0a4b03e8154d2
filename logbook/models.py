"""The logbook (logbog): activities, agreements, decisions and notes of an office's learning community."""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, OuterRef, Q, Value
from django.db.models.functions import Concat, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Heading, Office
from slf.conflicts import Versioned
from slf.forms import date_bounds


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

    def with_responsible_names(self):
        """Each entry with ``responsible_names``: the full names of the people responsible, in name order, in
        the entries' own query (for lists that only show the names; no prefetch query)."""
        names = (
            Entry.responsible.through.objects.filter(entry_id=OuterRef("pk"))
            .order_by("user__full_name")
            .values("user__full_name")
        )
        return self.annotate(responsible_names=ArraySubquery(names))


#: Title and text as one string: what a word inside a compound is looked for in (trigram index below).
HAYSTACK = Concat("title", Value(" "), "text", output_field=models.TextField())


@pghistory.track(exclude=["search"])
class Entry(Versioned):
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
    #: A coming meeting the agreement is brought back to (its Follow-up lists it whatever the due date).
    follow_up_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_up_entries",
        verbose_name=_("bring back at the meeting"),
    )
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
            # A word inside a Danish compound: UPPER(title || ' ' || text) LIKE '%BUDGET%', see logbook/search.py.
            GinIndex(OpClass(Upper(HAYSTACK), name="gin_trgm_ops"), name="entry_words_trigram"),
            models.Index(fields=["office", "-date", "-id"], name="entry_office_date"),
            models.Index(fields=["office", "kind", "status", "due_date"], name="entry_office_agreements"),
        ]
        constraints = [
            date_bounds("date", "entry_date_in_bounds"),
            date_bounds("due_date", "entry_due_date_in_bounds"),
            date_bounds("review_date", "entry_review_date_in_bounds"),
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
    def responsible_list(self) -> list[str]:
        """The full names of the people responsible, in name order: from ``with_responsible_names()`` when the
        entry came with it (no query), else from ``responsible`` (prefetched, or one query)."""
        if hasattr(self, "responsible_names"):
            return self.responsible_names
        return [person.full_name for person in self.responsible.all()]

    @property
    def is_agreement(self) -> bool:
        return self.kind == EntryKind.AGREEMENT

    @property
    def is_open(self) -> bool:
        return self.is_agreement and self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def status_choices(self):
        """The statuses an agreement row offers; the row's select reads them here, so every answer that
        renders a row (the list, the meeting's Follow-up, the in-place status change) shows the current one."""
        return AgreementStatus.choices

    def set_status(self, status: str, note: str = "") -> None:
        self.status = status
        if note:
            self.closing_note = note
        self.closed_at = None if status in OPEN_STATUSES else (self.closed_at or timezone.now())


# --- Learning circles (læringscirkler) ---------------------------------------

#: VIA University College's five phases with their guiding questions (shared/seeds/000).
DEFAULT_PHASES = [
    ("Indsaml data", "Hvad ved vi om udfordringen?"),
    ("Analyser data", "Hvad fortæller data os, og hvad mangler vi at vide?"),
    ("Sæt mål", "Hvad vil vi opnå, og hvordan kan vi se det?"),
    ("Planlæg og afprøv handlinger", "Hvad gør vi, hvem gør det, og hvornår?"),
    ("Evaluer", "Hvad lærte vi?"),
]


class CirclePhase(models.Model):
    """One phase of the office's learning-circle template."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="circle_phases", verbose_name=_("office"))
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=100)
    question = models.CharField(_("guiding question"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("learning-circle phase")
        verbose_name_plural = _("learning-circle phases")
        ordering = ["office", "position"]
        constraints = [models.UniqueConstraint(fields=["office", "position"], name="circle_phase_position_unique")]

    def __str__(self):
        return f"{self.position}. {self.name}"

    def in_use(self) -> bool:
        """True when a circle stands in this phase or a step or card refers to it (it is then kept)."""
        return (
            LearningCircle.objects.filter(phase=self).exists()
            or CircleStep.objects.filter(models.Q(from_phase=self) | models.Q(to_phase=self)).exists()
            or PhaseCard.objects.filter(phase=self).exists()
        )

    @classmethod
    def for_office(cls, office) -> list["CirclePhase"]:
        phases = list(cls.objects.filter(office=office))
        if not phases:
            cls.objects.bulk_create(
                [cls(office=office, position=i, name=n, question=q) for i, (n, q) in enumerate(DEFAULT_PHASES, 1)],
                ignore_conflicts=True,
            )
            phases = list(cls.objects.filter(office=office))
        return phases


class CircleStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    COMPLETED = "completed", _("completed")


@pghistory.track()
class LearningCircle(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="learning_circles", verbose_name=_("office")
    )
    title = models.CharField(_("title"), max_length=200)
    challenge = models.TextField(_("the challenge"), max_length=2000, help_text=_("The challenge in the centre."))
    heading = models.ForeignKey(
        Heading, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("heading")
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="learning_circles", verbose_name=_("responsible")
    )
    status = models.CharField(_("status"), max_length=10, choices=CircleStatus.choices, default=CircleStatus.ACTIVE)
    loop = models.PositiveSmallIntegerField(_("loop"), default=1)
    phase = models.ForeignKey(CirclePhase, on_delete=models.PROTECT, related_name="+", verbose_name=_("phase"))
    phase_since = models.DateTimeField(_("in this phase since"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Agenda items where the circle was discussed; the meeting page and the circle page link each other.
    agenda_items = models.ManyToManyField(
        "meetings.AgendaItem", blank=True, related_name="circles", verbose_name=_("on the agenda")
    )

    class Meta:
        verbose_name = _("learning circle")
        verbose_name_plural = _("learning circles")
        ordering = ["status", "title"]
        constraints = [models.CheckConstraint(condition=Q(loop__gte=1), name="circle_loop_positive")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("logbook:circle-detail", args=[self.office.slug, self.pk])


class StepKind(models.TextChoices):
    FORWARD = "forward", _("moved forward")
    BACK = "back", _("went back")
    NEW_LOOP = "new_loop", _("started a new loop")
    STARTED = "started", _("started")
    PAUSED = "paused", _("paused the circle")
    RESUMED = "resumed", _("resumed the circle")
    COMPLETED = "completed", _("completed the circle")
    REVISITED = "revisited", _("revisited the circle")


class CircleStep(models.Model):
    """A move of the circle between phases: the circle's path, never locked, never forgotten."""

    circle = models.ForeignKey(LearningCircle, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=10, choices=StepKind.choices)
    from_phase = models.ForeignKey(CirclePhase, on_delete=models.PROTECT, null=True, related_name="+")
    to_phase = models.ForeignKey(CirclePhase, on_delete=models.PROTECT, related_name="+")
    loop = models.PositiveSmallIntegerField(_("loop"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="back") | ~Q(reason=""), name="circle_step_back_needs_reason"),
        ]

    def __str__(self):
        return f"{self.circle} {self.kind}"

    @property
    def summary(self) -> str:
        """What the step did, in a few words: "moved forward to “Plan and try actions”: the reason"."""
        text = _("%(kind)s to “%(phase)s”") % {"kind": self.get_kind_display(), "phase": self.to_phase.name}
        if self.kind in (StepKind.PAUSED, StepKind.RESUMED, StepKind.COMPLETED, StepKind.STARTED):
            text = str(self.get_kind_display())
        return f"{text}: {self.reason}" if self.reason else text


@pghistory.track()
class PhaseCard(models.Model):
    """What the group recorded in one phase of one loop. ``version`` guards against lost edits."""

    circle = models.ForeignKey(LearningCircle, on_delete=models.CASCADE, related_name="cards")
    phase = models.ForeignKey(CirclePhase, on_delete=models.PROTECT, related_name="+")
    loop = models.PositiveSmallIntegerField()
    text = models.TextField(_("notes"), max_length=10000, blank=True)
    data_sources = models.TextField(
        _("data sources"),
        max_length=2000,
        blank=True,
        help_text=_("Where the data comes from: reports, lists, counts."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("discussed at the meeting"),
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["circle", "phase", "loop"], name="phase_card_unique")]

    def __str__(self):
        return f"{self.circle} · {self.phase} · {self.loop}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")


class Reminder(models.Model):
    """A reminder e-mail that was sent: one per agreement, person and state, never twice."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "person", "kind", "due_date"], name="reminder_once_per_state"),
        ]

    def __str__(self):
        return f"{self.entry} · {self.person} · {self.kind}"


class Better(models.TextChoices):
    UP = "up", _("higher is better")
    DOWN = "down", _("lower is better")


def _track_all():
    """Data points and chart parts are corrected and removed: their history keeps every insert, change and
    removal (new tracker objects for each model, as pghistory needs)."""
    return (pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())


@pghistory.track()
class Measure(models.Model):
    """Something the circle's group measures to see whether a change is an improvement."""

    circle = models.ForeignKey(LearningCircle, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    better = models.CharField(_("what is better"), max_length=4, choices=Better.choices, default=Better.DOWN)
    #: qicharts2's ``freeze``: the median of the (first part of the) run chart is computed from this many first
    #: values and kept for the values after them.
    baseline = models.PositiveSmallIntegerField(
        _("baseline: the first values"),
        null=True,
        blank=True,
        help_text=_("Freeze the median on this many first values; later values are compared with it."),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["circle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "name"], name="measure_name_unique_in_circle"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=2, baseline__lte=500),
                name="measure_baseline_sensible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("logbook:measure-detail", args=[self.circle.office.slug, self.circle_id, self.pk])


@pghistory.track(*_track_all())
class DataPoint(Versioned):
    """A dated value of a measure; an empty value is a date where nothing was measured (the chart skips it)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    date = models.DateField(_("date"))
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when nothing was measured on the date: the chart skips it."),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["measure", "date"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "date"], name="one_point_per_measure_and_date"),
            date_bounds("date", "datapoint_date_in_bounds"),
        ]

    def __str__(self):
        return f"{self.measure} {self.date}: {self.value}"


@pghistory.track(*_track_all())
class MeasurePart(models.Model):
    """The run chart is split here (qicharts2's ``part``): from ``starts_on`` the values get their own median and
    their own run analysis, usually after an action the circle tried (``step``)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="parts")
    starts_on = models.DateField(_("new part from"))
    label = models.CharField(_("what changed"), max_length=200, blank=True)
    step = models.ForeignKey(
        CircleStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("after the step")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("part of a run chart")
        verbose_name_plural = _("parts of a run chart")
        ordering = ["measure", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "starts_on"], name="one_part_per_measure_and_day"),
            date_bounds("starts_on", "measurepart_date_in_bounds"),
        ]

    def __str__(self):
        return f"{self.measure} {self.starts_on}"


def _attachment_path(instance, filename):
    # The stored name is random: the original name is kept in ``name`` and never used as a path.
    return f"attachments/{instance.office_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file brought to the meeting (data, a report): stored through Django's storage API, served after a check."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    card = models.ForeignKey(PhaseCard, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry__isnull=False, card__isnull=True) | Q(entry__isnull=True, card__isnull=False),
                name="attachment_belongs_to_entry_or_card",
            ),
        ]

    def __str__(self):
        return self.name
