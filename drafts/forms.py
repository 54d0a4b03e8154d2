"""Opting a textarea in: ``offer_draft(form, "text", request, key)`` in the form's view (or __init__).

It gives the field's widget the attributes static/js/drafts.js looks for (``data-draft-key`` and the save
URL), and the notice and status under the textarea. When the form is shown unbound and the person has a
draft that differs from the saved text, the field shows the draft and the form's hidden version becomes the
one the draft was based on: saving it goes through the conflict check like any other save, so another
person's newer text is shown side by side, never overwritten.
"""

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse

from .models import Draft
from .registry import key_for


class DraftTextarea(forms.Textarea):
    """A textarea with the draft notice ("you have an unsaved draft from 10:42") and the save status."""

    template_name = "drafts/textarea.html"
    draft_state = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["draft"] = self.draft_state
        return context


class DraftState:
    """What the templates need: the key, the URLs, the restored draft (or None) and where to return."""

    def __init__(self, key: str, draft: Draft | None, back: str):
        self.key = key
        self.draft = draft
        self.back = back
        self.save_url = reverse("drafts:save", kwargs={"key": key})
        self.discard_url = reverse("drafts:discard", kwargs={"key": key})


def draft_attrs(state: DraftState, user) -> dict:
    attrs = {"data-draft-key": state.key, "data-draft-url": state.save_url, "data-draft-owner": str(user.pk)}
    if state.draft is not None:
        attrs["data-draft-restored"] = state.draft.updated_at.isoformat()
    return attrs


def offer_draft(
    form: forms.BaseForm, field_name: str, request, key: str, *, version_field: str = "version", restore: bool = True
):
    """Opt ``form[field_name]`` in to drafts under ``key``; restore the person's draft into an unbound form.

    ``restore=False`` where the form already holds the person's text (the conflict view after a save)."""
    draft = None
    if restore and not form.is_bound:
        draft = Draft.objects.of(request.user, key).first()
        saved = form.initial.get(field_name)
        if saved is None:
            saved = form.fields[field_name].initial
        if draft is not None and draft.text == (saved or ""):
            draft = None  # nothing the saved text doesn't already hold
        if draft is not None:
            form.initial[field_name] = draft.text
            if draft.base_version is not None and version_field in form.fields:
                form.initial[version_field] = draft.base_version
    htmx = getattr(request, "htmx", None)
    # Where "Discard draft" returns: the page the person is on (for an htmx fragment, the page around it).
    back = (htmx.current_url_abs_path if htmx else None) or request.get_full_path()
    state = DraftState(key, draft, back)
    field = form.fields[field_name]
    widget = field.widget
    if not isinstance(widget, DraftTextarea):
        widget = DraftTextarea(attrs=dict(widget.attrs))
        field.widget = widget
    widget.draft_state = state
    widget.attrs.update(draft_attrs(state, request.user))
    if form.is_bound or not restore:
        widget.attrs["data-draft-unsaved"] = "1"  # shown again after a refused save: still not saved
    # For a template that writes the textarea by hand: {{ form.draft_states.text.html_attrs }}.
    state.html_attrs = flatatt({k: v for k, v in widget.attrs.items() if k.startswith("data-draft")})
    form.draft_states = {**getattr(form, "draft_states", {}), field_name: state}
    return state


def clear_draft(user, key: str) -> None:
    """The real form was saved: the person's draft for it is done with."""
    Draft.objects.of(user, key).delete()


def attach_drafts(user, pairs) -> None:
    """Give each ``(obj, field)`` the person's draft of it as ``obj.<field>_draft`` (None if none), in one query:
    a page that lists texts (the meeting's minutes) can say "you have an unsaved draft" before the form opens."""
    pairs = list(pairs)
    keys = {key_for(obj, field): (obj, field) for obj, field in pairs}
    found = {d.key: d for d in Draft.objects.filter(person=user, key__in=list(keys))} if keys else {}
    for key, (obj, field) in keys.items():
        draft = found.get(key)
        setattr(obj, f"{field}_draft", draft if draft is not None and draft.text != getattr(obj, field, None) else None)
