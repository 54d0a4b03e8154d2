"""Visible limits on text: the browser never cuts a text silently, the server refuses one that is too long.

Django gives every ``CharField`` with ``max_length`` a ``maxlength`` attribute, and a browser then cuts a
pasted text at the limit without a word: the end of a long minutes text was simply gone. ``VisibleLimitsMixin``
(or ``visible_limit`` on one field) takes that attribute away and puts ``data-max-length`` in its place:

- ``static/js/limits.js`` shows "N characters left" under the field once the text nears the limit (and
  "N characters too many" past it), and says it to screen readers when the person pauses;
- the server refuses a longer text with a message next to the field that says how long it is and what the
  limit is; the form keeps the whole text, nothing is cut and nothing is saved.

A template that writes a textarea by hand writes ``data-max-length="N"`` itself, never ``maxlength``.
"""

from django import forms
from django.utils.translation import ngettext_lazy

TOO_LONG = ngettext_lazy(
    "The text is too long: %(show_value)d characters, at most %(limit_value)d character. "
    "Shorten it; nothing was cut off or saved.",
    "The text is too long: %(show_value)d characters, at most %(limit_value)d characters. "
    "Shorten it; nothing was cut off or saved.",
    "limit_value",
)


def visible_limit(field: forms.Field) -> forms.Field:
    """The field's limit as ``data-max-length`` (no ``maxlength``), and the refusal message that says it."""
    limit = getattr(field, "max_length", None)
    if limit:
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-max-length"] = str(limit)
        field.error_messages = {**field.error_messages, "max_length": TOO_LONG}
    return field


class VisibleLimitsMixin:
    """Every text field of the form with a maximum length shows its limit instead of cutting the text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            visible_limit(field)
