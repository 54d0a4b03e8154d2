"""The task force of an office (Budget og Regnskab's seed): concrete initiatives that ease the decentral units'
day, and a monthly meeting with the units' administrative leaders whose "tasks brought home" become questions.

The programme itself (kind TASK_FORCE), its participants and initiatives are the programmes app's; this app adds
what only a task force has: which units each initiative helps, the monthly meeting series and its standing guests.
"""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import MeetingSeries
from offices.models import Unit, UnitContact
from programmes.models import Initiative, Programme


@pghistory.track()
class TaskForce(models.Model):
    """What a task-force programme has besides the programme: its monthly meeting and the guests invited to it."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="task_force")
    series = models.OneToOneField(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_force",
        verbose_name=_("the monthly meeting"),
        help_text=_("A meeting series of the office, with the units' administrative leaders and the consultants."),
    )
    guests = models.ManyToManyField(
        UnitContact,
        blank=True,
        related_name="task_forces",
        verbose_name=_("administrative leaders invited"),
        help_text=_("Contacts of the units, without an account, invited to every monthly meeting."),
    )

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")

    def __str__(self):
        return str(self.programme)


@pghistory.track()
class InitiativeUnits(models.Model):
    """The decentral units a task force's initiative is aimed at."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="aimed_at")
    units = models.ManyToManyField(Unit, blank=True, related_name="initiatives_aimed_here", verbose_name=_("units"))

    class Meta:
        verbose_name = _("units an initiative helps")
        verbose_name_plural = _("units initiatives help")

    def __str__(self):
        return str(self.initiative)
