"""Meetings: series in their rhythms, single meetings, agenda items.

This module starts with the core that other apps link to (the logbook links
entries to a meeting and an agenda item). The meetings issue grows it.
"""

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from offices.models import Administration, Heading, Office
from slf.conflicts import Versioned
from slf.dates import local
from slf.forms import date_bounds


class MeetingKind(models.TextChoices):
    SLF = "slf", _("SLF meeting")
    OFFICE = "office", _("office meeting")
    THURSDAY = "thursday", _("Thursday meeting")
    CROSS_OFFICE = "cross_office", _("cross-office meeting")
    CAFE = "cafe", _("café meeting")
    #: With the decentral units' administrative leaders as guests (the task force's monthly meeting).
    UNITS = "units", _("meeting with the decentral units")
    EXTERNAL = "external", _("external network meeting")
    OTHER = "other", _("other meeting")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("on a weekday, every week or every few weeks")
    MONTHLY_DATE = "monthly_date", _("on a date of the month (such as the 15th)")
    MONTHLY_WEEKDAY = "monthly_weekday", _("on a weekday of the month (such as the second Tuesday)")


#: Weekdays in a rhythm (Monday first, as Python and dateutil count them): "every Tuesday" / "hver tirsdag",
#: and after a number of weeks: "every 4 weeks on Thursdays" / "hver 4. uge om torsdagen".
WEEKDAY_NAMES = [
    pgettext_lazy("in a rhythm: every …", "Monday"),
    pgettext_lazy("in a rhythm: every …", "Tuesday"),
    pgettext_lazy("in a rhythm: every …", "Wednesday"),
    pgettext_lazy("in a rhythm: every …", "Thursday"),
    pgettext_lazy("in a rhythm: every …", "Friday"),
    pgettext_lazy("in a rhythm: every …", "Saturday"),
    pgettext_lazy("in a rhythm: every …", "Sunday"),
]
ON_WEEKDAYS = [
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Mondays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Tuesdays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Wednesdays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Thursdays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Fridays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Saturdays"),
    pgettext_lazy("in a rhythm: every 4 weeks …", "on Sundays"),
]
#: Which weekday of the month (week_of_month): "the second Tuesday" / "anden tirsdag".
ORDINALS = {
    1: pgettext_lazy("the … Tuesday of the month", "first"),
    2: pgettext_lazy("the … Tuesday of the month", "second"),
    3: pgettext_lazy("the … Tuesday of the month", "third"),
    4: pgettext_lazy("the … Tuesday of the month", "fourth"),
    -1: pgettext_lazy("the … Tuesday of the month", "last"),
}


class MeetingSeries(models.Model):
    """A recurring meeting of an office, or of a whole administration (cross-office)."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, null=True, blank=True, related_name="meeting_series", verbose_name=_("office")
    )
    administration = models.ForeignKey(
        Administration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("administration"),
        help_text=_("For cross-office meetings: the administration whose offices take part."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SLF)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    location = models.CharField(_("location"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The rhythm, turned into dates by dateutil's rrule (meetings/rhythm.py).
    frequency = models.CharField(
        _("rhythm"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY_WEEKDAY
    )
    interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1 = every week or month, 2 = every other, 3 = quarterly for months.")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), default=3, help_text=_("0 = Monday … 6 = Sunday."))
    week_of_month = models.SmallIntegerField(
        _("which week of the month"), default=1, help_text=_("1–4, or -1 for the last.")
    )
    day_of_month = models.PositiveSmallIntegerField(_("day of the month"), default=1)
    start_date = models.DateField(_("first date"), null=True)
    start_time = models.TimeField(_("start time"), default="09:00")
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    until = models.DateField(_("last date"), null=True, blank=True)
    participant_roles = models.JSONField(_("roles taking part"), default=list, blank=True)
    participant_sections = models.ManyToManyField(
        "offices.Section", blank=True, related_name="+", verbose_name=_("sections taking part")
    )
    participant_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("named people taking part")
    )
    #: The questions of the series' before and after templates (one string each); see default_questions().
    before_questions = models.JSONField(_("questions before the meeting"), default=list, blank=True)
    after_questions = models.JSONField(_("questions after the meeting"), default=list, blank=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["title"]
        constraints = [
            date_bounds("start_date", "series_start_date_in_bounds"),
            date_bounds("until", "series_until_in_bounds"),
            models.CheckConstraint(
                condition=Q(office__isnull=False, administration__isnull=True)
                | Q(office__isnull=True, administration__isnull=False),
                name="series_belongs_to_office_or_administration",
            ),
            models.CheckConstraint(condition=Q(interval__gte=1, interval__lte=12), name="series_interval_sensible"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="series_weekday_valid"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=10, duration_minutes__lte=600), name="series_duration_sensible"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding and not self.before_questions and not self.after_questions:
            self.before_questions, self.after_questions = default_questions()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:series-detail", args=[self.pk])

    def rhythm_text(self) -> str:
        """The rhythm as a sentence: "anden tirsdag i hver måned kl. 9.00", "every 4 weeks on Thursdays at 9:00"."""
        n = self.interval
        names = {"weekday": WEEKDAY_NAMES[self.weekday], "on_weekday": ON_WEEKDAYS[self.weekday], "n": n}
        if self.frequency == Frequency.WEEKLY:
            if n == 1:
                rhythm = gettext("every %(weekday)s") % names
            elif n == 2:
                rhythm = gettext("every other %(weekday)s") % names
            else:
                rhythm = ngettext("every %(n)s week %(on_weekday)s", "every %(n)s weeks %(on_weekday)s", n) % names
        elif self.frequency == Frequency.MONTHLY_DATE:
            names["day"] = self.day_of_month
            if n == 1:
                rhythm = gettext("on day %(day)s of every month") % names
            elif n == 2:
                rhythm = gettext("on day %(day)s of every other month") % names
            else:
                rhythm = (
                    ngettext("on day %(day)s of every %(n)s month", "on day %(day)s of every %(n)s months", n) % names
                )
            if self.day_of_month > 28:
                rhythm = gettext("%(rhythm)s (the last day in shorter months)") % {"rhythm": rhythm}
        else:
            names["ordinal"] = ORDINALS.get(self.week_of_month, ORDINALS[1])
            if n == 1:
                rhythm = gettext("the %(ordinal)s %(weekday)s of every month") % names
            elif n == 2:
                rhythm = gettext("the %(ordinal)s %(weekday)s of every other month") % names
            else:
                rhythm = (
                    ngettext(
                        "the %(ordinal)s %(weekday)s of every %(n)s month",
                        "the %(ordinal)s %(weekday)s of every %(n)s months",
                        n,
                    )
                    % names
                )
        clock = local(self.start_time, "CLOCK_FORMAT") if not isinstance(self.start_time, str) else self.start_time
        return gettext("%(rhythm)s at %(time)s") % {"rhythm": rhythm, "time": clock}


def default_questions() -> tuple[list[str], list[str]]:
    """The seeds' before/after template (practice 6): prepare the goal, strategy and mandate; note what was learned."""
    from django.utils.translation import gettext, override

    with override(settings.LANGUAGE_CODE):  # stored content, written in the office's language
        return _default_questions(gettext)


def _default_questions(gettext):
    before = [
        gettext("What is the goal of the meeting?"),
        gettext("Which strategy do we follow?"),
        gettext("Which negotiation technique will we use?"),
        gettext("What is our mandate?"),
    ]
    after = [
        gettext("What did we experience?"),
        gettext("What do we bring to the next meeting?"),
    ]
    return before, after


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    AGENDA_CIRCULATED = "agenda_circulated", _("agenda circulated")
    IN_PROGRESS = "in_progress", _("in progress")
    HELD = "held", _("held")
    MINUTES_PUBLISHED = "minutes_published", _("minutes published")
    CANCELLED = "cancelled", _("cancelled")


class MeetingError(Exception):
    """A rule was broken; the message is shown to the person."""


class TransitionRefused(MeetingError):
    """The meeting's state does not allow this move (see TRANSITIONS)."""


_S = MeetingStatus
#: Statuses in which a meeting still lies ahead: the agenda can be edited, commented on and circulated.
BEFORE = (_S.PLANNED, _S.AGENDA_CIRCULATED)

#: The meeting's lifecycle in one place: action -> (the statuses it may start from, the status it leads to).
#: planned -> agenda circulated -> in progress -> held -> minutes published; cancelled aside (before it is held).
#: Circulating again re-sends the agenda; a meeting held without the room view (attendance recorded, minutes
#: published afterwards) passes "held" on the way. Every state change goes through Meeting._move().
TRANSITIONS = {
    "circulate_agenda": ((_S.PLANNED, _S.AGENDA_CIRCULATED), _S.AGENDA_CIRCULATED),
    "start": ((_S.PLANNED, _S.AGENDA_CIRCULATED), _S.IN_PROGRESS),
    "finish": ((_S.PLANNED, _S.AGENDA_CIRCULATED, _S.IN_PROGRESS), _S.HELD),
    "publish_minutes": ((_S.PLANNED, _S.AGENDA_CIRCULATED, _S.IN_PROGRESS, _S.HELD), _S.MINUTES_PUBLISHED),
    "cancel": ((_S.PLANNED, _S.AGENDA_CIRCULATED), _S.CANCELLED),
}


def _refusal(action, meeting):
    """Why ``action`` is refused for ``meeting`` now (None when it is allowed); the table plus the clock."""
    from django.utils import timezone
    from django.utils.translation import gettext

    sources, _target = TRANSITIONS[action]
    if meeting.status in sources:
        if action in ("start", "publish_minutes") and meeting.status in BEFORE:
            # Not before the day (start) or before it began (minutes of a meeting held without the room).
            now = timezone.now()
            if action == "start" and timezone.localtime(meeting.starts_at).date() > timezone.localdate(now):
                return gettext("The meeting can be started on its day.")
            if action == "publish_minutes" and meeting.starts_at > now:
                return gettext("Minutes can be published once the meeting has begun.")
        return None
    messages = {
        "circulate_agenda": gettext("The agenda can only be circulated before the meeting is held."),
        "start": gettext("Only a coming meeting can be started."),
        "finish": gettext("Only a meeting that is under way can be ended."),
        "publish_minutes": gettext("A cancelled meeting has no minutes.")
        if meeting.status == _S.CANCELLED
        else gettext("The minutes are already published."),
        "cancel": gettext("A meeting that has been held can't be cancelled.")
        if meeting.status != _S.CANCELLED
        else gettext("The meeting is already cancelled."),
    }
    return messages[action]


def _person(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=verbose_name,
    )


class MeetingQuerySet(models.QuerySet):
    def earlier_in_series(self, meeting):
        """The series' meetings before ``meeting`` that were not cancelled, latest first."""
        return (
            self.filter(series_id=meeting.series_id, starts_at__lt=meeting.starts_at)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-starts_at")
        )

    def with_previous(self):
        """Each meeting with ``previous_json``: the id, start and after-answers of the series' latest earlier
        meeting that was not cancelled (all the meeting page shows of it), so the page needs no query for it."""
        earlier = (
            Meeting.objects.filter(series_id=OuterRef("series_id"), starts_at__lt=OuterRef("starts_at"))
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-starts_at")
            .values(json=JSONObject(pk="pk", starts_at="starts_at", after_answers="after_answers"))[:1]
        )
        return self.annotate(previous_json=Subquery(earlier, output_field=models.JSONField()))

    def with_office_headings(self):
        """Each meeting with ``office_headings_json``: ``[{"pk", "name"}, …]``, the active SLF headings of the
        series' office in their order (the choices of the agreement forms at the items), without a query of its
        own. Empty for a cross-office series."""
        headings = (
            Heading.objects.filter(office_id=OuterRef("series__office_id"), is_active=True)
            .order_by("position", "name")
            .values(json=JSONObject(pk="pk", name="name"))
        )
        return self.annotate(office_headings_json=ArraySubquery(headings))

    def taking_part(self, *people):
        """The meetings ``person`` takes part in, not cancelled: the inverse of ``meetings.services.participants``.

        Invited through a membership of the series' office (or of an office of its administration, for cross-office
        series) in a chosen role or section (every member when neither is chosen), or named on the series; or
        recorded present. Given several people, the meetings any of them takes part in. Two queries, whatever the
        number of people: their memberships, then the meetings.
        """
        from offices.models import Membership

        pks = [person.pk for person in people]
        sections = MeetingSeries.participant_sections.through.objects.filter(meetingseries_id=OuterRef("series_id"))
        named = MeetingSeries.participant_people.through.objects.filter(
            meetingseries_id=OuterRef("series_id"), user_id__in=pks
        )
        invited = Q(Exists(named)) | Q(
            Exists(Attendance.objects.filter(meeting=OuterRef("pk"), person__in=pks, status=AttendanceStatus.PRESENT))
        )
        memberships = Membership.objects.filter(person__in=pks).select_related("office").order_by()
        for membership in memberships.only("office_id", "role", "section_id", "office__administration_id"):
            where = Q(series__office_id=membership.office_id) | Q(
                series__administration_id=membership.office.administration_id
            )
            chosen = Q(series__participant_roles__contains=[membership.role]) | (
                Q(series__participant_roles=[]) & Q(~Exists(sections))
            )
            if membership.section_id:
                chosen |= Q(Exists(sections.filter(section_id=membership.section_id)))
            invited |= where & chosen
        return self.exclude(status=MeetingStatus.CANCELLED).filter(invited)


@pghistory.track()
class Meeting(models.Model):
    """One occurrence of a series.

    Its lifecycle is the TRANSITIONS table above; the methods circulate_agenda(), start(), finish(),
    publish_minutes() and cancel() are the only way to change the status, and record who and when (the history
    keeps every step too). What each state allows is asked of the meeting: can_edit_agenda(), takes_comments(),
    can_take_minutes(), can_record_attendance(), can_carry_items(), may(action).
    """

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("series")
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    #: The local date the rhythm gave this occurrence (None for ad hoc meetings); keeps generation idempotent.
    scheduled_for = models.DateField(null=True, blank=True, editable=False)
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    agenda_circulated_at = models.DateTimeField(_("agenda circulated"), null=True, blank=True)
    agenda_circulated_by = _person(_("agenda circulated by"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True, editable=False)
    started_by = _person(_("started by"))
    held_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    held_by = _person(_("ended by"))
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    minutes_published_by = _person(_("minutes published by"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancelled_by = _person(_("cancelled by"))
    notes = models.TextField(_("general note"), blank=True, max_length=20000)
    notes_version = models.PositiveIntegerField(default=0)
    #: Answers to the series' before and after questions: [{"question": ..., "answer": ...}, ...].
    before_answers = models.JSONField(default=list, blank=True)
    after_answers = models.JSONField(default=list, blank=True)
    #: Counters for slf.conflicts: two people filling in the same part see both versions.
    before_answers_version = models.PositiveIntegerField(default=0, editable=False)
    after_answers_version = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["series", "starts_at"])]
        constraints = [
            date_bounds("starts_at", "meeting_starts_at_in_bounds", moment=True),
            date_bounds("ends_at", "meeting_ends_at_in_bounds", moment=True),
            date_bounds("scheduled_for", "meeting_scheduled_for_in_bounds"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.UniqueConstraint(fields=["series", "scheduled_for"], name="meeting_once_per_scheduled_date"),
        ]

    def __str__(self):
        return self.title or self.series.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("meetings:meeting-detail", args=[self.pk])

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def timetable(self, items) -> None:
        """Put ``slot_start`` and ``slot_end`` on each of ``items`` (in agenda order): clock times from the
        meeting's planned start, one time box after the other (10:00–10:15, 10:15–10:40 …)."""
        from datetime import timedelta

        at = self.starts_at
        for item in items:
            item.slot_start, at = at, at + timedelta(minutes=item.duration_minutes)
            item.slot_end = at

    # The lifecycle (TRANSITIONS) ---------------------------------------------------------------------------

    def may(self, action: str) -> bool:
        """Whether the state allows ``action`` now (one of TRANSITIONS); templates use the named ones below."""
        return _refusal(action, self) is None

    def _move(self, action: str, fields: dict) -> None:
        reason = _refusal(action, self)
        if reason is not None:
            raise TransitionRefused(reason)
        self.status = TRANSITIONS[action][1]
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields])

    def circulate_agenda(self, by) -> None:
        """The agenda goes out (again); the first time is kept as when it was circulated."""
        from django.utils import timezone

        if self.agenda_circulated_at is None:
            fields = {"agenda_circulated_at": timezone.now(), "agenda_circulated_by": by}
        else:
            fields = {}
        self._move("circulate_agenda", fields)

    def start(self, by) -> None:
        """The meeting begins (the room view's button): minutes and attendance from now on, agenda fixed."""
        from django.utils import timezone

        self._move("start", {"started_at": timezone.now(), "started_by": by})

    def finish(self, by) -> None:
        """The meeting is held (ended in the room, or attendance recorded for a meeting held without it)."""
        from django.utils import timezone

        self._move("finish", {"held_at": timezone.now(), "held_by": by})

    def publish_minutes(self, by) -> None:
        """The minutes become the record; a meeting not yet ended counts as held now."""
        from django.utils import timezone

        now = timezone.now()
        fields = {"minutes_published_at": now, "minutes_published_by": by}
        if self.held_at is None:
            fields.update(held_at=now, held_by=by)
        self._move("publish_minutes", fields)

    def cancel(self, by, reason: str) -> None:
        from django.utils import timezone
        from django.utils.translation import gettext

        reason = (reason or "").strip()
        if not reason or len(reason) > 300:
            raise MeetingError(gettext("Write a short reason for cancelling (at most 300 characters)."))
        fields = {"cancelled_reason": reason, "cancelled_at": timezone.now(), "cancelled_by": by}
        self._move("cancel", {**fields, "sequence": self.sequence + 1})

    # What each state allows -------------------------------------------------------------------------------

    @property
    def is_before(self) -> bool:
        return self.status in BEFORE

    @property
    def is_in_progress(self) -> bool:
        return self.status == MeetingStatus.IN_PROGRESS

    def can_edit_agenda(self) -> bool:
        """Items are added, edited, reordered and removed only before the meeting starts."""
        return self.status in BEFORE

    def next_agenda_position(self) -> int:
        """The position after the agenda's last item (1 for an empty agenda)."""
        return (self.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1

    def takes_comments(self, now=None) -> bool:
        """Participants comment on the agenda before the meeting begins."""
        from django.utils import timezone

        return self.status in BEFORE and self.starts_at > (now or timezone.now())

    def can_take_minutes(self) -> bool:
        """Minutes (and agreements at the items) can be written in every state but cancelled; who may is the
        access rule's business (meetings.services.can_write_minutes)."""
        return self.status != MeetingStatus.CANCELLED

    def can_record_attendance(self) -> bool:
        return self.status != MeetingStatus.CANCELLED

    def can_carry_items(self) -> bool:
        """Items can be moved or copied to the next meeting, or sent back to the backlog, once it is under way."""
        return self.status in (MeetingStatus.IN_PROGRESS, MeetingStatus.HELD)

    def can_start(self) -> bool:
        return self.may("start")

    def can_finish(self) -> bool:
        return self.status == MeetingStatus.IN_PROGRESS

    def can_publish_minutes(self) -> bool:
        return self.may("publish_minutes")

    def can_cancel(self) -> bool:
        return self.may("cancel")


class AgendaItemKind(models.TextChoices):
    TALK = "talk", _("talk")
    EXERCISE = "exercise", _("exercise")
    DIALOGUE = "dialogue", _("dialogue")
    DECISION = "decision", _("decision")
    INFORMATION = "information", _("information")
    SPARRING = "sparring", _("sparring")
    FOLLOW_UP = "follow_up", _("follow-up")


@pghistory.track()
class AgendaItem(Versioned):
    """``version`` guards the item's title, description and the rest; ``minutes_version`` its minutes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.DIALOGUE)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("time-box (minutes)"), default=15)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    minutes_version = models.PositiveIntegerField(default=0)
    #: The item of an earlier meeting this one continues (moved or copied there); its open agreements show here.
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to", editable=False
    )
    #: Set on the original when the item was moved on (not dealt with here): "moved to the next meeting".
    moved_on = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="agenda_item_duration_positive"),
        ]

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person")]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"


@pghistory.track()
class MeetingGuest(models.Model):
    """A guest without an account at a meeting: a contact of a decentral unit (e.g. its administrative leader).

    ``status`` is empty while the guest is invited and their attendance not yet recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests", verbose_name=_("meeting"))
    contact = models.ForeignKey(
        "offices.UnitContact", on_delete=models.CASCADE, related_name="meeting_visits", verbose_name=_("guest")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices, blank=True)

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["meeting", "contact__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contact"], name="meeting_guest_once"),
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=AttendanceStatus.values), name="meeting_guest_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.contact} · {self.meeting}"


class AgendaComment(models.Model):
    """A participant's comment on an agenda item before the meeting (refused once it is held)."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="comments", verbose_name=_("agenda item")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="agenda_comment_not_empty")]

    def __str__(self):
        return self.text[:50]


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("on an agenda")
    DECLINED = "declined", _("declined")


class TopicProposal(models.Model):
    """A topic proposed for a coming meeting; unused proposals stay in the series' backlog."""

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("series")
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why and what"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("supported by")
    )

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="proposal_declined_with_reason"
            ),
        ]

    def __str__(self):
        return self.title
