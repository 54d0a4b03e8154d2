import pytest
from django.db import IntegrityError

from accounts.models import User


def test_email_is_unique_regardless_of_case(db):
    User.objects.create_user("Anne@Test.example", "x", full_name="Anne")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ANNE@test.example", full_name="Anne 2")


def test_initials_are_made_from_the_name(db):
    user = User.objects.create_user("b@test.example", "x", full_name="Birthe Kjær-Holm")
    assert user.initials == "BH"


def test_calendar_token_can_be_regenerated(db):
    user = User.objects.create_user("c@test.example", "x", full_name="C")
    old = user.calendar_token
    user.regenerate_calendar_token()
    assert user.calendar_token != old and len(user.calendar_token) >= 24
