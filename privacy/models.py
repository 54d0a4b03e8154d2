"""What the privacy duties keep: the retention overrides, the access log and a person's departure."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offices.models import Administration, Office


class RecordKind(models.TextChoices):
    """The kinds of record a retention rule is about (privacy/retention.py says what each one is)."""

    ENTRIES = "entries", _("logbook entries and agreements")
    MINUTES = "minutes", _("meetings with their minutes")
    REFLECTIONS = "reflections", _("visit reflections")
    QUESTIONS = "questions", _("questions and answers")
    ATTACHMENTS = "attachments", _("attachments")
    MEASURES = "measures", _("measure values")
    HISTORY = "history", _("change history")
    ACCESS_LOG = "access_log", _("access log")
    CAFE_REGISTRATIONS = "cafe_registrations", _("registrations for past café meetings")
    CLARIFICATIONS = "clarifications", _("competence clarifications (self-assessments and dialogue notes)")
    EVALUATIONS = "evaluations", _("bootcamp evaluations (anonymised: the free text removed, the scores kept)")


#: Kinds that belong to an office, so an administration may set its own rule for them.
OFFICE_KINDS = [kind for kind in RecordKind if kind not in (RecordKind.HISTORY, RecordKind.ACCESS_LOG)]


class Action(models.TextChoices):
    DELETE = "delete", _("delete")
    ANONYMISE = "anonymise", _("anonymise (keep the record, remove the people)")
    KEEP = "keep", _("keep (archive)")


@pghistory.track()
class RetentionRule(models.Model):
    """An administration's own rule for one kind of record, instead of the default in the settings."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="retention_rules", verbose_name=_("administration")
    )
    kind = models.CharField(_("kind of record"), max_length=20, choices=[(k.value, k.label) for k in OFFICE_KINDS])
    action = models.CharField(_("at the deadline"), max_length=10, choices=Action.choices)
    days = models.PositiveIntegerField(_("kept for (days)"), help_text=_("Counted from the record's date."))

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["administration", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["administration", "kind"], name="retention_rule_one_per_kind"),
            models.CheckConstraint(condition=models.Q(action__in=Action.values), name="retention_rule_action_valid"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in OFFICE_KINDS]), name="retention_rule_kind_valid"
            ),
            models.CheckConstraint(condition=models.Q(days__gte=1), name="retention_rule_days_positive"),
        ]

    def __str__(self):
        return f"{self.administration} · {self.get_kind_display()}"

    def clean(self):
        if self.kind == RecordKind.REFLECTIONS and self.action == Action.ANONYMISE:
            raise ValidationError(
                {"action": _("A reflection belongs to its visit and its two people: it is deleted or kept.")}
            )
        if self.kind in (RecordKind.CAFE_REGISTRATIONS, RecordKind.CLARIFICATIONS) and self.action == Action.ANONYMISE:
            raise ValidationError({"action": _("This record is about one person throughout: it is deleted or kept.")})


class AccessPage(models.TextChoices):
    VISIT = "visit", _("a visit and its reflections")
    PERSON = "person", _("a person's booking page and what they can be asked about")
    DATA_REQUEST = "data_request", _("a person's data (data protection officer)")
    EXPORT = "export", _("export of a person's data")
    SEARCH = "search", _("the people search (among the colleagues found)")


class AccessLogEntry(models.Model):
    """Who opened a page about a person, and when (GDPR art. 15 as read in CJEU C-579/21). One insert per page."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("opened by")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("about")
    )
    page = models.CharField(_("page"), max_length=20, choices=AccessPage.choices)
    path = models.CharField(_("address"), max_length=200)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="accesslog_person_at")]
        permissions = [("serve_data_requests", _("Data protection officer: exports a person's data, reads the log"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.viewer} → {self.person}"


@pghistory.track()
class Departure(models.Model):
    """A person leaving an office: who ended it, to whom their open work went, and when they are anonymised."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="departures", verbose_name=_("person")
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="departures", verbose_name=_("office"))
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("handed over to")
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ended by")
    )
    ended_at = models.DateTimeField(_("ended"), default=timezone.now)
    #: What was handed over, counted per kind (agreements, questions, procedures, templates).
    handed_over = models.JSONField(_("handed over"), default=dict)
    #: Set when the person has no membership left: the day after which they are anonymised.
    anonymise_after = models.DateField(_("anonymised after"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("departure")
        verbose_name_plural = _("departures")
        ordering = ["-ended_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(person=models.F("successor")), name="departure_not_to_self"),
        ]

    def __str__(self):
        return f"{self.person} · {self.office}"
