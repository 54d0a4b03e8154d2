"""A real SMTP server (aiosmtpd) and an in-process queue worker for the mail tests.

pytest-django forces the locmem mail backend; the ``smtp`` fixture points Django's SMTP backend at the test
server instead, and the worker, running in this process, reads the same settings.
"""

import email
import json
import socket
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, connections
from procrastinate.contrib.django import app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message it accepts, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


class SmtpServer:
    """A mail server the test can stop and start again (a stopped Controller can't restart: a new one)."""

    def __init__(self):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None

    @property
    def messages(self):
        return self.inbox.messages

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address):
        return [m for m in self.messages if address in m.envelope_to]


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    # Fast backoff for the tests: 0.1 s doubling up to 0.4 s.
    settings.MAIL_RETRY_FIRST_WAIT = 0.1
    settings.MAIL_RETRY_MAX_WAIT = 0.4
    yield server
    server.stop()


def _forget_jobs():
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, procrastinate_workers"
        )


class Queue:
    """The queue as a test sees it: run a worker until nothing is due, look at the jobs."""

    def run(self, queues=("mail", "periodic")):
        """Run a worker in this process until no job is ready (jobs scheduled for later stay)."""
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(
                queues=list(queues),
                wait=False,
                install_signal_handlers=False,
                listen_notify=False,
                fetch_job_polling_interval=0.05,
            )

    def jobs(self, status=None, task="notifications.deliver") -> list[dict]:
        """The queue's jobs (of the mail task unless ``task`` says another, or None for all)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, task_name, status, attempts, args FROM procrastinate_jobs"
                " WHERE (%(status)s::text IS NULL OR status::text = %(status)s)"
                " AND (%(task)s::text IS NULL OR task_name = %(task)s) ORDER BY id",
                {"status": status, "task": task},
            )
            return [
                {"id": row[0], "task": row[1], "status": row[2], "attempts": row[3], "args": json.loads(row[4])}
                for row in cursor.fetchall()
            ]

    def errors(self) -> set[str]:
        from notifications.models import Delivery

        return set(Delivery.objects.values_list("last_error", flat=True))

    def run_until(self, done, timeout: float = 20.0):
        """Run the worker again and again (retries wait their backoff) until ``done()`` is true."""
        deadline = time.monotonic() + timeout
        while not done():
            assert time.monotonic() < deadline, f"the queue did not get there: {self.jobs()} {self.errors()}"
            self.run()
            time.sleep(0.05)


@pytest.fixture
def queue(transactional_db):
    """The in-process worker; jobs left by other tests are forgotten before and after.

    The jobs run in worker threads, each with its own database connection; with CONN_MAX_AGE 0 the job's
    ``close_old_connections`` closes it, so none is left open when the test database is dropped.
    """
    database = connections.settings["default"]
    max_age, database["CONN_MAX_AGE"] = database["CONN_MAX_AGE"], 0
    _forget_jobs()
    yield Queue()
    _forget_jobs()
    database["CONN_MAX_AGE"] = max_age
