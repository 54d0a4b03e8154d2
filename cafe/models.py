"""Open café meetings across the municipality (Billund's Økonomi og Personale).

A café programme (``programmes.Programme`` of kind café, open) has one meeting series of kind café in its owner
office (``CafeSeries``), so its meetings keep the meetings app's agenda, minutes, attendance and history. Each café
meeting (``CafeMeeting``) adds what an open meeting needs: whether it is published (seen by everybody with a place
in the organisation), its capacity, the registrations with their waiting list in order, and the presentations'
material. The rules live in ``cafe/services.py`` (registering, cancelling, moving up) and on these models.
"""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import BEFORE, AgendaItem, Meeting, MeetingSeries
from offices.models import Office
from programmes.models import Programme

#: A café meeting holds this many at most (a town hall).
MAX_CAPACITY = 1000


class CafeSeries(models.Model):
    """The meeting series of kind café that keeps a café programme's meetings (one per programme)."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="cafe_series")
    series = models.OneToOneField(MeetingSeries, on_delete=models.CASCADE, related_name="cafe_series")

    class Meta:
        verbose_name = _("café series")
        verbose_name_plural = _("café series")

    def __str__(self):
        return str(self.programme)


class CafeMeetingQuerySet(models.QuerySet):
    def visible_to(self, access):
        """What a person sees of a programme's café meetings: leads everything, others the published ones."""
        found = self.filter(programme=access.programme)
        return found if access.is_lead else found.filter(published_at__isnull=False)

    def with_counts(self):
        """Each with ``registered_count`` and ``waiting_count`` (one query for a list)."""
        return self.annotate(
            registered_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
            waiting_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
        )


@pghistory.track()
class CafeMeeting(models.Model):
    """A meeting of the café series with what an open meeting needs: published or not, capacity, registrations."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cafe_meetings")
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="cafe")
    capacity = models.PositiveIntegerField(
        _("places"), default=50, help_text=_("How many can take part; the rest go on the waiting list.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = CafeMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("café meeting")
        verbose_name_plural = _("café meetings")
        ordering = ["meeting__starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY), name="cafe_meeting_capacity_sensible"
            ),
        ]

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return reverse("cafe:meeting", args=[self.programme.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def takes_registrations(self, now=None) -> bool:
        """Open for signing up and cancelling: published, not cancelled or held, and not yet begun."""
        return self.is_published and self.meeting.status in BEFORE and self.meeting.starts_at > (now or timezone.now())

    def publish(self, by) -> None:
        if self.published_at is None:
            self.published_at = timezone.now()
            self.published_by = by
            self.save(update_fields=["published_at", "published_by"])


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")


@pghistory.track()
class Registration(models.Model):
    """One person signed up for a café meeting: with a place, or on the waiting list (in the order of
    ``queued_at``). Cancelling deletes the row (the history keeps it); signing up again queues anew."""

    cafe_meeting = models.ForeignKey(CafeMeeting, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cafe_registrations", verbose_name=_("person")
    )
    #: Where the person stood when signing up (for "offices and administrations represented").
    office = models.ForeignKey(Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField(_("signed up"), default=timezone.now)
    moved_up_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    #: Recorded by a lead after the meeting: True came, False did not come, None not recorded yet.
    attended = models.BooleanField(_("came"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["cafe_meeting", "queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cafe_meeting", "person"], name="cafe_registration_once_per_person"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="cafe_registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True) | Q(status=RegistrationStatus.REGISTERED),
                name="cafe_only_registered_attend",
            ),
        ]
        indexes = [models.Index(fields=["cafe_meeting", "status", "queued_at"])]

    def __str__(self):
        return f"{self.person} · {self.get_status_display()}"


def _material_path(instance, filename):
    # The stored name is random: the original name is kept in ``name`` and never used as a path.
    return f"cafe/{instance.cafe_meeting_id}/{uuid.uuid4().hex}"


@pghistory.track()
class Material(models.Model):
    """A presentation's material kept with the café meeting: a file (checked like every attachment) or a link,
    for the meeting or one of its agenda items."""

    cafe_meeting = models.ForeignKey(CafeMeeting, on_delete=models.CASCADE, related_name="material")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cafe_material",
        verbose_name=_("presentation"),
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(upload_to=_material_path, max_length=200, blank=True)
    name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("material")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="cafe_material_file_or_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)
