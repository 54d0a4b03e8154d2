"""The group builder as a pure function: known answers for small worlds, and its rules over random ones."""

from collections import Counter
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from bootcamps.builder import Person, group_count, propose, reason

EXEC, SENIOR, FIRST = "executive", "senior", "first_line"


def _ids(groups):
    return sorted(sorted(p.id for p in g) for g in groups)


def test_known_answer_mixes_offices_levels_and_keeps_known_pairs_apart():
    people = [
        Person(1, "A1", office_id=1, administration_id=1, level=EXEC),
        Person(2, "A2", office_id=1, administration_id=1, level=FIRST),
        Person(3, "B1", office_id=2, administration_id=1, level=SENIOR),
        Person(4, "B2", office_id=2, administration_id=1, level=FIRST),
        Person(5, "C1", office_id=3, administration_id=2, level=SENIOR),
        Person(6, "C2", office_id=3, administration_id=2, level=EXEC),
    ]
    known = {frozenset((1, 3)): {"series"}}
    assert _ids(propose(people, known, 2)) == [[1, 4, 5], [2, 3, 6]]


def test_never_two_of_an_office_when_it_can_be_avoided():
    # Office 1 has three people and there are three groups: each group gets one.
    people = [Person(i, f"P{i}", office_id=1 if i <= 3 else i, administration_id=1, level=FIRST) for i in range(1, 10)]
    for group in propose(people, {}, 3):
        assert Counter(p.office_id for p in group)[1] == 1


def test_levels_are_spread():
    levels = [EXEC, SENIOR, FIRST, "staff"]
    people = [Person(i, f"P{i}", office_id=i, administration_id=1, level=levels[i % 4]) for i in range(8)]
    for group in propose(people, {}, 2):
        assert sorted(p.level for p in group) == sorted(levels)


def test_people_who_work_together_are_kept_apart():
    people = [Person(i, f"P{i}", office_id=i, administration_id=1, level=FIRST) for i in range(6)]
    known = {frozenset((0, 1)): {"visit"}, frozenset((2, 3)): {"series"}, frozenset((0, 2)): {"series"}}
    for group in propose(people, known, 2):
        assert not any(frozenset((a.id, b.id)) in known for a, b in combinations(group, 2))


def test_group_count_by_number_or_size():
    assert group_count(24, count=4) == 4
    assert group_count(24, size=5) == 5
    assert group_count(3, count=10) == 3
    assert group_count(0, size=4) == 1


def test_reason_says_the_mix_and_who_knows_whom():
    a = Person(1, "Anne", office_id=1, administration_id=1, level=EXEC)
    b = Person(2, "Bo", office_id=2, administration_id=2, level=FIRST)
    c = Person(3, "Carl", office_id=3, administration_id=2, level=FIRST)
    fresh = reason([a, b, c], {})
    assert (fresh.administrations, fresh.offices, fresh.levels, fresh.pairs) == (2, 3, 2, [])
    known = reason([a, b, c], {frozenset((1, 3)): {"visit"}})
    assert [(x.name, y.name) for x, y, _why in known.pairs] == [("Anne", "Carl")]


offices = st.integers(min_value=1, max_value=6)
levels = st.sampled_from([EXEC, SENIOR, FIRST, "staff"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(offices, levels), min_size=2, max_size=18),
    st.integers(min_value=1, max_value=6),
)
def test_random_worlds_keep_offices_apart_and_sizes_even(rows, count):
    people = [Person(i, f"P{i}", office_id=o, administration_id=o % 2, level=lv) for i, (o, lv) in enumerate(rows)]
    groups = propose(people, {}, count)
    sizes = [len(g) for g in groups]
    assert sum(sizes) == len(people) and max(sizes) - min(sizes) <= 1
    assert sorted(p.id for g in groups for p in g) == list(range(len(people)))
    largest_office = max(Counter(o for o, _lv in rows).values())
    if largest_office <= len(groups):
        for group in groups:
            assert max(Counter(p.office_id for p in group).values()) == 1
