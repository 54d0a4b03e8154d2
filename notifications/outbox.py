"""The one way the product sends e-mail.

``send(kind, people, template_prefix, context, about=…, attachments=…)`` asks each person's choice
(``choices.channel``), renders ``<template_prefix>_subject.txt`` and ``_body.txt`` in the person's language,
stores one ``Delivery`` per recipient and defers one queue job per delivery, all in the caller's
transaction: the meeting is circulated if and only if its mails are queued, and a rollback leaves neither.
Nothing is sent in the request; the worker's job (``tasks.deliver``) sends, retries with backoff when the
mail server fails and marks the delivery failed, with the reason, after the last try.

Jobs are always deferred on Django's own database connection (not the worker's pool), so they join the
transaction of the change that causes them wherever ``send`` runs: in a request or inside another job.
"""

from django.conf import settings
from django.db import transaction
from django.template import Context, Engine
from django.template.backends.django import get_installed_libraries
from django.utils import timezone, translation
from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django.django_connector import DjangoConnector

from slf.mail import clean_header

from .choices import DIGESTS, Channel, Kind, channel, load
from .models import Delivery, DeliveryStatus

#: The job queue, on Django's connection and hence inside the current transaction.
_jobs = manager.JobManager(DjangoConnector())
_engine = None


def _text_engine() -> Engine:
    """Templates for plain-text mail: found like every template, but never HTML-escaped (``&`` stays ``&``)."""
    global _engine
    if _engine is None:
        _engine = Engine(
            dirs=[str(path) for path in settings.TEMPLATES[0]["DIRS"]],
            app_dirs=True,
            autoescape=False,
            libraries=get_installed_libraries(),
            builtins=settings.TEMPLATES[0]["OPTIONS"].get("builtins", []),  # the same built-in filters as pages
        )
    return _engine


def render(template_prefix: str, context: dict, person) -> tuple[str, str]:
    """Subject (one clean line) and body of ``template_prefix`` for ``person``, in their language."""
    engine = _text_engine()
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        values = Context({**context, "person": person, "site_url": settings.SITE_URL})
        subject = engine.get_template(f"{template_prefix}_subject.txt").render(values)
        body = engine.get_template(f"{template_prefix}_body.txt").render(values)
    return clean_header(subject), body


class Sent(list):
    """The Deliveries queued at once (a list, as before), and ``digested``: how many people get it in their
    daily or weekly digest instead."""

    digested = 0


def send(kind, people, template_prefix: str, context: dict | None = None, *, about=None, attachments=(), link=""):
    """Queue ``kind`` mail to each of ``people`` as each chose (``choices.channel``): at once a Delivery and its
    job; in a digest a DigestItem (the subject as its line, ``link`` or the page of ``about``), sent by
    ``digests.send_due``; never nothing. Returns the queued Deliveries (``Sent``, with ``digested``).

    ``attachments``: ``(filename, content, mimetype)`` tuples, or a function of the person returning them
    (only mail sent at once carries them).
    ``about``: the object the mail is about (a meeting, a visit, …), counted on its page.
    """
    from .models import DigestItem

    people = list(people)
    load(people)
    deliveries, items = Sent(), []
    for person in people:
        how = channel(person, kind)
        if how == Channel.NEVER:
            continue
        subject, body = render(template_prefix, context or {}, person)
        if how in DIGESTS:
            items.append(
                DigestItem(kind=kind, person=person, period=how, summary=subject, link=_link(link, about), about=about)
            )
            continue
        files = attachments(person) if callable(attachments) else attachments
        deliveries.append(
            Delivery(
                kind=kind,
                recipient=person,
                to=clean_header(person.email, 320),
                subject=subject,
                body=body,
                attachments=[Delivery.stored_attachment(*item) for item in files],
                about=about,
            )
        )
    if deliveries or items:
        with transaction.atomic():
            if deliveries:
                Delivery.objects.bulk_create(deliveries)
                _queue(deliveries)
            DigestItem.objects.bulk_create(items)
    deliveries.digested = len(items)
    return deliveries


def _link(link: str, about) -> str:
    if not link and about is not None and hasattr(about, "get_absolute_url"):
        link = about.get_absolute_url()
    if link.startswith("/"):
        link = settings.SITE_URL.rstrip("/") + link
    return link[:500]


def _queue(deliveries: list[Delivery]) -> None:
    from .tasks import deliver  # the task module imports this one

    deferrer = procrastinate_tasks.configure_task(name=deliver.name, job_manager=_jobs, queue=deliver.queue)
    job_ids = deferrer.batch_defer(*({"delivery_id": delivery.pk} for delivery in deliveries))
    for delivery, job_id in zip(deliveries, job_ids, strict=True):
        delivery.job_id = job_id
    Delivery.objects.bulk_update(deliveries, ["job_id"])


def retry(deliveries) -> int:
    """Queue failed deliveries again (a new job with all its tries). Returns how many."""
    with transaction.atomic():
        failed = list(deliveries.select_for_update().filter(status=DeliveryStatus.FAILED))
        if failed:
            Delivery.objects.filter(pk__in=[d.pk for d in failed]).update(status=DeliveryStatus.WAITING)
            _queue(failed)
    return len(failed)


def deliver(delivery_id: int, gives_up) -> Delivery | None:
    """Send one waiting delivery (the job's work). On failure the error is recorded and raised again for the
    queue to retry; ``gives_up(error)`` says whether this was the last try, which marks it failed.

    The row is locked while sending, so two jobs for one delivery (a stalled job retried while its first
    worker still runs) send it once: the second waits, then finds it sent.
    """
    error = None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None or delivery.status != DeliveryStatus.WAITING:
            return delivery
        delivery.attempts += 1
        try:
            delivery.message().send()
        except Exception as exc:
            error = exc
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if gives_up(exc):
                delivery.status = DeliveryStatus.FAILED
        else:
            delivery.status = DeliveryStatus.SENT
            delivery.sent_at = timezone.now()
        delivery.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    if error is not None:
        raise error
    return delivery


def summary(obj) -> list[dict]:
    """Per kind of mail about ``obj``: how many are waiting, sent and failed (one query)."""
    return Delivery.objects.about(obj).counts_by_kind()


def status(obj, page_url: str = "", retry_url: str = "") -> dict | None:
    """What became of the mail about ``obj``, for its page: counts per kind and in all, the failed ones (at
    most ten, with the reason), the page to look again and where to post to queue them again. None when no
    mail was queued."""
    rows = summary(obj)
    if not rows:
        return None
    for row in rows:
        row["label"] = Kind(row["kind"]).label
    failed = sum(row["failed"] for row in rows)
    return {
        "rows": rows,
        "sent": sum(row["sent"] for row in rows),
        "waiting": sum(row["waiting"] for row in rows),
        "failed": failed,
        "failed_list": (
            list(Delivery.objects.about(obj).filter(status=DeliveryStatus.FAILED).select_related("recipient")[:10])
            if failed
            else []
        ),
        "page_url": page_url,
        "retry_url": retry_url,
    }
