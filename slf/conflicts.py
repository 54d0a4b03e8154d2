"""Texts two people can edit: the second save shows both versions instead of losing one.

One rule for every app. A versioned row carries a counter (``version`` by default, ``Versioned`` adds it).
The edit form sends the version the person read in a hidden field (``VersionedFormMixin``).
``save_unless_changed`` locks the row, compares the stored version with the one read, and either saves
(the counter goes up by one) or returns a ``Conflict`` with both texts and who saved the stored one, when.
``templates/_conflict.html`` shows it; the form then carries the stored version, so saving again keeps the
person's (merged) text deliberately, and "keep the saved text" simply leaves.

A form without the hidden field (an old tab, a script) is saved as before: the check needs the version read.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from slf.http import invalid_form_status


def conflict_status(request) -> int:
    """The project's status for a form re-rendered after a conflict: 409 for a plain post, 200 for htmx."""
    return invalid_form_status(request, plain=409)


class Versioned(models.Model):
    """Adds the counter ``save_unless_changed`` compares."""

    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        abstract = True


@dataclass
class ConflictText:
    label: str
    mine: str
    theirs: str

    @property
    def changed(self) -> bool:
        return self.mine != self.theirs


@dataclass
class Conflict:
    """Someone saved in between. ``version`` is the stored one: a form carrying it may replace their text."""

    texts: list[ConflictText]
    version: int
    by: object = None
    at: datetime | None = None

    @property
    def changed(self) -> list[ConflictText]:
        return [t for t in self.texts if t.changed]

    @property
    def mine(self) -> str:
        return self.texts[0].mine if self.texts else ""

    @property
    def theirs(self) -> str:
        return self.texts[0].theirs if self.texts else ""


def field_texts(names: Iterable[str]) -> Callable[[models.Model], list[tuple[str, str]]]:
    """The usual description of a row's texts: (verbose name, value) of each named field."""

    def describe(obj):
        meta = obj._meta
        return [(str(meta.get_field(name).verbose_name).capitalize(), _as_text(getattr(obj, name))) for name in names]

    return describe


def _as_text(value) -> str:
    return "" if value is None else str(value)


def _saved_by(model, current, version_field: str):
    """Who wrote the stored version, and when: the pghistory event that wrote it, else updated_by/at."""
    by = getattr(current, "updated_by", None) if hasattr(current, "updated_by_id") else None
    at = getattr(current, "updated_at", None)
    event_model = getattr(model, "pgh_event_model", None)
    if event_model is not None:
        event = (
            event_model.objects.filter(pgh_obj_id=current.pk, **{version_field: getattr(current, version_field)})
            .select_related("pgh_context")
            .order_by("pgh_id")
            .first()
        )
        if event is not None:
            at = event.pgh_created_at
            user_id = event.pgh_context.metadata.get("user") if event.pgh_context_id else None
            if user_id:
                by = get_user_model().objects.filter(pk=user_id).first() or by
    return by, at


def _values(obj, names) -> list:
    concrete = {f.name: f.attname for f in obj._meta.concrete_fields}
    return [getattr(obj, concrete[name]) for name in names if name in concrete]


def save_unless_changed(
    instance: models.Model,
    seen: int | None,
    *,
    fields: Iterable[str],
    describe: Callable[[models.Model], list[tuple[str, str]]] | None = None,
    save: Callable[[], object] | None = None,
    by=None,
    version_field: str = "version",
) -> Conflict | None:
    """Save ``fields`` of ``instance`` (already holding the person's values) unless the row was saved since
    version ``seen`` was read. Returns None when saved, or a Conflict with both texts (nothing written).

    The row stays locked from the comparison to the write. The other columns are taken fresh from the locked
    row before writing, so this save never undoes another writer's change to them. ``save`` does the write
    (e.g. ``form.save`` for its many-to-many fields); ``by`` becomes ``updated_by`` where the model has one.
    If the other save left ``fields`` exactly as this person wants them, there is nothing to show.
    """
    fields = list(fields)
    describe = describe or field_texts(fields)
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        stored = getattr(current, version_field)
        if seen is not None and seen != stored:
            mine, theirs = describe(instance), describe(current)
            if mine != theirs or _values(instance, fields) != _values(current, fields):
                saved_by, saved_at = _saved_by(model, current, version_field)
                texts = [
                    ConflictText(label=label, mine=m, theirs=t)
                    for (label, m), (_label, t) in zip(mine, theirs, strict=False)
                ]
                return Conflict(texts=texts, version=stored, by=saved_by, at=saved_at)
        keep = {version_field, "updated_by", "updated_at", *fields}
        for model_field in model._meta.concrete_fields:
            if model_field.name not in keep and not model_field.primary_key:
                setattr(instance, model_field.attname, getattr(current, model_field.attname))
        setattr(instance, version_field, stored + 1)
        if by is not None and hasattr(instance, "updated_by_id"):
            instance.updated_by = by
        (save or instance.save)()
    return None


class VersionField(forms.IntegerField):
    """The version read. Empty: not known (no check). Anything else that is not a count: a version that can't
    be current, so the save shows both texts instead of failing on a field nobody sees."""

    widget = forms.HiddenInput

    def to_python(self, value):
        try:
            number = super().to_python(value)
        except forms.ValidationError:
            return -1
        return -1 if number is not None and number < 0 else number


class VersionedFormMixin:
    """A hidden ``version`` field holding the version the person read (the instance's, unless given).

    Only on forms that edit an existing row (or are given ``version=``): a create form has nothing to compare."""

    version_field = "version"

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is None and getattr(self, "instance", None) is not None and self.instance.pk:
            version = getattr(self.instance, self.version_field)
        if version is not None:
            self.fields["version"] = VersionField(required=False)
            self.initial["version"] = version

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def show_conflict(self, conflict: Conflict) -> None:
        """Keep the person's values in the form, now carrying the stored version: saving again keeps them."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(conflict.version)
        self.data = data
        self.initial["version"] = conflict.version
