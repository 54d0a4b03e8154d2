"""Rules of a circle's measures: the run chart with the circle's story on it, and corrections that never cross.

A value is corrected with the version read (``slf/conflicts.py``): when someone corrected or removed it in
between, the person sees the stored value instead of overwriting it. Removing works the same way: a value
changed since it was read is shown again before it goes. pghistory keeps every insert, change and removal.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from slf.conflicts import Conflict, ConflictText, save_unless_changed

from . import runchart
from .models import DataPoint


def chart_for(measure, steps) -> runchart.RunChart:
    """The measure's run chart (its ``points`` and ``parts`` prefetched) with ``steps`` of the circle on it.

    A part made after a step replaces that step's own annotation (one number, not two a day apart)."""
    parts = list(measure.parts.all())
    used = {p.step_id for p in parts if p.step_id}
    return runchart.run_chart(
        list(measure.points.all()),
        part_starts=[
            (p.starts_on, _("New part: %(label)s") % {"label": p.label} if p.label else _("New part")) for p in parts
        ],
        steps=[(timezone.localtime(s.created_at).date(), s.summary) for s in steps if s.pk not in used],
        freeze=measure.baseline,
        better=measure.better,
        unit=measure.unit,
    )


def describe_point(point) -> list[tuple[str, str]]:
    """A value as the conflict view shows it: its date and its value."""
    value = runchart.number_label(point.value) if point.value is not None else _("not measured")
    return [
        (_("Date"), formats.date_format(point.date, "SHORT_DATE_FORMAT") if point.date else ""),
        (_("Value"), value),
    ]


def correct_point(point: DataPoint, seen: int | None, by) -> Conflict | None:
    """Save the corrected ``date`` and ``value`` unless the value was saved since version ``seen`` was read."""
    return save_unless_changed(point, seen, fields=["date", "value"], describe=describe_point, by=by)


class AlreadyRemoved(Exception):
    pass


def remove_point(point: DataPoint, seen: int | None) -> Conflict | None:
    """Remove the value unless it was corrected since version ``seen`` was read (then: both, nothing removed)."""
    with transaction.atomic():
        current = DataPoint.objects.select_for_update().filter(pk=point.pk).first()
        if current is None:
            raise AlreadyRemoved
        if seen is not None and seen != current.version:
            texts = [ConflictText(label, _("removed"), text) for label, text in describe_point(current)]
            return Conflict(texts=texts, version=current.version)
        current.delete()
    return None


def corrections(measure, limit: int = 20) -> list[dict]:
    """The latest corrections and removals of the measure's values, from pghistory (newest first, two queries):
    when, who, the value's date and value before and after (``None`` after a removal)."""
    from django.contrib.auth import get_user_model

    events = list(
        DataPoint.pgh_event_model.objects.filter(measure_id=measure.pk)
        .select_related("pgh_context")
        .order_by("pgh_obj_id", "pgh_id")
    )
    out, previous = [], {}
    for event in events:
        before = previous.get(event.pgh_obj_id)
        previous[event.pgh_obj_id] = event
        if event.pgh_label == "insert" or before is None:
            continue
        if event.pgh_label == "update" and (before.date, before.value) == (event.date, event.value):
            continue
        metadata = event.pgh_context.metadata if event.pgh_context_id else {}
        out.append(
            {
                "when": event.pgh_created_at,
                "user_id": metadata.get("user"),
                "removed": event.pgh_label == "delete",
                "old_date": before.date,
                "old_value": runchart.number_label(before.value) or "–",
                "date": event.date,
                "value": runchart.number_label(event.value) or "–",
            }
        )
    out = sorted(out, key=lambda c: c["when"], reverse=True)[:limit]
    people = get_user_model().objects.in_bulk([c["user_id"] for c in out if c["user_id"]])
    for c in out:
        c["who"] = people.get(c["user_id"])
    return out
