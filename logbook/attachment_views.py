"""Upload, download and remove attachments; every file goes through an office check, never a public URL."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from offices.access import LEADING_ROLES, get_office_access

from .attachments import AttachmentForm
from .models import Attachment, Entry, LearningCircle, PhaseCard


def _error_page(request, access, form, back, status=400):
    return render(
        request, "logbook/attachment_form.html", {"office": access.office, "form": form, "back": back}, status=status
    )


@require_POST
def entry_attachment_create(request, slug, pk):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    entry = Entry.objects.filter(office=access.office, pk=pk).first()
    if entry is None:
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _error_page(request, access, form, entry.get_absolute_url())
    attachment = form.save(office=access.office, uploaded_by=request.user, entry=entry)
    messages.success(request, _("“%(name)s” was attached.") % {"name": attachment.name})
    return redirect(entry.get_absolute_url() + "#attachments")


@require_POST
def card_attachment_create(request, slug, pk):
    """Attach data to the circle's current phase record."""
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    circle = LearningCircle.objects.filter(office=access.office, pk=pk).select_related("office").first()
    if circle is None:
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _error_page(request, access, form, circle.get_absolute_url())
    card, _created = PhaseCard.objects.get_or_create(circle=circle, phase_id=circle.phase_id, loop=circle.loop)
    attachment = form.save(office=access.office, uploaded_by=request.user, card=card)
    messages.success(request, _("“%(name)s” was attached.") % {"name": attachment.name})
    return redirect(circle.get_absolute_url() + "#card")


def _attachment(access, pk) -> Attachment:
    attachment = (
        Attachment.objects.filter(office=access.office, pk=pk).select_related("entry", "card__circle__office").first()
    )
    if attachment is None:
        raise Http404
    return attachment


@require_GET
def attachment_download(request, slug, pk):
    """Served only to members of the office (and its heads of administration), with its checked content type."""
    access = get_office_access(request.user, slug)
    attachment = _attachment(access, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def attachment_delete(request, slug, pk):
    access = get_office_access(request.user, slug, roles=LEADING_ROLES)
    attachment = _attachment(access, pk)
    back = (
        attachment.entry.get_absolute_url() + "#attachments"
        if attachment.entry_id
        else attachment.card.circle.get_absolute_url() + "#card"
    )
    storage, stored_name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        # The file goes only once the row is gone for good: a rolled-back delete keeps both.
        transaction.on_commit(lambda: storage.delete(stored_name))
    messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.name})
    return redirect(back)
