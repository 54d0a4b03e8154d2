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
from slf.conflicts import Versioned
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
class BootcampDay(Versioned):
    """One bootcamp day: when, where and what (the agenda). Leads edit it together: the conflict view."""

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
#
# What a bootcamp group does with its complex problem (bootcamps/work_views.py): the barriers it sees, each sorted as
# rules and law or culture and mindset (Kalundborg found that most turned out to be culture), and the citizen's or
# user's journey through the problem, step by step, with where it breaks. The problem itself is Group.problem.


class BarrierKind(models.TextChoices):
    UNSORTED = "unsorted", _("Not settled yet")
    RULES = "rules", _("Rules and law")
    CULTURE = "culture", _("Culture and mindset")


class BarrierQuerySet(models.QuerySet):
    def summary(self) -> dict:
        """How many barriers of each kind, and in all: ``{"total": n, "rules": r, "culture": c, "unsorted": u}``
        (one query)."""
        return self.aggregate(
            total=Count("pk"), **{kind: Count("pk", filter=Q(kind=kind)) for kind in BarrierKind.values}
        )

    def with_previous_kind(self):
        """Each barrier with ``previous_kind``: the kind it was sorted as before its current one (None if never
        moved), read from its history in the same query."""
        events = (
            Barrier.pgh_event_model.objects.filter(pgh_obj_id=OuterRef("pk"))
            .exclude(kind=OuterRef("kind"))
            .order_by("-pgh_id")
            .values("kind")[:1]
        )
        return self.annotate(previous_kind=Subquery(events))


def may_edit_group_work(access, group) -> bool:
    """Who edits a group's problem, barriers and journey map: the programme's leads and the group's own members.
    Other participants read it (``access`` is the person's ProgrammeAccess to the group's programme)."""
    if access is None or access.programme.pk != group.programme_id:
        return False
    if access.is_lead:
        return True
    return access.participant is not None and group_of(access.participant) == group.pk


def group_of(participant):
    """The id of the participant's group (None when in none): no query when the membership came with the participant
    (programmes/access.py selects it), else one."""
    if Participant.group_membership.is_cached(participant):
        membership = getattr(participant, "group_membership", None)
        return membership.group_id if membership is not None else None
    return GroupMember.objects.filter(participant=participant).values_list("group_id", flat=True).first()


@pghistory.track()
class Barrier(models.Model):
    """A barrier a group sees in its problem, and what kind it turned out to be (re-sorted as the group learns)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="barriers", verbose_name=_("group"))
    text = models.CharField(_("barrier"), max_length=300)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BarrierKind.choices, default=BarrierKind.UNSORTED)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("addressed by the initiative"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        ordering = ["group", "created_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=BarrierKind.values), name="barrier_kind_valid")]

    def __str__(self):
        return self.text

    @property
    def previous_kind_label(self) -> str:
        previous = getattr(self, "previous_kind", None)
        return BarrierKind(previous).label if previous in BarrierKind.values else ""

    def sort_as(self, kind: str) -> bool:
        """Sort the barrier as ``kind``; True when that moved it (the history keeps where it came from)."""
        if kind not in BarrierKind.values or kind == self.kind:
            return False
        self.kind = kind
        self.save(update_fields=["kind"])
        return True


class Feeling(models.TextChoices):
    """How the person feels at a step: a word and a symbol, never a colour alone."""

    GLAD = "glad", _("glad")
    NEUTRAL = "neutral", _("neutral")
    FRUSTRATED = "frustrated", _("frustrated")


#: Faces from Unicode 6.0, which the common fonts have (the newer 🙂 and 🙁 are missing from some).
FEELING_SYMBOLS = {Feeling.GLAD: "😊", Feeling.NEUTRAL: "😐", Feeling.FRUSTRATED: "😞"}


@pghistory.track()
class JourneyMap(models.Model):
    """The citizen's or user's journey through the group's problem, seen through their eyes."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="journey", verbose_name=_("group"))
    persona = models.CharField(
        _("whose journey"),
        max_length=200,
        help_text=_("Who the person is, e.g. “A citizen moving to the municipality”."),
    )
    situation = models.TextField(_("their situation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("journey map")
        verbose_name_plural = _("journey maps")

    def __str__(self):
        return self.persona

    def next_position(self) -> int:
        last = self.steps.aggregate(last=models.Max("position"))["last"]
        return (last or 0) + 1


@pghistory.track()
class JourneyStep(models.Model):
    """One step of the journey: where and with whom, what the person does, feels and meets; whether it breaks."""

    journey = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("step"), max_length=120)
    touchpoint = models.CharField(_("where and with whom"), max_length=200)
    action = models.TextField(_("what the person does"), max_length=1000, blank=True)
    feeling = models.CharField(_("how the person feels"), max_length=12, choices=Feeling.choices)
    meets = models.TextField(_("what the person meets"), max_length=1000, blank=True)
    breaks = models.BooleanField(_("the journey breaks here"), default=False)
    break_note = models.TextField(_("what breaks"), max_length=1000, blank=True)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journey_breaks",
        verbose_name=_("addressed by the initiative"),
    )

    class Meta:
        verbose_name = _("journey step")
        verbose_name_plural = _("journey steps")
        ordering = ["journey", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(feeling__in=Feeling.values), name="journey_step_feeling_valid"),
            models.CheckConstraint(condition=Q(breaks=False) | ~Q(break_note=""), name="journey_step_break_has_a_note"),
        ]

    def __str__(self):
        return self.title

    @property
    def feeling_symbol(self) -> str:
        return FEELING_SYMBOLS.get(self.feeling, "")
