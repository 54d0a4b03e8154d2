"""The small world every test shares.

Two offices in one administration (A and B), each with a resource person, a
section leader, an office chief and a staff member; a head of that
administration; and an office C in another administration, for isolation.
"""

import os
from dataclasses import dataclass

import pytest

from offices.models import Role

from . import factories

# Playwright's sync API runs an event loop in the test thread; let the ORM run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject.toml): the whole suite on every core, a chosen file or test in this process.

    A run of named paths (a helper's file, the mutation check's tests) would pay the workers' start-up and
    a test database per worker for nothing. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` or ``-n N`` still decide.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return 0
    return None


#: The longest tests, first: the workers take tests in collection order, so these start early and run beside the
#: many short ones instead of making the suite's tail (longest first is the classic way to balance the workers).
LONG_FIRST = (
    "tests/slf/test_fuzz_forms.py",
    "tests/slf/test_outage.py",
    "tests/slf/test_hostile_input.py",
    "tests/slf/test_authorization_matrix.py",
    "tests/slf/test_two_servers.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        return LONG_FIRST.index(path) if path in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)  # stable: the order inside each file, and of the other files, is kept


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with PBKDF2 costs ~0.2 s a person; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class OfficeWorld:
    office: object
    section: object
    resource_person: object
    section_leader: object
    chief: object
    staff: object

    def people(self):
        return {
            "resource_person": self.resource_person,
            "section_leader": self.section_leader,
            "chief": self.chief,
            "staff": self.staff,
        }


def _office_world(administration, name, prefix):
    office = factories.make_office(administration, name=name)
    section = factories.make_section(office, name=f"{name} team")
    return OfficeWorld(
        office=office,
        section=section,
        resource_person=factories.make_member(
            office, Role.RESOURCE_PERSON, section, full_name=f"{prefix} Resource", email=f"{prefix}.rp@test.example"
        ),
        section_leader=factories.make_member(
            office, Role.SECTION_LEADER, section, full_name=f"{prefix} Leader", email=f"{prefix}.sl@test.example"
        ),
        chief=factories.make_member(
            office, Role.OFFICE_CHIEF, None, full_name=f"{prefix} Chief", email=f"{prefix}.chief@test.example"
        ),
        staff=factories.make_member(
            office, Role.STAFF, section, full_name=f"{prefix} Staff", email=f"{prefix}.staff@test.example"
        ),
    )


@dataclass
class World:
    administration: object
    a: OfficeWorld
    b: OfficeWorld
    head: object
    other_administration: object
    c: OfficeWorld


@pytest.fixture
def world(db):
    administration = factories.make_administration("Økonomi og Administration")
    other = factories.make_administration("Anden forvaltning")
    return World(
        administration=administration,
        a=_office_world(administration, "Budget og Regnskab", "a"),
        b=_office_world(administration, "Personale", "b"),
        head=factories.make_head(administration, full_name="Head Of Administration", email="head@test.example"),
        other_administration=other,
        c=_office_world(other, "Skoleudvikling", "c"),
    )


@pytest.fixture
def login(client):
    """``login(user)`` signs ``user`` in on the test client and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
