"""The template library: share a series' questions, the office's phases, an agenda or a visit guide; copy them."""

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from logbook.models import CirclePhase
from meetings.models import AgendaItem

from .models import SharedTemplate, TemplateKind, TemplateUse


class LibraryError(Exception):
    pass


def content_from(kind, *, office, series=None, meeting=None, guide=""):
    if kind == TemplateKind.MEETING_QUESTIONS:
        return {"before": list(series.before_questions), "after": list(series.after_questions)}
    if kind == TemplateKind.CIRCLE_PHASES:
        return {"phases": [{"name": p.name, "question": p.question} for p in CirclePhase.for_office(office)]}
    if kind == TemplateKind.AGENDA:
        items = meeting.agenda_items.order_by("position", "pk")
        return {
            "items": [
                {"title": i.title, "description": i.description, "kind": i.kind, "minutes": i.duration_minutes}
                for i in items
            ]
        }
    return {"text": guide}


@transaction.atomic
def copy_questions(template, series, by):
    series.before_questions = list(template.content.get("before", []))
    series.after_questions = list(template.content.get("after", []))
    series.save(update_fields=["before_questions", "after_questions"])
    return TemplateUse.objects.create(template=template, office=series.office, used_by=by, target=series.title)


@transaction.atomic
def copy_phases(template, office, by):
    """The office's phases become the template's, in order; phases in use are renamed, never deleted."""
    wanted = template.content.get("phases", [])
    if len(wanted) < 2:
        raise LibraryError(_("A learning circle needs at least two phases."))
    current = list(CirclePhase.objects.select_for_update().filter(office=office).order_by("position"))
    extra = current[len(wanted) :]
    used = [p.name for p in extra if p.in_use()]
    if used:
        raise LibraryError(
            _("The office's phases %(names)s are used by learning circles; the template has fewer phases.")
            % {"names": ", ".join(f"“{n}”" for n in used)}
        )
    for phase in extra:
        phase.delete()
    CirclePhase.objects.filter(office=office).update(position=F("position") + 1000)
    for position, spec in enumerate(wanted, 1):
        if position <= len(current):
            phase = current[position - 1]
            phase.name, phase.question, phase.position = spec["name"][:100], spec.get("question", "")[:300], position
            phase.save()
        else:
            CirclePhase.objects.create(
                office=office, position=position, name=spec["name"][:100], question=spec.get("question", "")[:300]
            )
    return TemplateUse.objects.create(template=template, office=office, used_by=by, target=_("learning-circle phases"))


@transaction.atomic
def copy_agenda(template, meeting, by):
    start = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                position=start + index,
                title=item["title"][:200],
                description=item.get("description", "")[:4000],
                kind=item.get("kind", "dialogue"),
                duration_minutes=max(1, min(int(item.get("minutes", 10)), meeting.duration_minutes * 2)),
            )
            for index, item in enumerate(template.content.get("items", []))
        ]
    )
    return TemplateUse.objects.create(template=template, office=meeting.series.office, used_by=by, target=str(meeting))


def visible(administration):
    return SharedTemplate.objects.filter(administration=administration)
