"""The template library: share a series' questions, the office's phases, an agenda or a visit guide; copy them."""

from django.db import transaction
from django.utils.translation import gettext as _

from logbook.circles import PhaseError, set_phases
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
    """The office's phases become the template's (see ``logbook.circles.set_phases``)."""
    try:
        set_phases(office, template.content.get("phases", []))
    except PhaseError as error:
        raise LibraryError(str(error)) from error
    return TemplateUse.objects.create(template=template, office=office, used_by=by, target=_("learning-circle phases"))


@transaction.atomic
def copy_agenda(template, meeting, by):
    start = meeting.next_agenda_position()
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
