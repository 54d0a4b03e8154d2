"""Random input into every form and every query parameter of the product: never a server error, never a
half-saved row.

The forms are found, not listed: the test reads the pages a resource person and a staff member see,
collects every ``<form method="post">`` with its fields (and the options of its selects), and posts random
values to its action: long text, control characters, NUL bytes, right-to-left marks, emoji, dates in the
year 1 and 9999, numbers past 32 and 64 bits, and now and then the field's real value so that the request
gets past the first checks. Hidden fields mostly keep their real values, sometimes a hostile one. GET pages
that take parameters (lists, searches, week and period views) get hostile values for each parameter: the
names come from the page's ``<form method="get">`` fields and from the table ``GET_PARAMS``.

Before the random draws, each form and page gets one explicit example per class of input that once
answered 500 (``_must_try``): NUL in every field, a 30-digit number, a header line break, and every date
field in the year 1 and 9999. Each form and each page is its own Hypothesis run with ``FUZZ_EXAMPLES``
examples (10 in CI) on top of those, derandomized,
so a run is reproducible and CI sees the same draws every time. A failing form does not hide the others:
every failing form is listed, each with the minimal input Hypothesis shrank it to.

Run it harder locally (random draws each run, 500 examples a form):

    FUZZ_EXAMPLES=500 FUZZ_RANDOM=1 SLF_TEST_DATABASE=test_slf_fuzz uv run pytest --reuse-db -p no:randomly \
        tests/slf/test_fuzz_forms.py

The concurrent tests post the same valid payload to every create form from two threads on two real
database connections at the same moment: one row (or two for forms where two equal rows are fine), a clean
answer for both, never a 500.
"""

import os
import threading
import time
from functools import partial
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, Phase, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
hypothesis_settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    print_blob=False,
)
FUZZ = hypothesis_settings.get_profile("fuzz")

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x1b[31m\x7f",
    "line\r\nBcc: x@example.org",
    "\u202eRTL\u202c",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "😀" * 50,
    "x" * 20001,
    "<script>alert(1)</script>",
    "&#x27;&amp;",
    "' OR 1=1 --",
    "%00",
    "0",
    "-1",
    "2147483648",
    "9223372036854775808",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "2026-02-29",
    "2026-03-29T02:30",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "25:61",
    "9999",
]
DATES = ["0001-01-01", "0001-01-02", "9999-12-31", "1900-01-01", "2100-12-31", "2026-02-30", "10000-01-01"]
VALUES = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=300),
    st.integers(-(2**70), 2**70).map(str),
)
ANY_DATE = st.dates().map(lambda d: d.isoformat())


def _strategy(field):
    """Hostile values for one field, with its real value (or a real option) now and then."""
    real = st.sampled_from(field["options"]) if field["options"] else st.just(field["value"])
    kind = field["type"]
    if kind == "hidden":
        return st.one_of(real, real, VALUES)
    if kind == "date":
        return st.one_of(real, st.sampled_from(DATES), ANY_DATE, VALUES)
    if kind == "datetime-local":
        return st.one_of(
            real,
            st.sampled_from([f"{d}T10:00" for d in DATES]),
            st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
            VALUES,
        )
    if kind == "number":
        return st.one_of(real, st.integers(-(2**70), 2**70).map(str), VALUES)
    return st.one_of(real, VALUES)


class FormCollector(HTMLParser):
    """Every form of a page: its method, action and fields (name, type, value, options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._current, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = "textarea" if tag == "textarea" else "select" if tag == "select" else attrs.get("type") or "text"
            if kind in ("submit", "file", "button", "image", "reset") or attrs["name"] == "csrfmiddlewaretoken":
                return
            field = self._current["fields"].setdefault(
                attrs["name"], {"type": kind, "value": attrs.get("value") or "", "options": []}
            )
            if kind in ("checkbox", "radio"):
                field["options"].append(attrs.get("value") or "on")
            self._select = field if tag == "select" else None
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def _forms(client, paths, method="post"):
    """action → form, for the forms of the given method on the pages."""
    found = {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        collector = FormCollector()
        collector.feed(response.content.decode())
        for form in collector.forms:
            action = (form["action"] or path).split("?")[0].split("#")[0]
            if form["method"] != method or not action.startswith("/"):
                continue
            if "logout" in action or "language" in action:
                continue
            if method == "get":
                found.setdefault(action, {"fields": {}})["fields"].update(form["fields"])
            else:
                found.setdefault(action, form)
    return found


def _pages(office_a):
    names = [n for n in office_a if not n.startswith(("accounts:password-reset", "accounts:logout"))]
    return [reverse(name, kwargs=office_a[name]) for name in names]


#: Query parameters read by the views (``request.GET`` readers, filters and period choosers), by URL name,
#: on top of those found in the pages' GET forms.
GET_PARAMS = {
    "logbook:entry-list": ["q", "kind", "heading", "status", "responsible", "date_from", "date_to", "page"],
    "logbook:entry-export": ["q", "kind", "heading", "status", "responsible", "date_from", "date_to"],
    "meetings:office-meetings": ["series"],
    "visits:people": ["section", "week"],
    "visits:book": ["week", "slot", "topic"],
    "visits:coverage": ["days"],
    "progress:office": ["period", "from", "to"],
    "progress:office-export": ["period", "from", "to"],
    "progress:administration": ["period", "from", "to", "sort"],
    "progress:administration-export": ["period", "from", "to", "sort"],
    "knowledge:glossary": ["q"],
    "knowledge:glossary-home": ["q"],
    "knowledge:term-detail": ["q"],
    "directory:people": ["q"],
    "questions:list": ["status", "overdue", "mine", "page"],
    "templates:list": ["kind"],
    "procedures:list": ["q", "page"],
    "meetings:proposal-decline": ["next"],
}
#: Parameters that ask for a custom period, so the dates behind them are read.
PERIOD_PAGES = {
    "progress:office",
    "progress:office-export",
    "progress:administration",
    "progress:administration-export",
}


PROGRAMME_APPS = ("programmes", "bootcamps", "taskforce", "development", "cafe", "changeagents")


def _count_rows():
    """Rows of every table of the apps, in one query."""
    tables = [
        m._meta.db_table
        for m in apps.get_models()
        if m._meta.app_label in ("logbook", "meetings", "visits", "offices", "knowledge", *PROGRAMME_APPS)
        and m._meta.managed
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _failure(error):
    """The error(s) with the minimal input Hypothesis found, in a few lines each."""
    errors = error.exceptions if isinstance(error, BaseExceptionGroup) else [error]
    lines = []
    for e in errors:
        notes = [n[:600] for n in getattr(e, "__notes__", []) if "Falsifying" in n or "payload=" in n or "params=" in n]
        lines.append(f"{type(e).__name__}: {str(e)[:600]} {' '.join(notes)}")
    return "\n".join(lines)


def _must_try(fields):
    """Inputs every form and page gets besides the random draws: one per class that once answered 500."""
    real = {name: field["value"] for name, field in fields.items()}
    shown = [name for name, field in fields.items() if field["type"] != "hidden"]
    dates = [name for name, field in fields.items() if field["type"] in ("date", "datetime-local")] or shown
    cases = [{**real, **dict.fromkeys(shown, value)} for value in ("\x00", "9" * 30, "x\r\nBcc: x@example.org")]
    cases += [{**real, **dict.fromkeys(dates, day)} for day in ("0001-01-01", "9999-12-31", "9999-12-31T23:59")]
    return cases


def _with_examples(test, name, cases):
    for case in cases:
        test = example(**{name: case})(test)
    return test


def _fuzz_form(client, person, action, fields, before):
    """One Hypothesis run of random posts to one form; each post in a savepoint that is rolled back."""

    @FUZZ
    @partial(_with_examples, name="payload", cases=_must_try(fields))
    @given(payload=st.fixed_dictionaries({name: _strategy(field) for name, field in fields.items()}))
    def post_random(payload):
        session = client.cookies.get("sessionid")
        with transaction.atomic():
            response = client.post(action, payload)
            assert response.status_code < 500, (action, response.status_code)
            if response.status_code in (400, 409):
                assert before == _count_rows(), f"{action} refused the input but saved something"
            transaction.set_rollback(True)
        if client.cookies.get("sessionid") != session:  # signed out or a new session, rolled back
            client.force_login(person)

    post_random()


def _fuzz_page(client, path, strategies):
    """One Hypothesis run of random query strings to one page."""

    @FUZZ
    @partial(_with_examples, name="params", cases=_must_try({n: {"type": "text", "value": ""} for n in strategies}))
    @given(params=st.fixed_dictionaries({}, optional=strategies))
    def get_random(params):
        with transaction.atomic():
            response = client.get(path, params)
            assert response.status_code < 500, (path, response.status_code)
            if response.streaming:
                b"".join(response.streaming_content)
            transaction.set_rollback(True)

    get_random()


#: Parts of each person's forms (every form in exactly one part). One each: a part reads every page again, which
#: costs more than it saves now that the longest tests start first (tests/conftest.py LONG_FIRST).
PARTS = {"resource_person": 1, "staff": 1}


@pytest.mark.parametrize(("who", "part"), [(who, part) for who, parts in PARTS.items() for part in range(parts)])
def test_random_input_into_every_form_never_breaks_the_server(client, world, office_a, who, part):
    person = getattr(world.a, who)
    client.force_login(person)
    forms = _forms(client, _pages(office_a))
    assert len(forms) >= (30 if who == "resource_person" else 8), sorted(forms)
    failures = {}
    before = _count_rows()  # every example is rolled back, so the counts before each one are these

    for action, form in sorted(forms.items())[part :: PARTS[who]]:
        started = time.monotonic()
        try:
            _fuzz_form(client, person, action, form["fields"], before)
        except Exception as error:
            failures[action] = _failure(error)
            client.force_login(person)
        if os.environ.get("FUZZ_TIMES"):
            print(f"{time.monotonic() - started:6.2f}s {action}")
    assert not failures, "\n\n".join(f"{a}\n{e}" for a, e in failures.items())


@pytest.mark.parametrize("who", ["resource_person", "staff"])
def test_hostile_query_parameters_on_every_list_search_week_and_period_page_never_break_the_server(
    client, world, office_a, who
):
    person = getattr(world.a, who)
    client.force_login(person)
    discovered = _forms(client, _pages(office_a), method="get")
    pages = {}
    for name, kwargs in office_a.items():
        path = reverse(name, kwargs=kwargs)
        fields = {p: {"type": "text", "value": "", "options": []} for p in GET_PARAMS.get(name, [])}
        fields.update(discovered.get(path, {}).get("fields", {}))
        if fields:
            pages[path] = fields
    assert len(pages) >= 12, sorted(pages)
    failures = {}

    for path, fields in sorted(pages.items()):
        if who == "staff" and resolve(path).view_name not in PERIOD_PAGES:
            continue  # the same pages as for the resource person; staff get their own figures on the period pages
        strategies = {name: _strategy(field) for name, field in fields.items()}
        if resolve(path).view_name in PERIOD_PAGES:
            strategies["period"] = st.one_of(st.just("custom"), VALUES)
            strategies["from"] = strategies["to"] = st.one_of(st.sampled_from(DATES), ANY_DATE, VALUES)

        started = time.monotonic()
        try:
            _fuzz_page(client, path, strategies)
        except Exception as error:
            failures[path] = _failure(error)
        if os.environ.get("FUZZ_TIMES"):
            print(f"{time.monotonic() - started:6.2f}s GET {path}")
    assert not failures, "\n\n".join(f"{p}\n{e}" for p, e in failures.items())


# Two submissions at the same moment ------------------------------------------------------------------------------

#: URL names of the forms that create something, with what the form needs beyond its own defaults.
CREATE_FORMS = {
    "logbook:entry-create": {},
    "logbook:circle-create": {},
    "logbook:measure-create": {"measure-name": "Ventetid", "measure-unit": "dage"},
    "logbook:datapoint-create": {},
    "logbook:measure-point-create": {"new-date": "2026-03-11"},
    "logbook:measure-part-create": {"part-starts_on": "2026-03-20", "part-label": "Ny skabelon"},
    "logbook:meeting-agreement-create": {"agreement-responsible": "staff"},
    "meetings:series-create": {},
    "meetings:meeting-create": {},
    "meetings:agenda-item-create": {},
    "meetings:comment-create": {},
    "meetings:proposal-create": {},
    "knowledge:term-create": {"term": "Dobbeltpost"},
    "questions:create": {},
    "procedures:create": {},
    "templates:share": {},
    "directory:profile": {"competences": "Dobbeltpost"},
    "offices:heading-list": {"new-name": "Dobbeltpost"},
    "taskforce:unit-create": {"name": "Dobbeltpost"},
}
#: Forms whose rows are unique by what is posted: two submissions give one row (the other a field error).
ONE_ROW = {
    "logbook:measure-create",
    "logbook:datapoint-create",
    "logbook:measure-point-create",
    "logbook:measure-part-create",
    "knowledge:term-create",
    "directory:profile",
    "offices:heading-list",
    "taskforce:unit-create",
}


def _valid_payload(form, extra):
    payload = {}
    for name, field in form["fields"].items():
        kind, value, options = field["type"], field["value"], [o for o in field["options"] if o]
        if kind == "checkbox":
            continue
        if kind == "hidden":
            payload[name] = value
            continue
        if kind in ("select", "radio") and options:
            value = value if value in options else options[0]
        elif not value:
            value = {
                "date": "2026-03-10",
                "datetime-local": "2026-03-10T10:00",
                "time": "10:00",
                "number": "30",
                "email": "dobbelt@example.org",
            }.get(kind, "Dobbelt indsendt")
        payload[name] = value
    payload.update(extra)
    return payload


def _post_twice_at_once(session_cookie, action, payload):
    barrier = threading.Barrier(2)
    results = []

    def post():
        client = Client()
        client.cookies["sessionid"] = session_cookie
        try:
            barrier.wait(timeout=10)
            results.append(client.post(action, payload).status_code)
        except Exception as error:  # in the server this would be a 500
            results.append(f"{type(error).__name__}: {error}")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_every_create_form_submitted_twice_at_the_same_moment_gives_one_row_or_a_clean_answer(client, world, office_a):
    """Two threads on two database connections post the same valid payload at once (a double click)."""
    person = world.a.resource_person
    client.force_login(person)
    forms = _forms(client, _pages(office_a))
    problems = []
    for name, extra in CREATE_FORMS.items():
        action = reverse(name, kwargs=office_a[name])
        assert action in forms, f"no form posts to {name}"
        extra = {k: str(world.a.staff.pk) if v == "staff" else v for k, v in extra.items()}
        payload = _valid_payload(forms[action], extra)
        with transaction.atomic():  # the payload is valid: one post alone is accepted
            response = client.post(action, payload)
            transaction.set_rollback(True)
        client.force_login(person)
        if response.status_code not in (200, 302):
            context = {key: response.context[key] for key in response.context.keys()} if response.context else {}  # noqa: SIM118
            errors = {k: v.errors for k, v in context.items() if hasattr(v, "is_bound") and v.errors}
            problems.append((name, "alone", response.status_code, payload, errors))
            continue
        before = _count_rows()
        results = _post_twice_at_once(client.cookies["sessionid"].value, action, payload)
        after = _count_rows()
        grown = {t: after[t] - before[t] for t in after if after[t] != before[t]}
        if not all(isinstance(r, int) and r < 500 for r in results):
            problems.append((name, "server error", results))
        elif not grown:
            problems.append((name, "nothing saved", results))
        elif name in ONE_ROW and max(grown.values()) != 1:
            problems.append((name, "two rows", results, grown))
    assert problems == []
