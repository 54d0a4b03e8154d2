"""Who may see and lead a programme. The rule itself is offices.access; these are its programme-named doors.

- A programme's **leads** are the leading people (resource person, section leader, office chief) of its owner office,
  the heads of that office's administration, and the people named in ``Programme.leads``. They edit everything.
- Its **participants** see it and do their own part (their self-assessment, their group's work, the evaluation).
- An **open** programme (café meetings) is seen by everybody with a place in the organisation (a membership or a
  headship anywhere); they may sign up.
- Everybody else: the programme does not exist (404). Inside, an action needing a lead is forbidden (403).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from offices.access import office_access
from offices.models import AdministrationLeader, Membership

from .models import Participant, Programme


@dataclass(frozen=True)
class ProgrammeAccess:
    programme: Programme
    is_lead: bool
    participant: Participant | None
    #: Only an open programme's visitor (neither lead nor participant) has this alone.
    has_place: bool

    @property
    def is_participant(self) -> bool:
        return self.participant is not None

    @property
    def can_view(self) -> bool:
        return self.is_lead or self.is_participant or (self.programme.is_open and self.has_place)

    def require_lead(self):
        if not self.is_lead:
            raise PermissionDenied
        return self


def has_place_in_organisation(user) -> bool:
    """A membership of any office, or the headship of any administration."""
    return Membership.objects.filter(person=user).exists() or AdministrationLeader.objects.filter(person=user).exists()


def programme_access(user, programme: Programme) -> ProgrammeAccess | None:
    """The person's access to ``programme``, or None when it does not exist for them."""
    if not user.is_authenticated or programme is None:
        return None
    owner = office_access(user, programme.owner_office)
    is_lead = bool(owner and (owner.is_leading or owner.is_head)) or programme.leads.filter(pk=user.pk).exists()
    # With their group membership (a reverse one-to-one, so None when in no group): "is this my group?" costs nothing.
    participant = (
        Participant.objects.filter(programme=programme, person=user)
        .select_related("office", "unit", "group_membership")
        .first()
    )
    has_place = bool(owner) or (
        programme.is_open
        and (
            Membership.objects.filter(person=user).exists() or AdministrationLeader.objects.filter(person=user).exists()
        )
    )
    access = ProgrammeAccess(programme=programme, is_lead=is_lead, participant=participant, has_place=has_place)
    return access if access.can_view else None


def get_programme_access(user, slug: str, *, lead: bool = False, kind: str | None = None) -> ProgrammeAccess:
    """Fetch a programme by slug for ``user``: 404 when it does not exist for them (or is not of ``kind``),
    403 when ``lead`` is asked and they do not lead it."""
    programmes = Programme.objects.select_related("owner_office__administration")
    if kind is not None:
        programmes = programmes.filter(kind=kind)
    programme = programmes.filter(slug=slug).first()
    access = programme_access(user, programme) if programme else None
    if access is None:
        raise Http404("No such programme.")
    if lead:
        access.require_lead()
    return access


def get_for_programme(queryset, programme: Programme, programme_field: str = "programme", **lookup):
    """Fetch one object that must belong to ``programme``; 404 otherwise (another programme's object under this
    programme's address is a 404 too)."""
    obj = queryset.filter(**{programme_field: programme}, **lookup).first()
    if obj is None:
        raise Http404("No such object in this programme.")
    return obj
