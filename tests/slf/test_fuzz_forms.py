"""Random input into every form of the product: never a server error, never a half-saved row.

The forms are found, not listed: the test reads the pages a resource person and a staff member see,
collects every ``<form method="post">`` with its fields, and posts random values (long text, control
characters, NUL bytes, right-to-left marks, emoji, boundary dates and numbers) to its action. Hidden
fields keep their real values so the request reaches the form's validation.
"""

from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eRTL\u202c",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "😀" * 50,
    "x" * 20001,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "0",
    "-1",
    "2147483648",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "2026-02-29",
    "2026-03-29T02:30",
    "25:61",
]
VALUES = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=300), st.integers(-(2**40), 2**40).map(str))


class FormCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "hidden": {}}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "textarea", "select") and attrs.get("name"):
            if attrs.get("type") == "hidden":
                self._current["hidden"][attrs["name"]] = attrs.get("value") or ""
            elif attrs.get("type") not in ("submit", "file"):
                self._current["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _forms(client, paths):
    found = {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        collector = FormCollector()
        collector.feed(response.content.decode())
        for form in collector.forms:
            action = form["action"] or path
            if action.startswith("/") and "logout" not in action and "language" not in action:
                found.setdefault(action, form)
    return found


def _pages(office_a):
    names = [n for n in office_a if not n.startswith(("accounts:password-reset", "accounts:logout"))]
    return [reverse(name, kwargs=office_a[name]) for name in names]


@pytest.mark.parametrize("who", ["resource_person", "staff"])
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_input_into_every_form_never_breaks_the_server(client, world, office_a, who, data):
    from django.apps import apps

    person = getattr(world.a, who)
    client.force_login(person)
    forms = _forms(client, _pages(office_a))
    assert len(forms) >= (30 if who == "resource_person" else 8), sorted(forms)
    models = [m for m in apps.get_models() if m._meta.app_label in ("logbook", "meetings", "visits", "offices")]
    for action, form in sorted(forms.items()):
        for _round in range(6):
            payload = dict(form["hidden"])
            payload.update({name: data.draw(VALUES, label=f"{action} {name}") for name in form["fields"]})
            with transaction.atomic():
                before = {m: m.objects.count() for m in models}
                response = client.post(action, payload)
                assert response.status_code < 500, (action, payload)
                if response.status_code in (400, 409):
                    after = {m: m.objects.count() for m in models}
                    assert before == after, f"{action} refused the input but saved something"
                transaction.set_rollback(True)
            client.force_login(person)
