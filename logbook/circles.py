"""Rules of the learning circle: forward, back with a reason, new loops; cards that never lose text."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from slf.conflicts import Conflict, field_texts, save_unless_changed

from .models import CirclePhase, CircleStatus, CircleStep, LearningCircle, PhaseCard, StepKind


class MoveError(Exception):
    pass


@transaction.atomic
def start_circle(circle: LearningCircle, author) -> LearningCircle:
    phases = CirclePhase.for_office(circle.office)
    circle.phase = phases[0]
    circle.save()
    CircleStep.objects.create(circle=circle, kind=StepKind.STARTED, to_phase=phases[0], loop=1, author=author)
    return circle


#: direction → (statuses it may start from, the status it leads to, the step it records)
STATUS_MOVES = {
    "pause": ((CircleStatus.ACTIVE,), CircleStatus.PAUSED, StepKind.PAUSED),
    "resume": ((CircleStatus.PAUSED,), CircleStatus.ACTIVE, StepKind.RESUMED),
    "complete": ((CircleStatus.ACTIVE, CircleStatus.PAUSED), CircleStatus.COMPLETED, StepKind.COMPLETED),
    "revisit": ((CircleStatus.COMPLETED,), CircleStatus.ACTIVE, StepKind.REVISITED),
}


def _change_status(circle, author, direction, reason):
    """Pause, resume, complete; revisiting a completed circle starts a new loop from the first phase."""
    allowed_from, status, kind = STATUS_MOVES[direction]
    if circle.status not in allowed_from:
        raise MoveError(_("A circle that is %(status)s can't do that.") % {"status": circle.get_status_display()})
    current = circle.phase
    fields = ["status"]
    circle.status = status
    if direction == "revisit":
        circle.phase = CirclePhase.for_office(circle.office)[0]
        circle.phase_since = timezone.now()
        circle.loop = F("loop") + 1
        fields += ["phase", "phase_since", "loop"]
    circle.save(update_fields=fields)
    circle.refresh_from_db()
    CircleStep.objects.create(
        circle=circle,
        kind=kind,
        from_phase=current,
        to_phase=circle.phase,
        loop=circle.loop,
        reason=(reason or "").strip(),
        author=author,
    )
    return circle


@transaction.atomic
def move(circle: LearningCircle, author, direction: str, to_position: int | None = None, reason: str = ""):
    """Move forward one phase (after the last: a new loop), or back to an earlier phase with a reason."""
    circle = LearningCircle.objects.select_for_update().select_related("phase").get(pk=circle.pk)
    if direction in STATUS_MOVES:
        return _change_status(circle, author, direction, reason)
    if circle.status != CircleStatus.ACTIVE:
        raise MoveError(_("The circle is not active. Make it active again to move it."))
    phases = CirclePhase.for_office(circle.office)
    current = circle.phase
    if direction == "forward":
        later = [p for p in phases if p.position > current.position]
        if later:
            target, kind = later[0], StepKind.FORWARD
        else:
            target, kind = phases[0], StepKind.NEW_LOOP
            circle.loop = F("loop") + 1
    elif direction == "back":
        reason = (reason or "").strip()
        if not reason:
            raise MoveError(_("Say why the group goes back, e.g. “we need more data”."))
        earlier = [
            p for p in phases if p.position < current.position and (to_position is None or p.position == to_position)
        ]
        if not earlier:
            raise MoveError(_("There is no earlier phase to go back to."))
        target, kind = earlier[-1], StepKind.BACK
    else:
        raise MoveError(_("Unknown move."))
    circle.phase = target
    circle.phase_since = timezone.now()
    circle.save(update_fields=["phase", "phase_since", "loop"])
    circle.refresh_from_db()
    CircleStep.objects.create(
        circle=circle, kind=kind, from_phase=current, to_phase=target, loop=circle.loop, reason=reason, author=author
    )
    return circle


@transaction.atomic
def save_phases(office, formset) -> list[CirclePhase]:
    """Save a valid phase formset: removals, edits, new phases, and positions 1..n in the chosen order."""
    list(CirclePhase.objects.select_for_update().filter(office=office))
    formset.save(commit=False)
    for phase in formset.deleted_objects:
        phase.delete()
    # Move the rest out of the way first, so the unique (office, position) constraint holds at every step.
    CirclePhase.objects.filter(office=office).update(position=F("position") + 1000)
    phases = []
    for position, form in enumerate(formset.ordered_forms, 1):
        phase = form.instance
        phase.office = office
        phase.position = position
        phase.save()
        phases.append(phase)
    return phases


class PhaseError(Exception):
    pass


@transaction.atomic
def set_phases(office, specs: list[dict]) -> None:
    """The office's phases become ``specs`` ({"name", "question"}) in order; phases in use are renamed, never
    removed, so a list shorter than the used phases is refused."""
    if len(specs) < 2:
        raise PhaseError(_("A learning circle needs at least two phases."))
    current = list(CirclePhase.objects.select_for_update().filter(office=office).order_by("position"))
    extra = current[len(specs) :]
    used = [phase.name for phase in extra if phase.in_use()]
    if used:
        raise PhaseError(
            _("The office's phases %(names)s are used by learning circles; the template has fewer phases.")
            % {"names": ", ".join(f"“{name}”" for name in used)}
        )
    for phase in extra:
        phase.delete()
    CirclePhase.objects.filter(office=office).update(position=F("position") + 1000)
    for position, spec in enumerate(specs, 1):
        name, question = spec["name"][:100], spec.get("question", "")[:300]
        if position <= len(current):
            phase = current[position - 1]
            phase.name, phase.question, phase.position = name, question, position
            phase.save()
        else:
            CirclePhase.objects.create(office=office, position=position, name=name, question=question)


def save_card(
    circle, phase, loop, text: str, version: int, author, data_sources: str | None = None, meeting=False
) -> PhaseCard | Conflict:
    """Save the card if nobody saved it since ``version`` was read; otherwise return both texts.

    ``data_sources`` and ``meeting`` are saved too when given (``meeting=None`` clears the link).
    """
    with transaction.atomic():
        card, _created = PhaseCard.objects.get_or_create(circle=circle, phase=phase, loop=loop)
        card.text, fields = text, ["text"]
        if data_sources is not None:
            card.data_sources = data_sources
            fields.append("data_sources")
        if meeting is not False:
            card.meeting = meeting
            fields.append("meeting")
        conflict = save_unless_changed(
            card, version, fields=fields, describe=field_texts(["text", "data_sources"]), by=author
        )
        if conflict and _created:
            transaction.set_rollback(True)  # a refused save stores nothing, not even the empty card
        return conflict or card


def put_on_agenda(circle: LearningCircle, meeting):
    """A new agenda item about the circle at the end of the meeting's agenda, linked both ways."""
    from django.utils.translation import gettext

    from meetings.models import AgendaItem, AgendaItemKind

    with transaction.atomic():
        position = meeting.next_agenda_position()
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=gettext("Learning circle: %(title)s") % {"title": circle.title},
            description=circle.challenge[:4000],
            kind=AgendaItemKind.DIALOGUE,
            duration_minutes=min(20, meeting.duration_minutes),
        )
        circle.agenda_items.add(item)
    return item
