import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404

from offices.access import (
    HEAD_OF_ADMINISTRATION,
    LEADING_ROLES,
    get_for_user,
    get_office_access,
    scope_to_user,
    visible_offices,
)
from offices.models import Heading, Membership, Office, Role


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
