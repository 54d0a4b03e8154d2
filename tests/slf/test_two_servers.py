"""Two app servers and two queue workers against one PostgreSQL: nothing is kept on a machine.

The real thing, as a municipality would run it (docs/deploy.md "Topology"): two gunicorn processes on two
ports and two ``manage.py procrastinate worker`` processes, all with the same environment, against the test
database, and a real SMTP server (aiosmtpd) run by the test. The test's own rows are committed (a
transactional test), so the processes see them.
"""

import email
import html.parser
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from accounts.models import User
from notifications import outbox
from notifications.choices import Kind
from notifications.models import Delivery, DeliveryStatus

ROOT = Path(__file__).resolve().parents[2]
EMAIL, PASSWORD = "two-servers@test.example", "two-servers-password-2026"
MAILS = 200

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(check, seconds=30.0, pause=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(pause)
    return False


class Browser:
    """One browser (one cookie jar) that can talk to either server: cookies are per host, not per port."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, base, path, data=None):
        body = (
            urllib.parse.urlencode([tuple(pair) for pair in data] if isinstance(data, list) else data).encode()
            if data is not None
            else None
        )
        try:
            with self.opener.open(base + path, data=body, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def session_cookie(self):
        return next((c.value for c in self.jar if c.name == "sessionid"), None)


class FormFields(html.parser.HTMLParser):
    """The values a browser would post from a page's form that holds ``field`` (inputs, selects, textareas)."""

    def __init__(self, field):
        super().__init__()
        self.field, self.forms, self._form, self._select, self._textarea = field, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = []
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if attrs.get("type") not in {"submit", "button", "file"}:
                self._form.append([attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")])
        elif tag == "select":
            self._select = [attrs.get("name"), None, None]  # name, first option, selected option
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._select[1] = value if self._select[1] is None else self._select[1]
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select:
            self._form.append([self._select[0], self._select[2] if self._select[2] is not None else self._select[1]])
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._form.append(self._textarea)
            self._textarea = None
        elif tag == "form":
            if any(name == self.field for name, _ in self._form):
                self.forms.append(self._form)
            self._form = None

    @classmethod
    def of(cls, page, field) -> list[list[str]]:
        parser = cls(field)
        parser.feed(page)
        return parser.forms[0]


class Inbox:
    """aiosmtpd handler: counts what it accepts (it runs in the controller's own thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message["From"], message["Message-ID"]))
        return "250 OK"


def _forget_jobs():
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, procrastinate_workers"
        )


def _database_url() -> str:
    """The test database, as a URL for the app processes (the embedded server listens on a Unix socket)."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = ":" + urllib.parse.quote(db["PASSWORD"]) if db["PASSWORD"] else ""
    host = urllib.parse.quote(db["HOST"] or db["OPTIONS"].get("host", ""), safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def cluster(transactional_db, smtp, tmp_path):
    """Two gunicorn servers and two workers, sharing the environment: database, SECRET_KEY, mail relay."""
    controller, _inbox = smtp
    _forget_jobs()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",  # nothing left open on the test database when it is flushed or dropped
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-shared-secret-key-" + "x" * 40,
        "AXES_ENABLED": "0",
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "EMAIL_TIMEOUT": "10",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    processes = []

    def start(command, **extra):
        log = open(tmp_path / f"process-{len(processes)}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, env=env | extra, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        processes.append((process, log))
        return process

    ports = [_free_port(), _free_port()]
    for port in ports:
        start([sys.executable, "-m", "gunicorn", "slf.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "30"])
    for n in (1, 2):
        # Each worker signs its mail with its own sender address, so the test sees that both took part.
        start(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "procrastinate",
                "worker",
                "-n",
                f"worker-{n}",
                "-q",
                "mail",
                "-c",
                "3",
            ],
            DEFAULT_FROM_EMAIL=f"worker-{n}@slf.example",
        )
    try:
        yield [f"http://127.0.0.1:{port}" for port in ports], processes
    finally:
        for process, _log in processes:
            process.terminate()
        for process, log in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        _forget_jobs()


def _logs(processes) -> str:
    return "\n".join(Path(log.name).read_text(errors="replace")[-2000:] for _process, log in processes)


def _sign_in(browser, base):
    _status, page = browser.request(base, "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return browser.request(
        base, "/accounts/login/", {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD}
    )


def _workers_running() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM procrastinate_workers")
        return cursor.fetchone()[0]


def test_two_app_servers_and_two_workers_share_nothing_but_the_database(cluster, smtp, settings):
    (one, two), processes = cluster
    _controller, inbox = smtp
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the servers' own
    User.objects.create_user(EMAIL, PASSWORD, full_name="Første Server")
    people = User.objects.bulk_create(
        User(email=f"person-{n}@test.example", full_name=f"Modtager {n}") for n in range(MAILS)
    )
    browser = Browser()
    for base in (one, two):
        assert _wait_until(lambda base=base: browser.request(base, "/healthz")[0] == 200), _logs(processes)

    # Signed in on server 1 is signed in on server 2: the session lives in the database, the cookie is the same.
    status, page = _sign_in(browser, one)
    assert status == 200 and "Første Server" in page
    cookie = browser.session_cookie()
    status, page = browser.request(two, "/")
    assert status == 200 and "Første Server" in page
    assert browser.session_cookie() == cookie

    # A change made on server 1 is seen on server 2 (and one made on 2 on 1).
    _status, page = browser.request(one, "/accounts/profile/")
    fields = [
        [name, "Ændret På Et" if name == "full_name" else value] for name, value in FormFields.of(page, "full_name")
    ]
    status, page = browser.request(one, "/accounts/profile/", fields)
    assert status == 200 and "Ændret På Et" in page
    status, page = browser.request(two, "/")
    assert status == 200 and "Ændret På Et" in page and "Første Server" not in page
    browser.request(two, "/accounts/profile/", [[n, "Og Så På To" if n == "full_name" else v] for n, v in fields])
    status, page = browser.request(one, "/")
    assert status == 200 and "Og Så På To" in page

    # 200 e-mails queued while both workers listen: each delivered once, by one of them.
    assert _wait_until(lambda: _workers_running() == 2), _logs(processes)
    started = time.monotonic()
    deliveries = outbox.send(Kind.REMINDER, people, "logbook/email/reminder", {})
    assert len(deliveries) == MAILS
    assert _wait_until(lambda: len(inbox.messages) >= MAILS, seconds=45), (len(inbox.messages), _logs(processes))
    assert _wait_until(lambda: Delivery.objects.filter(status=DeliveryStatus.SENT).count() == MAILS, seconds=10)
    time.sleep(1)  # a duplicate would arrive about now
    took = time.monotonic() - started

    recipients = Counter(address for rcpt_tos, _sender, _id in inbox.messages for address in rcpt_tos)
    assert set(recipients) == {person.email for person in people}
    assert set(recipients.values()) == {1}, [a for a, n in recipients.items() if n > 1]
    message_ids = Counter(message_id for _rcpt, _sender, message_id in inbox.messages)
    assert len(message_ids) == MAILS and set(message_ids.values()) == {1}
    senders = Counter(sender for _rcpt, sender, _id in inbox.messages)
    assert set(senders) == {"worker-1@slf.example", "worker-2@slf.example"}, senders  # both workers took part
    assert Delivery.objects.filter(attempts=1).count() == MAILS
    print(f"{MAILS} mails by two workers in {took:.1f} s: {dict(senders)}")
