"""What every programme across the organisation shares.

A programme (``Programme``) is owned by an office (e.g. the municipal director's secretariat, HR) and led by the
leading people of that office, the heads of its administration and the people named as its leads. Its participants
may come from any office of the installation. Open programmes (café meetings) are seen by everybody signed in with
a place in the organisation; the others only by their leads and participants (programmes/access.py).
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from logbook.models import OPEN_STATUSES
from offices.models import LEADING_ROLES, AdministrationLeader, Membership, Office, Unit
from slf.conflicts import Versioned


class ProgrammeKind(models.TextChoices):
    BOOTCAMP = "bootcamp", _("leadership bootcamps")
    TASK_FORCE = "task_force", _("task force")
    COMPETENCE = "competence", _("competence development")
    CAFE = "cafe", _("open café meetings")
    CHANGE_AGENTS = "change_agents", _("change agents")


class Level(models.TextChoices):
    """Where a participant stands in the organisation (bootcamp groups mix the levels on purpose)."""

    EXECUTIVE = "executive", _("executive")
    SENIOR = "senior", _("senior manager")
    FIRST_LINE = "first_line", _("first-line leader")
    STAFF = "staff", _("staff member")


class ProgrammeQuerySet(models.QuerySet):
    def led_by(self, user):
        """Programmes ``user`` leads: named lead, a leading member of the owner office, or head of its
        administration."""
        if not user.is_authenticated:
            return self.none()
        leading = Membership.objects.filter(office=OuterRef("owner_office"), person=user, role__in=LEADING_ROLES)
        heading = AdministrationLeader.objects.filter(
            administration=OuterRef("owner_office__administration"), person=user
        )
        named = Programme.leads.through.objects.filter(programme=OuterRef("pk"), user=user)
        return self.filter(Exists(leading) | Exists(heading) | Exists(named))

    def visible_to(self, user):
        """Programmes ``user`` may open: those they lead or take part in, and open ones when they have a place here."""
        if not user.is_authenticated:
            return self.none()
        led = self.led_by(user).values("pk")
        taking_part = Participant.objects.filter(programme=OuterRef("pk"), person=user)
        has_place = (
            Membership.objects.filter(person=user).exists() or AdministrationLeader.objects.filter(person=user).exists()
        )
        open_ = Q(is_open=True) if has_place else Q(pk__in=[])
        return self.filter(Q(pk__in=led) | Exists(taking_part) | open_)


@pghistory.track()
class Programme(Versioned):
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    owner_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("owner office")
    )
    description = models.TextField(_("description"), max_length=4000, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    is_open = models.BooleanField(
        _("open to everybody"),
        default=False,
        help_text=_("Everybody with a place in the organisation may see it and sign up (café meetings)."),
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_programmes", verbose_name=_("leads")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme-detail", args=[self.slug])


@pghistory.track()
class Participant(models.Model):
    """A person taking part in a programme, with where they stood when they joined (office, unit, level)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_places", verbose_name=_("person")
    )
    office = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("office")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants", verbose_name=_("unit")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.STAFF)
    joined_on = models.DateField(_("joined"), default=timezone.localdate)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["programme", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="participant_once_per_programme"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="participant_level_valid"),
        ]

    def __str__(self):
        return f"{self.person} · {self.programme}"


@pghistory.track()
class Theme(models.Model):
    """A strategic theme chosen by management (Kalundborg chose four); groups and initiatives work under one."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["programme", "position", "name"]
        constraints = [
            models.UniqueConstraint("programme", Lower("name"), name="theme_name_unique_in_programme"),
        ]

    def __str__(self):
        return self.name


@pghistory.track()
class Group(models.Model):
    """Participants working together on one problem of a theme (a bootcamp group)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="groups")
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="groups", verbose_name=_("theme")
    )
    name = models.CharField(_("name"), max_length=150)
    problem = models.TextField(_("the problem the group works on"), max_length=4000, blank=True)
    #: Counter of the problem text for the conflict view (slf/conflicts.py; the group edits it together).
    problem_version = models.PositiveIntegerField(_("version of the problem"), default=0, editable=False)
    members = models.ManyToManyField(Participant, through="GroupMember", related_name="groups", blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint("programme", Lower("name"), name="group_name_unique_in_programme"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.theme_id and self.programme_id and self.theme.programme_id != self.programme_id:
            raise ValidationError({"theme": _("The theme must belong to the same programme.")})


@pghistory.track()
class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    #: A participant is in one group of their programme at most.
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="group_membership")

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self):
        return f"{self.participant} · {self.group}"


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    ACTIVE = "active", _("in progress")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


#: status → the statuses an initiative may move to from it (Initiative.change_status).
STATUS_MOVES = {
    InitiativeStatus.IDEA: (InitiativeStatus.ACTIVE, InitiativeStatus.STOPPED),
    InitiativeStatus.ACTIVE: (InitiativeStatus.DONE, InitiativeStatus.STOPPED, InitiativeStatus.IDEA),
    InitiativeStatus.DONE: (InitiativeStatus.ACTIVE,),
    InitiativeStatus.STOPPED: (InitiativeStatus.IDEA, InitiativeStatus.ACTIVE),
}


class InitiativeQuerySet(models.QuerySet):
    def with_step_counts(self, today=None):
        """Each initiative with ``open_steps`` and ``overdue_steps``: its next steps (agreements) still open, and
        those of them past their due date (one query with the initiatives)."""
        today = today or timezone.localdate()
        open_ = Q(steps__agreement__status__in=OPEN_STATUSES)
        return self.annotate(
            step_count=models.Count("steps", distinct=True),
            open_steps=models.Count("steps", filter=open_, distinct=True),
            overdue_steps=models.Count("steps", filter=open_ & Q(steps__agreement__due_date__lt=today), distinct=True),
        )


@pghistory.track()
class Initiative(Versioned):
    """A concrete initiative that came out of a programme: a goal, an owner and next steps.

    Its next steps are agreements in the logbook of ``office`` (``InitiativeStep``), so they come back like every
    other agreement (My page, the meeting's Follow-up, reminders). ``measure`` is an optional measure with a run chart.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="initiatives")
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("office"),
        help_text=_("The office whose logbook keeps the next steps."),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives", verbose_name=_("theme")
    )
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), max_length=4000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_initiatives",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.IDEA
    )
    measure = models.ForeignKey(
        "logbook.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("measure"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["programme", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=InitiativeStatus.values), name="initiative_status_valid"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:initiative-detail", args=[self.programme.slug, self.pk])

    def clean(self):
        errors = {}
        if self.theme_id and self.programme_id and self.theme.programme_id != self.programme_id:
            errors["theme"] = _("The theme must belong to the same programme.")
        if self.group_id and self.programme_id and self.group.programme_id != self.programme_id:
            errors["group"] = _("The group must belong to the same programme.")
        if errors:
            raise ValidationError(errors)

    def may_edit(self, access) -> bool:
        """Leads edit every initiative; its owner and the members of its group edit it and add next steps; the
        other participants read (``access`` is the person's ProgrammeAccess to the initiative's programme)."""
        if access is None or access.programme.pk != self.programme_id:
            return False
        if access.is_lead:
            return True
        user_id = access.participant.person_id if access.participant else None
        if user_id is None:
            return False
        if self.owner_id == user_id:
            return True
        in_group = GroupMember.objects.filter(group_id=self.group_id, participant=access.participant)
        return bool(self.group_id) and in_group.exists()

    def may_move_to(self, status) -> bool:
        return status in STATUS_MOVES.get(self.status, ())

    def change_status(self, status, by=None) -> None:
        """Move to ``status`` if allowed from the current one (ValidationError otherwise) and save it."""
        if status == self.status:
            return
        if not self.may_move_to(status):
            raise ValidationError(
                _("An initiative can't go from “%(old)s” to “%(new)s”.")
                % {"old": self.get_status_display(), "new": InitiativeStatus(status).label}
            )
        self.status = status
        self.version += 1
        self.save(update_fields=["status", "version", "updated_at"])


class InitiativeStep(models.Model):
    """A next step of an initiative: an agreement (logbook entry of kind agreement) in the initiative's office."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="steps")
    agreement = models.OneToOneField("logbook.Entry", on_delete=models.CASCADE, related_name="initiative_step")

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self):
        return f"{self.initiative} · {self.agreement}"
