"""The group builder: groups that mix administrations, offices and levels, and keep apart who already work together.

``propose(people, known, count)`` is a pure function (no database): it deals the people out by office, so no two
of an office share a group when that can be avoided at all (no office has more people than there are groups), then
swaps people between groups while a swap makes the whole strictly better, judged in this order:

1. fewer pairs from the same office in a group,
2. fewer pairs who already work together (``known``: same office, the same meeting series, a visit),
3. fewer pairs from the same administration plus fewer pairs of the same level.

Group sizes differ by one at most. ``facts(programme)`` reads everything the builder needs in five queries, whatever
the number of participants: the participants, their memberships, the meeting series they attended, the series
naming them, and the visits between them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.models import Attendance, AttendanceStatus, MeetingSeries
from offices.models import Membership
from programmes.models import Participant
from visits.models import Visit, VisitStatus

#: Why two people already work together.
SAME_OFFICE = "office"
SAME_SERIES = "series"
VISITED = "visit"

#: Swap passes at most (each pass tries every pair once; a proposal settles in two or three).
MAX_PASSES = 30


@dataclass(frozen=True)
class Person:
    id: int
    name: str = ""
    office_id: int | None = None
    administration_id: int | None = None
    level: str = ""


@dataclass
class Facts:
    """What the builder knows: the people (participants) and which pairs already work together, and why."""

    people: list[Person]
    known: dict[frozenset, set[str]] = field(default_factory=dict)
    participants: dict[int, Participant] = field(default_factory=dict)
    #: participant id → their saved GroupMember (filled by the builder page).
    memberships: dict = field(default_factory=dict)


def facts(programme) -> Facts:
    """The programme's participants as ``Person`` (id = participant id) and the pairs who already work together.

    Five queries: participants; memberships (same office); attendance at series (present); series naming them;
    visits between them (confirmed or held, whenever)."""
    participants = list(
        Participant.objects.filter(programme=programme)
        .select_related("person", "office__administration", "unit")
        .order_by("person__full_name", "pk")
    )
    by_person = defaultdict(list)
    for participant in participants:
        by_person[participant.person_id].append(participant.pk)
    people_ids = list(by_person)
    known: dict[frozenset, set[str]] = defaultdict(set)

    def mark(groups: dict, reason: str):
        for members in groups.values():
            ids = sorted({pk for person_id in members for pk in by_person[person_id]})
            for a, b in combinations(ids, 2):
                known[frozenset((a, b))].add(reason)

    offices = defaultdict(set)
    for participant in participants:
        if participant.office_id:
            offices[participant.office_id].add(participant.person_id)
    for person_id, office_id in Membership.objects.filter(person__in=people_ids).values_list("person_id", "office_id"):
        offices[office_id].add(person_id)
    mark(offices, SAME_OFFICE)

    series = defaultdict(set)
    attended = Attendance.objects.filter(person__in=people_ids, status=AttendanceStatus.PRESENT)
    for person_id, series_id in attended.values_list("person_id", "meeting__series_id"):
        series[series_id].add(person_id)
    named = MeetingSeries.participant_people.through.objects.filter(user_id__in=people_ids)
    for person_id, series_id in named.values_list("user_id", "meetingseries_id"):
        series[series_id].add(person_id)
    mark(series, SAME_SERIES)

    visits = Visit.objects.filter(host__in=people_ids, visitor__in=people_ids, status=VisitStatus.CONFIRMED)
    mark(dict(enumerate(visits.values_list("host_id", "visitor_id"))), VISITED)

    people = [
        Person(
            id=p.pk,
            name=p.person.full_name,
            office_id=p.office_id,
            administration_id=p.office.administration_id if p.office else None,
            level=p.level,
        )
        for p in participants
    ]
    return Facts(people=people, known=dict(known), participants={p.pk: p for p in participants})


def group_count(people: int, *, count: int | None = None, size: int | None = None) -> int:
    """The number of groups: ``count`` as asked, or enough groups of at most ``size``; never more than people."""
    if count is None:
        count = -(-people // max(size or 1, 1))
    return max(1, min(count, people or 1))


def _pairs(group, test):
    return sum(1 for a, b in combinations(group, 2) if test(a, b))


def group_cost(group: list[Person], known) -> tuple[int, int, int]:
    same_office = _pairs(group, lambda a, b: a.office_id is not None and a.office_id == b.office_id)
    knowing = _pairs(group, lambda a, b: frozenset((a.id, b.id)) in known)
    alike = _pairs(group, lambda a, b: a.administration_id is not None and a.administration_id == b.administration_id)
    alike += _pairs(group, lambda a, b: a.level == b.level)
    return same_office, knowing, alike


def _total(costs):
    return tuple(sum(c[i] for c in costs) for i in range(3))


def propose(people: list[Person], known: dict | set, count: int) -> list[list[Person]]:
    """``count`` groups of ``people`` (see the module's docstring). Deterministic: the same facts, the same groups."""
    count = group_count(len(people), count=count)
    office_size = defaultdict(int)
    for person in people:
        office_size[person.office_id] += 1
    # Deal by office, largest office first: consecutive people of one office land in consecutive groups.
    order = sorted(people, key=lambda p: (-office_size[p.office_id], p.office_id or 0, p.level, p.id))
    groups: list[list[Person]] = [[] for _ in range(count)]
    for index, person in enumerate(order):
        groups[index % count].append(person)
    costs = [group_cost(g, known) for g in groups]
    for _pass in range(MAX_PASSES):
        improved = False
        for gi, gj in combinations(range(count), 2):
            for a in list(groups[gi]):
                for b in list(groups[gj]):
                    new_i = [b if p is a else p for p in groups[gi]]
                    new_j = [a if p is b else p for p in groups[gj]]
                    cost_i, cost_j = group_cost(new_i, known), group_cost(new_j, known)
                    if _total([cost_i, cost_j]) < _total([costs[gi], costs[gj]]):
                        groups[gi], groups[gj] = new_i, new_j
                        costs[gi], costs[gj] = cost_i, cost_j
                        improved = True
                        break
                else:
                    continue
                break
        if not improved:
            break
    return [sorted(g, key=lambda p: (p.name, p.id)) for g in groups]


@dataclass(frozen=True)
class Reason:
    """Why a group is as it is, in words: its mix and the pairs who already work together."""

    administrations: int
    offices: int
    levels: int
    pairs: list[tuple[Person, Person, list[str]]]

    def __str__(self):
        parts = [
            ngettext("%(n)d administration", "%(n)d administrations", self.administrations)
            % {"n": self.administrations},
            ngettext("%(n)d office", "%(n)d offices", self.offices) % {"n": self.offices},
            ngettext("%(n)d level", "%(n)d levels", self.levels) % {"n": self.levels},
        ]
        if not self.pairs:
            parts.append(_("nobody knows each other from before"))
        else:
            parts.append(
                ngettext("%(n)d pair already works together", "%(n)d pairs already work together", len(self.pairs))
                % {"n": len(self.pairs)}
            )
        return " · ".join(parts)


REASON_WORDS = {
    SAME_OFFICE: lambda: _("same office"),
    SAME_SERIES: lambda: _("same meeting series"),
    VISITED: lambda: _("visited each other"),
}


def reason(group: list[Person], known: dict) -> Reason:
    pairs = []
    for a, b in combinations(group, 2):
        why = known.get(frozenset((a.id, b.id)))
        if why:
            pairs.append((a, b, [REASON_WORDS[w]() for w in sorted(why)]))
    return Reason(
        administrations=len({p.administration_id for p in group if p.administration_id}),
        offices=len({p.office_id for p in group if p.office_id}),
        levels=len({p.level for p in group}),
        pairs=pairs,
    )
