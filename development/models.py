"""Competence development for administrative staff across units (KAMBU).

A programme of kind COMPETENCE has competence areas (``CompetenceArea``). Each participant goes through a
competence clarification (``Clarification``): a self-assessment against the areas (1–5 with a note), a dialogue
with their leader (a lead of the programme) and recommended offers. Offers (``Offer``: a course, a diploma or
kommunom module) run in cohorts (``Cohort``, hold) with a capacity; enrolment beyond it puts people on the waiting
list (``Enrolment``; development/services.py guards the capacity). While a participant is away on a cohort, a
substitute (``Substitute``, vikar, no account needed) covers for them at their unit (``Cover``), and may later get a
permanent job.

Privacy: a clarification (the self-assessment and the dialogue note) is seen by the participant and the programme's
leads only (``Clarification.objects.visible_to``).
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from offices.models import Unit
from programmes.models import Participant, Programme
from slf.conflicts import Versioned
from slf.forms import date_bounds

#: Scores at or below this suggest an offer for the area.
SUGGEST_AT_OR_BELOW = 2


@pghistory.track()
class CompetenceArea(models.Model):
    """An area the programme develops (e.g. "Økonomi og budget"), optionally a competence of the directory."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="competence_areas")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    #: The same words in the competence directory (knowledge.Competence of the owner's administration).
    competence = models.ForeignKey(
        "knowledge.Competence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_areas",
        verbose_name=_("competence in the directory"),
    )

    class Meta:
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        ordering = ["programme", "position", "name"]
        constraints = [
            models.UniqueConstraint("programme", Lower("name"), name="competence_area_unique_in_programme"),
        ]

    def __str__(self):
        return self.name


class ClarificationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    SELF_ASSESSED = "self_assessed", _("self-assessed")
    DIALOGUE_HELD = "dialogue_held", _("dialogue held")
    CLARIFIED = "clarified", _("clarified")


#: The order of the states: a step never moves a clarification back.
STATUS_ORDER = list(ClarificationStatus.values)


class ClarificationQuerySet(models.QuerySet):
    def visible_to(self, access):
        """The clarifications ``access`` (a ProgrammeAccess) may read: all for a lead, one's own for a participant."""
        mine = self.filter(participant__programme=access.programme)
        if access.is_lead:
            return mine
        if access.participant is not None:
            return mine.filter(participant=access.participant)
        return mine.none()


@pghistory.track()
class Clarification(Versioned):
    """A participant's competence clarification (kompetenceafklaring)."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="clarification")
    status = models.CharField(
        _("status"), max_length=16, choices=ClarificationStatus.choices, default=ClarificationStatus.NOT_STARTED
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leader holding the dialogue"),
    )
    self_assessed_at = models.DateTimeField(_("self-assessed"), null=True, blank=True)
    dialogue_on = models.DateField(_("date of the conversation"), null=True, blank=True)
    dialogue_note = models.TextField(_("dialogue note"), max_length=6000, blank=True)
    dialogue_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    clarified_on = models.DateField(_("clarified"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClarificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence clarification")
        verbose_name_plural = _("competence clarifications")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ClarificationStatus.values), name="clarification_status"),
            date_bounds("dialogue_on", "clarification_dialogue_on_in_bounds"),
            date_bounds("clarified_on", "clarification_clarified_on_in_bounds"),
        ]

    def __str__(self):
        return str(self.participant)

    def get_absolute_url(self):
        return reverse("development:clarification", args=[self.participant.programme.slug, self.pk])

    def reach(self, status):
        """Move forward to ``status`` (never back)."""
        if STATUS_ORDER.index(status) > STATUS_ORDER.index(self.status):
            self.status = status

    @property
    def can_be_clarified(self) -> bool:
        return self.status == ClarificationStatus.DIALOGUE_HELD


@pghistory.track()
class SelfAssessment(models.Model):
    """The participant's own score of one area, 1 (new to me) to 5 (I could teach it)."""

    clarification = models.ForeignKey(Clarification, on_delete=models.CASCADE, related_name="assessments")
    area = models.ForeignKey(CompetenceArea, on_delete=models.CASCADE, related_name="assessments")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.CharField(_("note"), max_length=500, blank=True)
    #: The area is part of the person's daily tasks: colleagues with the same tasks meet in a cohort (networks).
    is_my_task = models.BooleanField(_("part of my daily tasks"), default=False)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["area__position", "area__name"]
        constraints = [
            models.UniqueConstraint(fields=["clarification", "area"], name="self_assessment_once_per_area"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="self_assessment_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.area}: {self.score}"


class OfferKind(models.TextChoices):
    COURSE = "course", _("course")
    DIPLOMA = "diploma", _("diploma module")
    KOMMUNOM = "kommunom", _("kommunom module")


@pghistory.track()
class Offer(models.Model):
    """A course or a module the programme offers (tilbud), run in cohorts."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=120, blank=True, help_text=_("E.g. VIA or COK."))
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices, default=OfferKind.COURSE)
    ects = models.DecimalField(_("credit (ECTS)"), max_digits=4, decimal_places=1, null=True, blank=True)
    weeks = models.PositiveSmallIntegerField(_("weeks"), default=1, validators=[MaxValueValidator(52)])
    description = models.TextField(_("description"), max_length=2000, blank=True)
    areas = models.ManyToManyField(CompetenceArea, blank=True, related_name="offers", verbose_name=_("areas"))

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["programme", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OfferKind.values), name="offer_kind_valid"),
            models.CheckConstraint(condition=Q(ects__isnull=True) | Q(ects__gte=0), name="offer_ects_not_negative"),
        ]

    def __str__(self):
        return self.title


@pghistory.track()
class Cohort(models.Model):
    """One run of an offer (hold): dates, sessions and a capacity."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("offer"))
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    sessions = models.CharField(_("sessions"), max_length=300, blank=True, help_text=_("When and where it meets."))
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            date_bounds("starts_on", "cohort_starts_on_in_bounds"),
            date_bounds("ends_on", "cohort_ends_on_in_bounds"),
        ]

    def __str__(self):
        return f"{self.offer} · {self.name}"

    def get_absolute_url(self):
        return reverse("development:cohort", args=[self.offer.programme.slug, self.pk])


@pghistory.track()
class Recommendation(models.Model):
    """An offer the leads recommend after the clarification, with the reason."""

    clarification = models.ForeignKey(Clarification, on_delete=models.CASCADE, related_name="recommendations")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("offer"))
    reason = models.CharField(_("reason"), max_length=500)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommended offer")
        verbose_name_plural = _("recommended offers")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["clarification", "offer"], name="recommendation_once_per_offer"),
        ]

    def __str__(self):
        return f"{self.clarification} → {self.offer}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    WITHDRAWN = "withdrawn", _("withdrawn")
    COMPLETED = "completed", _("completed")
    NOT_COMPLETED = "not_completed", _("not completed")


#: Those who hold a place of the cohort (and are away from their unit while it runs).
HOLDING_A_PLACE = [EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]


@pghistory.track()
class Enrolment(models.Model):
    """A participant's place in a cohort, or their place in its waiting list (first come, first served)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(_("status"), max_length=14, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EnrolmentStatus.values), name="enrolment_status_valid"),
            models.UniqueConstraint(
                fields=["cohort", "participant"],
                condition=~Q(status=EnrolmentStatus.WITHDRAWN),
                name="enrolment_once_per_cohort",
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.cohort} ({self.get_status_display()})"


@pghistory.track()
class Substitute(models.Model):
    """A substitute (vikar) in the job rotation; no account needed. Whether they later got a permanent job."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="substitutes")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    employed_on = models.DateField(_("permanent job from"), null=True, blank=True)
    employed_at = models.CharField(_("permanent job at"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("substitute")
        verbose_name_plural = _("substitutes")
        ordering = ["programme", "name"]
        constraints = [
            date_bounds("employed_on", "substitute_employed_on_in_bounds"),
        ]

    def __str__(self):
        return self.name


@pghistory.track()
class Cover(models.Model):
    """The substitute covers for a participant at a unit from one date to another (whole ISO weeks, usually)."""

    substitute = models.ForeignKey(Substitute, on_delete=models.CASCADE, related_name="covers")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="covers", verbose_name=_("covers for")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="covers", verbose_name=_("unit"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("cover")
        verbose_name_plural = _("covers")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="cover_ends_after_start"),
            date_bounds("starts_on", "cover_starts_on_in_bounds"),
            date_bounds("ends_on", "cover_ends_on_in_bounds"),
        ]

    def __str__(self):
        return f"{self.substitute} → {self.participant.person} ({self.starts_on}–{self.ends_on})"

    def clean(self):
        if self.substitute_id and self.participant_id and self.substitute.programme_id != self.participant.programme_id:
            raise ValidationError(_("The substitute and the participant must belong to the same programme."))
