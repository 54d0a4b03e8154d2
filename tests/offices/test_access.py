import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404

from offices.access import (
    HEAD_OF_ADMINISTRATION,
    LEADING_ROLES,
    administration_access,
    get_administration_access,
    get_for_user,
    get_office_access,
    home_access,
    scope_to_user,
    visible_offices,
)
from offices.models import Heading, Membership, Office, Role
from tests import factories


def test_member_sees_own_office_only(world):
    assert list(visible_offices(world.a.staff)) == [world.a.office]


def test_head_sees_all_offices_of_administration_but_not_others(world):
    assert set(visible_offices(world.head)) == {world.a.office, world.b.office}


def test_outsider_gets_404_not_403(world):
    with pytest.raises(Http404):
        get_office_access(world.b.chief, world.a.office.slug)


def test_member_without_role_gets_403(world):
    with pytest.raises(PermissionDenied):
        get_office_access(world.a.staff, world.a.office.slug, roles=LEADING_ROLES)


def test_leading_roles_pass(world):
    for person in (world.a.resource_person, world.a.section_leader, world.a.chief):
        access = get_office_access(person, world.a.office.slug, roles=LEADING_ROLES)
        assert access.can_edit


def test_head_passes_only_where_head_is_allowed(world):
    access = get_office_access(world.head, world.a.office.slug)
    assert access.is_head and not access.can_edit and access.can_review
    get_office_access(world.head, world.a.office.slug, roles={HEAD_OF_ADMINISTRATION})
    with pytest.raises(PermissionDenied):
        get_office_access(world.head, world.a.office.slug, roles=LEADING_ROLES)


def test_scope_and_get_for_user_hide_other_offices(world):
    headings = scope_to_user(Heading.objects.all(), world.a.staff)
    assert {h.office_id for h in headings} == {world.a.office.pk}
    other = world.b.office.headings.first()
    with pytest.raises(Http404):
        get_for_user(Heading.objects.all(), world.a.staff, pk=other.pk)
    obj, access = get_for_user(Heading.objects.all(), world.b.staff, pk=other.pk)
    assert obj == other and access.role == Role.STAFF


def test_new_office_gets_the_three_seed_headings(world):
    names = list(world.a.office.headings.values_list("name", flat=True))
    assert names == ["Åben praksis", "Reflekterende dialoger og feedback", "Systematik i opgaveløsningen"]


def test_database_refuses_duplicate_membership(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(person=world.a.staff, office=world.a.office, role=Role.OFFICE_CHIEF)


def test_database_refuses_section_of_another_office(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(person=world.a.staff, office=world.b.office, section=world.a.section)


def test_person_can_be_member_of_several_offices_with_different_roles(world):
    Membership.objects.create(person=world.a.staff, office=world.b.office, role=Role.RESOURCE_PERSON)
    assert set(Office.objects.visible_to(world.a.staff)) == {world.a.office, world.b.office}
    assert get_office_access(world.a.staff, world.b.office.slug, roles=LEADING_ROLES).can_edit


# One rule for offices, administrations and cross-office series ---------------------------------------------------


def _cross_office_series(world):
    from datetime import time

    from django.utils import timezone

    from meetings.models import Frequency, MeetingSeries

    return MeetingSeries.objects.create(
        office=None,
        administration=world.administration,
        title="Tværgående",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=timezone.localdate(),
        start_time=time(9),
        duration_minutes=60,
    )


def test_resource_person_who_is_also_staff_elsewhere_edits_cross_office_series(world):
    from meetings.access import get_series

    person = world.a.resource_person
    Membership.objects.create(person=person, office=world.b.office, role=Role.STAFF)
    series = _cross_office_series(world)
    found, access = get_series(person, series.pk, edit=True)
    assert found == series
    assert access.role == Role.RESOURCE_PERSON and access.can_edit
    assert access.office == world.a.office


def test_strongest_role_wins_across_memberships_by_rank_not_by_name(world):
    person = world.a.staff
    Membership.objects.create(person=person, office=world.b.office, role=Role.OFFICE_CHIEF)
    access = administration_access(person, world.administration)
    assert access.role == Role.OFFICE_CHIEF and access.is_manager
    assert access.office == world.b.office
    assert [m.role for m in access.memberships] == [Role.OFFICE_CHIEF, Role.STAFF]
    assert access.has_role({Role.STAFF}) and access.has_role({Role.OFFICE_CHIEF})
    assert Role.strongest(["staff", "section_leader", "resource_person"]) == Role.SECTION_LEADER


def test_head_of_administration_is_not_given_a_random_office(world):
    from meetings.access import get_series

    access = administration_access(world.head, world.administration)
    assert access.is_head and access.office is None and access.membership is None
    assert not access.can_edit and access.can_review
    series = _cross_office_series(world)
    _found, series_access = get_series(world.head, series.pk)
    assert series_access.office is None
    with pytest.raises(PermissionDenied):
        get_series(world.head, series.pk, edit=True)


def test_outsider_of_administration_gets_404(world):
    from meetings.access import get_series

    assert administration_access(world.c.chief, world.administration) is None
    with pytest.raises(Http404):
        get_administration_access(world.c.chief, world.administration.slug)
    with pytest.raises(Http404):
        get_series(world.c.chief, _cross_office_series(world).pk)
    with pytest.raises(PermissionDenied):
        get_administration_access(world.a.staff, world.administration.slug, roles=LEADING_ROLES)


def test_home_administration_is_that_of_the_strongest_membership(world):
    person = world.c.staff
    Membership.objects.create(person=person, office=world.a.office, role=Role.RESOURCE_PERSON)
    assert home_access(person).administration == world.administration
    assert home_access(world.head).administration == world.administration
    with pytest.raises(Http404):
        home_access(factories.make_user())
