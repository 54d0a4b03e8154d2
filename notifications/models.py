"""One Delivery per e-mail and recipient: what was queued, for whom, about what, and what became of it."""

import base64

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from slf import mail

from .choices import Kind


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
