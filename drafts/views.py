"""Saving and discarding one's own draft. The key's object is fetched through the registered loader (the
edit view's own access rule): 404 outside the person's offices or for a key that names nothing, 403
without the right to edit it."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from slf.input import next_url

from .models import Draft
from .registry import resolve


class DraftSaveForm(forms.Form):
    text = forms.CharField(required=False, strip=False)
    version = forms.IntegerField(required=False, min_value=0)


@require_POST
def draft_save(request, key):
    """Store the person's text for one field (called by static/js/drafts.js while they type)."""
    draftable, obj = resolve(request.user, key)
    form = DraftSaveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The draft could not be read."))
    text = form.cleaned_data["text"]
    if len(text.replace("\r\n", "\n")) > draftable.max_length:
        return JsonResponse({"error": "too-long", "max_length": draftable.max_length}, status=400)
    now = timezone.now()
    if text == draftable.saved(obj):
        # Nothing the saved record doesn't hold (e.g. a late draft arriving just after the form was saved).
        Draft.objects.of(request.user, key).delete()
        return JsonResponse({"saved_at": time_format(timezone.localtime(now), "H:i")})
    version = form.cleaned_data["version"]
    if version is None:
        version = getattr(obj, draftable.version_field, None)
    Draft.objects.update_or_create(
        person=request.user, key=key, defaults={"text": text, "base_version": version, "updated_at": now}
    )
    return JsonResponse({"saved_at": time_format(timezone.localtime(now), "H:i")})


@require_POST
def draft_discard(request, key):
    """Throw one's draft away and go back to the form, which then shows the saved text (works without JS)."""
    _draftable, obj = resolve(request.user, key)
    Draft.objects.of(request.user, key).delete()
    fallback = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    target = next_url(request, fallback)
    messages.info(request, _("The draft was discarded; the form shows the saved text."))
    if request.htmx:
        return HttpResponseClientRedirect(target)
    return redirect(target)
