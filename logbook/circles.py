"""Rules of the learning circle: forward, back with a reason, new loops; cards that never lose text."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

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


@transaction.atomic
def move(circle: LearningCircle, author, direction: str, to_position: int | None = None, reason: str = ""):
    """Move forward one phase (after the last: a new loop), or back to an earlier phase with a reason."""
    circle = LearningCircle.objects.select_for_update().select_related("phase").get(pk=circle.pk)
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


@dataclass
class Conflict:
    mine: str
    theirs: str
    theirs_by: object
    version: int


def save_card(circle, phase, loop, text: str, version: int, author) -> PhaseCard | Conflict:
    """Save the card if nobody saved it since ``version`` was read; otherwise return both texts."""
    with transaction.atomic():
        card, _created = PhaseCard.objects.select_for_update().get_or_create(circle=circle, phase=phase, loop=loop)
        if card.version != version:
            return Conflict(mine=text, theirs=card.text, theirs_by=card.updated_by, version=card.version)
        card.text = text
        card.version += 1
        card.updated_by = author
        card.save()
        return card
