"""Leadership bootcamps (Kalundborg's "Ledelse sammen"): the bootcamp days and the participants' evaluation of each.

The programme, its participants, themes and groups are the shared core's (programmes/models.py); this app adds the
days with their agenda and the short evaluation every participant may give after a day (once per day, changeable
until the evaluation closes, ``EVALUATION_OPEN_DAYS`` after the day).
"""

from datetime import datetime, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Group, GroupMember, Initiative, Participant, Programme
from slf.forms import date_bounds

#: How long after a bootcamp day its participants may give or change their evaluation.
EVALUATION_OPEN_DAYS = 14

#: The scale questions of the evaluation (field name, question); each answered 1–5.
SCALE_QUESTIONS = (
    ("new_knowledge", _("Did you gain new knowledge across the organisation?")),
    ("new_colleagues", _("Did you meet new colleagues?")),
)
SCALE = range(1, 6)


class BootcampDayQuerySet(models.QuerySet):
    def with_evaluation_summary(self, participant=None):
        """Each day with ``answers`` (how many evaluated it), ``avg_<question>`` and ``n_<question>_<k>`` (how many
        answered k) for every scale question, and ``mine`` (whether ``participant`` evaluated it): no query of its
        own."""
        annotations = {"answers": Count("evaluations")}
        for field, _question in SCALE_QUESTIONS:
            annotations[f"avg_{field}"] = Avg(f"evaluations__{field}")
            for k in SCALE:
                annotations[f"n_{field}_{k}"] = Count("evaluations", filter=Q(**{f"evaluations__{field}": k}))
        if participant is not None:
            annotations["mine"] = Count("evaluations", filter=Q(evaluations__participant=participant))
        return self.annotate(**annotations)


@pghistory.track()
class BootcampDay(models.Model):
    """One bootcamp day: when, where and what (the agenda)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="bootcamp_days")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), default="09:00")
    ends_at = models.TimeField(_("ends"), default="15:30")
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BootcampDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("bootcamp day")
        verbose_name_plural = _("bootcamp days")
        ordering = ["programme", "date", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="bootcamp_day_ends_after_start"
            ),
            models.UniqueConstraint(fields=["programme", "date"], name="bootcamp_day_once_per_date"),
            date_bounds("date", "bootcamp_day_date_in_bounds"),
        ]

    def __str__(self):
        return f"{self.programme} · {self.date}"

    def get_absolute_url(self):
        return reverse("bootcamps:day", args=[self.programme.slug, self.pk])

    def end(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.ends_at))

    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.starts_at))

    def is_held(self, now: datetime | None = None) -> bool:
        """The day has begun (its evaluation opens when it starts, so people can answer before they leave)."""
        return self.start() <= (now or timezone.now())

    def evaluation_closes_on(self):
        return self.date + timedelta(days=EVALUATION_OPEN_DAYS)

    def evaluation_is_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_held(now) and timezone.localdate(now) <= self.evaluation_closes_on()


@pghistory.track()
class Evaluation(models.Model):
    """A participant's short evaluation of a day: two 1–5 questions and what they take home."""

    day = models.ForeignKey(BootcampDay, on_delete=models.CASCADE, related_name="evaluations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="bootcamp_evaluations")
    new_knowledge = models.PositiveSmallIntegerField(SCALE_QUESTIONS[0][1])
    new_colleagues = models.PositiveSmallIntegerField(SCALE_QUESTIONS[1][1])
    takeaway = models.TextField(_("What do you take home with you?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["day", "participant"], name="evaluation_once_per_day_and_participant"),
            models.CheckConstraint(
                condition=Q(new_knowledge__gte=1, new_knowledge__lte=5), name="evaluation_knowledge_1_5"
            ),
            models.CheckConstraint(
                condition=Q(new_colleagues__gte=1, new_colleagues__lte=5), name="evaluation_colleagues_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.day}"


# --- The groups' work (barriers, journey maps) ---
