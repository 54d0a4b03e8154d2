"""Small, explicit builders for test data (no magic, no randomness)."""

import itertools

from accounts.models import User
from offices.models import Administration, AdministrationLeader, Membership, Office, Role, Section

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


def make_user(full_name: str | None = None, email: str | None = None, **extra) -> User:
    n = next(_counter)
    full_name = full_name or f"Person {n}"
    email = email or f"person{n}@test.example"
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name, **extra)
    return user


def make_administration(name: str | None = None) -> Administration:
    n = next(_counter)
    name = name or f"Administration {n}"
    return Administration.objects.create(name=name, slug=f"administration-{n}")


def make_office(administration: Administration | None = None, name: str | None = None, **extra) -> Office:
    n = next(_counter)
    administration = administration or make_administration()
    name = name or f"Office {n}"
    return Office.objects.create(administration=administration, name=name, slug=f"office-{n}", **extra)


def make_section(office: Office, name: str | None = None) -> Section:
    return Section.objects.create(office=office, name=name or f"Section {next(_counter)}")


def make_member(office: Office, role: str = Role.STAFF, section: Section | None = None, **user_extra) -> User:
    user = make_user(**user_extra)
    Membership.objects.create(person=user, office=office, role=role, section=section)
    return user


def make_head(administration: Administration, **user_extra) -> User:
    user = make_user(**user_extra)
    AdministrationLeader.objects.create(person=user, administration=administration)
    return user
