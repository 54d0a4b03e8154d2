"""Change agents (forandringsagenter) and their projects, with sparring every fourteen days (Billund).

A change-agents programme (``ProgrammeKind.CHANGE_AGENTS``) is owned by an office; its leads (the manager) meet
each change agent (a ``Participant``) every fourteen days (``SparringRhythm``) and write a ``SparringNote`` per
project: what was discussed, the agreed next step and the project's status at the time, so the notes read as the
project's timeline. The agent adds their own reflection to a note and may propose a new status. A project is
presented at the next office meeting as an agenda item (``ProjectPresentation``, kept here: the meetings app below
does not know about projects).
"""

from datetime import date, datetime, time, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from meetings.models import WEEKDAY_NAMES
from programmes.models import Participant, Programme
from slf.conflicts import Versioned
from slf.forms import date_bounds
from slf.workdays import add_working_days

#: Sparring with the manager every fourteen days (the seed: "hver fjortende dag").
SPARRING_DAYS = 14
#: A sparring counts as overdue this many working days after it was due (a holiday week is not a lapse).
GRACE_WORKING_DAYS = 3


def day_text(moment) -> str:
    """A sparring's day in a sentence: "tirsdag 15. december" (the weekday in lower case, as after a colon)."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return f"{WEEKDAY_NAMES[day.weekday()]} {date_format(day, 'MONTH_DAY_FORMAT')}"


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    IN_PROGRESS = "in_progress", _("in progress")
    PAUSED = "paused", _("paused")
    DONE = "done", _("done")


@pghistory.track()
class SparringRhythm(models.Model):
    """An agent's sparring with the manager: every fourteen days from ``first_on`` at ``at``."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="sparring_rhythm", verbose_name=_("change agent")
    )
    first_on = models.DateField(_("first sparring"))
    at = models.TimeField(_("time"), default=time(9))
    location = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sparring rhythm")
        verbose_name_plural = _("sparring rhythms")
        constraints = [date_bounds("first_on", "sparring_first_on_in_bounds")]

    def __str__(self):
        return f"{self.participant} · {self.first_on}"

    def coming(self, today: date | None = None, count: int = 3) -> list[datetime]:
        """The next ``count`` sparring times from ``today`` on (local, aware), every fourteen days."""
        today = today or timezone.localdate()
        first = self.first_on
        if first < today:
            steps = -(-(today - first).days // SPARRING_DAYS)
            first = first + timedelta(days=steps * SPARRING_DAYS)
        tz = timezone.get_current_timezone()
        return [datetime.combine(first + timedelta(days=n * SPARRING_DAYS), self.at, tzinfo=tz) for n in range(count)]

    def held_between(self, first: date, last: date) -> list[date]:
        """The rhythm's dates from ``first`` to ``last`` (both included): the sparrings that were due."""
        day = self.first_on
        if day < first:
            day = day + timedelta(days=-(-(first - day).days // SPARRING_DAYS) * SPARRING_DAYS)
        found = []
        while day <= last:
            found.append(day)
            day += timedelta(days=SPARRING_DAYS)
        return found


class ProjectQuerySet(models.QuerySet):
    def with_last_note(self):
        """Each project with ``last_note_on``: the date of its latest sparring note (None without one)."""
        return self.annotate(last_note_on=Max("notes__held_on"))


@pghistory.track()
class Project(Versioned):
    """A change agent's project: a title, what it is about, a status and the next step."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="change_projects")
    agent = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="change_projects", verbose_name=_("change agent")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("goal and description"), max_length=4000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.IDEA)
    #: The agent's proposal for a new status, until the manager takes it up (or sets another).
    proposed_status = models.CharField(
        _("proposed status"), max_length=12, choices=ProjectStatus.choices, blank=True, editable=False
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("change agent project")
        verbose_name_plural = _("change agent projects")
        ordering = ["programme", "title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="change_project_status_valid"),
            models.CheckConstraint(
                condition=Q(proposed_status="") | Q(proposed_status__in=ProjectStatus.values),
                name="change_project_proposed_status_valid",
            ),
            date_bounds("started_on", "change_project_started_on_in_bounds"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("changeagents:project", args=[self.programme.slug, self.pk])

    def sparring_due_on(self) -> date:
        """When the next sparring note is due: fourteen days after the last one (or after the start)."""
        last = getattr(self, "last_note_on", None)
        if last is None:
            last = self.started_on or timezone.localdate(self.created_at)
        return last + timedelta(days=SPARRING_DAYS)

    def sparring_overdue(self, today: date | None = None) -> bool:
        """More than fourteen days, plus a few working days, since the last note; a finished project never is."""
        if self.status == ProjectStatus.DONE:
            return False
        today = today or timezone.localdate()
        return today > add_working_days(self.sparring_due_on(), GRACE_WORKING_DAYS)


@pghistory.track()
class SparringNote(Versioned):
    """One sparring about a project: the date, what was discussed, the agreed next step and the status then.

    ``version`` guards the manager's text, ``reflection_version`` the agent's reflection (slf/conflicts.py).
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes", verbose_name=_("project"))
    held_on = models.DateField(_("date of the sparring"))
    discussed = models.TextField(_("what was discussed"), max_length=4000)
    next_step = models.CharField(_("agreed next step"), max_length=300, blank=True)
    status = models.CharField(
        _("status of the project"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.IN_PROGRESS
    )
    reflection = models.TextField(_("the change agent's reflection"), max_length=2000, blank=True)
    reflection_version = models.PositiveIntegerField(default=0, editable=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sparring note")
        verbose_name_plural = _("sparring notes")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values), name="sparring_note_status_valid"),
            models.CheckConstraint(condition=~Q(discussed=""), name="sparring_note_not_empty"),
            date_bounds("held_on", "sparring_note_held_on_in_bounds"),
        ]

    def __str__(self):
        return f"{self.project} · {self.held_on}"


@pghistory.track()
class ProjectPresentation(models.Model):
    """A project on the agenda of an office meeting: the agenda item with the agent as presenter."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="presentations")
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="project_presentation"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("presentation of a project")
        verbose_name_plural = _("presentations of projects")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.project} · {self.agenda_item}"
