"""The administrator edits the sign-in rules in the Django admin."""

import pytest

from offices.models import Role
from sso.models import MappingRule
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_administrator_adds_a_rule_and_a_rule_for_both_targets_is_refused(client, world):
    client.force_login(factories.make_user(is_superuser=True, is_staff=True))
    assert client.get("/admin/sso/mappingrule/").status_code == 200
    assert client.get("/admin/sso/mappingrule/add/").status_code == 200
    data = {"value": "role-x", "scope": "unit-1", "office": world.a.office.pk, "role": Role.STAFF, "note": ""}
    response = client.post("/admin/sso/mappingrule/add/", data)
    assert response.status_code == 302
    assert MappingRule.objects.get().office == world.a.office

    both = client.post("/admin/sso/mappingrule/add/", dict(data, administration=world.administration.pk))
    assert both.status_code == 200
    assert "ikke begge dele" in both.content.decode()
    assert MappingRule.objects.count() == 1
