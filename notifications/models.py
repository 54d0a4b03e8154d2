"""One Delivery per e-mail and recipient: what was queued, for whom, about what, and what became of it."""

import base64

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from slf import mail

from .choices import CHOSEN, Channel, Kind


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class DeliveryQuerySet(models.QuerySet):
    def about(self, obj):
        """The deliveries about ``obj`` (joined on the content type by name: no lookup query of its own)."""
        return self.filter(
            content_type__app_label=obj._meta.app_label, content_type__model=obj._meta.model_name, object_id=obj.pk
        )

    def counts_by_kind(self) -> list[dict]:
        """``[{"kind", "waiting", "sent", "failed"}]``, one row per kind, counted in one query."""
        return list(
            self.order_by()
            .values("kind")
            .annotate(
                waiting=Count("pk", filter=Q(status=DeliveryStatus.WAITING)),
                sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
                failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            )
            .order_by("kind")
        )


class Delivery(models.Model):
    """An e-mail to one person, rendered in their language when it was queued, sent by the queue's job.

    ``waiting`` until the job sent it (``sent``, with ``sent_at``) or gave up after the last try
    (``failed``, with the reason in ``last_error``); a failed one can be queued again (``outbox.retry``).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
    )
    to = models.CharField(_("address"), max_length=320)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    #: ``[{"filename", "mimetype", "content", "base64"}]``: text as it is, bytes that are not UTF-8 in base64.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    job_id = models.BigIntegerField(_("job"), null=True, blank=True, help_text=_("The queue's latest job for it."))
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="delivery_about_status"),
            models.Index(fields=["status", "created_at"], name="delivery_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DeliveryStatus.SENT, sent_at__isnull=False)
                | (~Q(status=DeliveryStatus.SENT) & Q(sent_at__isnull=True)),
                name="delivery_sent_at_iff_sent",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to} ({self.get_status_display()})"

    @staticmethod
    def stored_attachment(filename: str, content, mimetype: str) -> dict:
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8")
            except UnicodeDecodeError:
                return {
                    "filename": filename,
                    "mimetype": mimetype,
                    "content": base64.b64encode(content).decode("ascii"),
                    "base64": True,
                }
        return {"filename": filename, "mimetype": mimetype, "content": content, "base64": False}

    def message(self):
        """The e-mail to send (``slf.mail.message``: one-line subject, clean address)."""
        attachments = [
            (
                item["filename"],
                base64.b64decode(item["content"]) if item.get("base64") else item["content"],
                item["mimetype"],
            )
            for item in self.attachments
        ]
        return mail.message(self.subject, self.body, [self.to], attachments=attachments)


@pghistory.track()
class NotificationChoice(models.Model):
    """How one person wants one kind of mail (``choices.channel``); a kind without a row takes the default."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_choices",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=[(k.value, k.label) for k in CHOSEN])
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("e-mail choice")
        verbose_name_plural = _("e-mail choices")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notification_choice_unique"),
            models.CheckConstraint(condition=Q(kind__in=[k.value for k in CHOSEN]), name="notification_choice_kind"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="notification_choice_channel"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} {self.get_channel_display()}"


class DigestItemQuerySet(models.QuerySet):
    def pending(self, period: str, at=None):
        """Items waiting for the ``period`` ("daily"/"weekly") digest, created up to ``at``."""
        items = self.filter(period=period, sent_at__isnull=True)
        return items.filter(created_at__lte=at) if at is not None else items


class DigestItem(models.Model):
    """One line of a coming digest: what happened (a summary in the person's language, written when it
    happened) and a link. ``sent_at`` and ``digest`` are set in the transaction that queues the digest."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="digest_items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period = models.CharField(
        _("digest"),
        max_length=10,
        choices=[(Channel.DAILY, Channel.DAILY.label), (Channel.WEEKLY, Channel.WEEKLY.label)],
    )
    summary = models.CharField(_("summary"), max_length=250)
    link = models.CharField(_("link"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("happened"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent in a digest"), null=True, blank=True)
    digest = models.ForeignKey(
        Delivery,
        verbose_name=_("digest e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )

    objects = DigestItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["period", "person"], condition=Q(sent_at__isnull=True), name="digest_item_pending"),
        ]

    def __str__(self):
        return self.summary
