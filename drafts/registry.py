"""The form fields that keep a draft, registered by the domain apps in their ``AppConfig.ready()``.

drafts sits below the domain apps, so it cannot ask them who may edit what; each app registers its long
text fields with a loader that fetches the object through its own access rule::

    register_draftable(AgendaItem, "minutes", load_item_for_minutes, max_length=20000,
                       version_field="minutes_version")

``load(user, pk)`` returns the object the person may edit, raises Http404 when it is outside their offices
and PermissionDenied when they lack the role: exactly what the edit view itself would do. A key names the
model, the object and the field: ``"meetings.agendaitem:42:minutes"``. An unknown or malformed key is a 404.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class Draftable:
    label: str  # "meetings.agendaitem"
    field: str
    load: Callable
    max_length: int
    version_field: str
    saved_text: Callable | None = None

    def saved(self, obj):
        """The saved text the draft is of (None where it can't be read off the object)."""
        if self.saved_text is not None:
            return self.saved_text(obj)
        return getattr(obj, self.field, None)


_draftables: dict[tuple[str, str], Draftable] = {}

KEY = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+):(?P<pk>[1-9][0-9]{0,17}):(?P<field>[a-z_]+)$")


def register_draftable(
    model: type[models.Model],
    field: str,
    load: Callable,
    *,
    max_length: int,
    version_field: str = "version",
    saved_text: Callable | None = None,
) -> None:
    """``saved_text(obj)`` reads the saved text where ``field`` is not an attribute of the object."""
    label = model._meta.label_lower
    _draftables[(label, field)] = Draftable(label, field, load, max_length, version_field, saved_text)


def key_for(obj: models.Model, field: str) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}:{field}"


def draftable_for(key: str) -> tuple[Draftable, int]:
    """The registered field a key names, and the object's pk; 404 for anything else."""
    match = KEY.match(key or "")
    draftable = match and _draftables.get((match["label"], match["field"]))
    if not draftable:
        raise Http404
    return draftable, int(match["pk"])


def resolve(user, key: str):
    """The registered field and the object it belongs to, if ``user`` may edit it (404 / 403 otherwise)."""
    draftable, pk = draftable_for(key)
    obj = draftable.load(user, pk)
    if obj is None:
        raise Http404
    return draftable, obj
