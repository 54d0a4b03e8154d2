"""The administration's glossary (økonomisk ordbog): plain-language explanations of the words of the trade."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from offices.models import Administration, Office
from slf.conflicts import Versioned
from slf.forms import date_bounds


@pghistory.track()
class Term(Versioned):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="terms", verbose_name=_("administration")
    )
    term = models.CharField(_("term"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), max_length=120)
    explanation = models.TextField(_("explanation in plain language"), max_length=2000)
    example = models.TextField(_("example"), max_length=1000, blank=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related terms"))
    owner = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner office")
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Public terms can be read by anyone, without signing in.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), "administration", name="term_unique_per_administration"),
            models.UniqueConstraint(fields=["administration", "slug"], name="term_slug_unique_per_administration"),
        ]
        indexes = [GinIndex(fields=["term"], name="term_trigram", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.term

    @staticmethod
    def slug_for(term: str) -> str:
        slug = slugify(term.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:120] or "term"
        return "new-term" if slug == "new" else slug  # "new" is the address of the "new term" form

    def save(self, *args, **kwargs):
        self.slug = self.slug_for(self.term)
        super().save(*args, **kwargs)

    @staticmethod
    def public_glossaries():
        """The administrations that have public terms, each with ``public_terms``: how many."""
        return (
            Administration.objects.filter(terms__public=True)
            .annotate(public_terms=models.Count("terms"))
            .order_by("name")
        )

    def get_absolute_url(self):
        return reverse("knowledge:term-detail", args=[self.administration.slug, self.slug])


class Competence(models.Model):
    """A tag in the administration's shared vocabulary of tasks and competences."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="competences", verbose_name=_("administration")
    )
    name = models.CharField(_("competence"), max_length=80)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "administration", name="competence_unique_per_administration")
        ]
        indexes = [GinIndex(fields=["name"], name="competence_trigram", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.name


class PersonCompetence(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competences")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="holders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "competence"], name="person_competence_unique")]

    def __str__(self):
        return f"{self.person} – {self.competence}"


class KnowledgeProfile(models.Model):
    """What a person works with (their tasks), for "who knows what"; "ask me about" lives on the visit profile."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_profile")
    tasks = models.TextField(_("my tasks"), max_length=1000, blank=True)

    def __str__(self):
        return str(self.person)


class Urgency(models.TextChoices):
    LOW = "low", _("can wait")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("urgent")


class QuestionStatus(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class QuestionQuerySet(models.QuerySet):
    def overdue(self, today):
        return self.filter(due_date__lt=today, status__in=[QuestionStatus.NEW, QuestionStatus.ASSIGNED])


@pghistory.track()
class Question(models.Model):
    """A question or task brought home from a decentral unit, routed to the colleague who knows."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="questions", verbose_name=_("office"))
    unit = models.CharField(_("decentral unit"), max_length=150)
    asked_by = models.CharField(_("asked by"), max_length=150)
    title = models.CharField(_("question in one line"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    due_date = models.DateField(_("answer by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    answer = models.TextField(_("answer"), max_length=6000, blank=True)
    published = models.BooleanField(_("published as a knowledge article"), default=False)
    # A task brought home from a meeting with the decentral units (the task force): the unit, the person who
    # asked and the meeting. ``unit`` and ``asked_by`` above keep their names as text for the pages that show them.
    from_unit = models.ForeignKey(
        "offices.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("from the unit"),
    )
    contact = models.ForeignKey(
        "offices.UnitContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("brought up by"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("brought home from the meeting"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at"]
        constraints = [
            date_bounds("due_date", "question_due_date_in_bounds"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["assigned", "answered"]) | models.Q(assignee__isnull=False),
                name="question_assigned_has_assignee",
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | ~models.Q(answer=""), name="question_published_has_answer"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.office.slug, self.pk])

    def is_overdue(self, today) -> bool:
        return bool(
            self.due_date and self.due_date < today and self.status in (QuestionStatus.NEW, QuestionStatus.ASSIGNED)
        )


class QuestionStepKind(models.TextChoices):
    REGISTERED = "registered", _("registered the question")
    ASSIGNED = "assigned", _("assigned it")
    HANDED_ON = "handed_on", _("handed it on")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed it")
    PUBLISHED = "published", _("published it as a knowledge article")


class QuestionStep(models.Model):
    """The question's path: registered, assigned, handed on (with a note), answered, closed, published."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=QuestionStepKind.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.question}: {self.kind}"


@pghistory.track()
class Procedure(Versioned):
    """A documented case procedure (sagsgang) of an office, reviewed by its owner by a date."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="procedures", verbose_name=_("office"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("the procedure, step by step"), max_length=20000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    review_date = models.DateField(_("review by"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("case procedure")
        verbose_name_plural = _("case procedures")
        ordering = ["review_date", "title"]
        constraints = [date_bounds("review_date", "procedure_review_date_in_bounds")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procedures:detail", args=[self.office.slug, self.pk])


class IgnoredSuggestion(models.Model):
    """A competence a colleague's visit reflection suggested, which the host chose to ignore."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(Lower("name"), "person", name="ignored_suggestion_unique")]

    def __str__(self):
        return self.name


class TemplateKind(models.TextChoices):
    MEETING_QUESTIONS = "meeting_questions", _("before/after questions for a meeting series")
    CIRCLE_PHASES = "circle_phases", _("learning-circle phases")
    AGENDA = "agenda", _("agenda")
    VISIT_GUIDE = "visit_guide", _("visit guide")


class SharedTemplate(models.Model):
    """A template an office shares with the administration; other offices copy it into their own settings."""

    administration = models.ForeignKey(Administration, on_delete=models.CASCADE, related_name="templates")
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is good for"), max_length=1000, blank=True)
    content = models.JSONField(default=dict)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_in = models.ForeignKey(Office, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shared template")
        verbose_name_plural = _("shared templates")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("templates:detail", args=[self.pk])


class TemplateUse(models.Model):
    """Where a shared template was copied to: who, which office, into what."""

    template = models.ForeignKey(SharedTemplate, on_delete=models.CASCADE, related_name="uses")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=200)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at"]

    def __str__(self):
        return f"{self.template} → {self.target}"
