"""Benchmark SLF Logbook at municipal scale: gunicorn on loopback, real sign-ins, the main pages.

    SLF_DATABASE=slf_scale uv run manage.py seed_scale          # once: build the data set
    SLF_DATABASE=slf_scale uv run python bench/run.py           # measure; prints a Markdown table
    SLF_DATABASE=slf_scale uv run python bench/run.py --write   # ... and puts it into docs/performance.md
    SLF_DATABASE=slf_scale uv run python bench/run.py --save /tmp/1x.json             # the growth run:
    SLF_DATABASE=slf_scale2 uv run python bench/run.py --baseline /tmp/1x.json --write --block bench-2x

It starts gunicorn on 127.0.0.1 (a free port, ``--workers`` processes) against the scale database,
signs in as people in different roles, and drives every page for ``--requests`` requests (or
``--seconds``, whichever ends first) from ``--clients`` concurrent clients. Per page: requests/s,
p50 and p95, p95 as a multiple of both floors (``/healthz``, one query; ``/healthz/signed-in``, a signed-in
page that renders base.html and nothing else), SQL queries (counted
in-process with Django's test client on the same database), and the gunicorn workers' RSS after
the run. It also times the Danish full-text search of the logbook in-process and weighs the first
page load (HTML plus its static files, compressed, as a browser fetches them). Bounded; stops by itself.
"""

import argparse
import gzip
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "slf-scale-2026"  # noqa: S105 - the scale data set's password


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310 - loopback http
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def sign_in(self, email):
        _status, page, _headers = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD})
        with self.opener.open(self.base + "/accounts/login/", data=body.encode(), timeout=60) as response:
            assert "/accounts/login/" not in response.url, f"sign-in failed for {email}"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pages():
    """(label, who, path) for every page measured, built from the scale data."""
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from accounts.models import User
    from logbook.models import LearningCircle
    from meetings.models import Meeting
    from offices.models import AdministrationLeader, Membership, Office
    from scale.text import search_terms

    office = Office.objects.order_by("pk").first()
    members = Membership.objects.filter(office=office).select_related("person")
    rp = members.filter(role="resource_person").first().person
    staff = members.filter(role="staff").first().person
    chief = members.filter(role="office_chief").first().person
    host = members.filter(role="staff").order_by("-pk").first().person
    head = AdministrationLeader.objects.filter(administration=office.administration).first().person
    admin, _created = User.objects.get_or_create(
        email="bench-admin@scale.example",
        defaults={"full_name": "Bench Admin", "initials": "BA", "is_staff": True, "is_superuser": True},
    )
    admin.set_password(PASSWORD)
    admin.save()
    meeting = Meeting.objects.filter(series__office=office, starts_at__lt=timezone.now()).order_by("-starts_at").first()
    circle = LearningCircle.objects.filter(office=office).first()
    pages = [
        ("floor: /healthz", None, "/healthz"),
        ("floor: signed in (base.html)", staff, "/healthz/signed-in"),
        ("My page", staff, "/"),
        ("Logbook", rp, f"/logbook/{office.slug}/"),
        ("Logbook, search (common word)", rp, f"/logbook/{office.slug}/?q={quote(search_terms()[1])}"),
        ("Logbook, search (rare word)", rp, f"/logbook/{office.slug}/?q={quote(search_terms()[4])}"),
        ("Meeting page", rp, meeting.get_absolute_url()),
        ("Learning circle", rp, circle.get_absolute_url()),
        ("Book a colleague", staff, f"/visits/book/{host.pk}/"),
    ]
    for label, who, name, kwargs in (
        ("Office progress", chief, "progress:office", {"slug": office.slug}),
        ("Administration overview", head, "progress:administration", {"slug": office.administration.slug}),
    ):
        try:
            pages.append((label, who, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            print(f"(skipped: {label}, no URL {name})", file=sys.stderr)
    pages.append(("reference: admin changelist of entries", admin, "/admin/logbook/entry/"))
    return pages


def _queries(pages):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, who, path in pages:
        client = Client()
        if who is not None:
            client.force_login(who, backend="django.contrib.auth.backends.ModelBackend")
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[label] = (len(captured), response.status_code)
    return counts


def _search_times(rounds=200):
    from logbook.filters import EntryFilter
    from logbook.views import _entries
    from offices.models import Office

    office = Office.objects.order_by("pk").first()
    from scale.text import search_terms

    terms = search_terms()
    times = []
    for i in range(rounds):
        started = time.perf_counter()
        list(EntryFilter({"q": terms[i % len(terms)]}, queryset=_entries(office), office=office).qs[:25])
        times.append((time.perf_counter() - started) * 1000)
    return times


def _percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _drive(base, email, path, requests, seconds, clients):
    def worker(_n):
        browser = Browser(base)
        if email:
            browser.sign_in(email)
        for _ in range(3):  # warm-up, not counted
            browser.get(path)
        latencies, deadline = [], time.monotonic() + seconds
        for _ in range(requests // clients):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            status, _body, _headers = browser.get(path)
            latencies.append((time.perf_counter() - started) * 1000)
            assert status == 200, f"{path} answered {status}"
        return latencies

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(worker, range(clients)))
    elapsed = time.monotonic() - started
    latencies = [x for r in results for x in r]
    return latencies, len(latencies) / elapsed


def _page_weight(base, email):
    browser = Browser(base)
    browser.sign_in(email)
    _status, body, headers = browser.get("/", {"Accept-Encoding": "gzip"})
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    total = len(body)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    for asset in assets:
        _s, data, _h = browser.get(asset.decode(), {"Accept-Encoding": "gzip"})
        total += len(data)
    return total, len(assets)


def _rss(master_pid):
    import psutil

    master = psutil.Process(master_pid)
    return [child.memory_info().rss for child in master.children()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--seconds", type=float, default=30, help="longest time per page (default 30)")
    parser.add_argument("--clients", type=int, default=2, help="concurrent clients (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--write", action="store_true", help="put the table into docs/performance.md")
    parser.add_argument(
        "--block", default="bench", help="which table of docs/performance.md --write replaces (bench, bench-2x)"
    )
    parser.add_argument("--save", help="write the p95 of every page to this JSON file")
    parser.add_argument("--baseline", help="a --save file of an earlier run: adds each page's p95 growth against it")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slf.settings")
    os.environ.setdefault("SLF_DATABASE", "slf_scale")
    # A local benchmark: the embedded database and the development key, asked for explicitly (DEBUG stays off).
    os.environ.setdefault("SLF_EMBEDDED_DB", "1")
    os.environ.setdefault("SLF_DEV_SECRET_KEY", "1")
    static_root = tempfile.mkdtemp(prefix="slf-bench-static-")
    env = {**os.environ, "DEBUG": "0", "STATIC_MANIFEST": "1", "STATIC_ROOT": static_root, "AXES_ENABLED": "0"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    os.environ.update({k: env[k] for k in ("DEBUG", "STATIC_MANIFEST", "STATIC_ROOT", "AXES_ENABLED")})

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    pages = _pages()
    queries = _queries(pages)
    search = _search_times()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "slf.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        for _ in range(100):
            try:
                if Browser(base).get("/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        weight, assets = _page_weight(base, pages[1][1].email)
        for label, who, path in pages:
            latencies, rps = _drive(base, who.email if who else None, path, args.requests, args.seconds, args.clients)
            rows.append((label, path, rps, _percentile(latencies, 50), _percentile(latencies, 95), len(latencies)))
            print(
                f"{label:<42} {rps:7.1f} req/s  p50 {rows[-1][3]:7.1f} ms  p95 {rows[-1][4]:7.1f} ms", file=sys.stderr
            )
        rss = _rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    floor = rows[0][4]
    signed_floor = next((r[4] for r in rows if r[0].startswith("floor: signed in")), floor)
    import json

    baseline = json.loads(Path(args.baseline).read_text()) if args.baseline else {}
    if args.save:
        Path(args.save).write_text(json.dumps({label: p95 for label, _path, _rps, _p50, p95, _n in rows}, indent=1))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM logbook_entry), (SELECT count(*) FROM visits_visit), "
            "(SELECT count(*) FROM meetings_meeting), (SELECT count(*) FROM accounts_user), "
            "(SELECT count(*) FROM offices_office)"
        )
        entries, visits, meetings, people, offices = cursor.fetchone()
    import platform

    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PostgreSQL (embedded), "
        f"gunicorn {args.workers} workers, {args.clients} clients; load average before the run {load}.",
        f"Data: {offices} offices, {people:,} people, {meetings:,} meetings, "
        f"{entries:,} logbook entries, {visits:,} visits.",
        "",
        "| page | req/s | p50 ms | p95 ms | × /healthz | × signed-in floor | SQL queries | requests |"
        + (" p95 growth |" if baseline else ""),
        "|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if baseline else ""),
    ]
    for label, _path, rps, p50, p95, n in rows:
        count, _status = queries[label]
        line = (
            f"| {label} | {rps:.1f} | {p50:.1f} | {p95:.1f} | {p95 / floor:.1f}× | {p95 / signed_floor:.1f}× "
            f"| {count} | {n} |"
        )
        if baseline:
            before = baseline.get(label)
            line += f" {100 * (p95 / before - 1):+.0f} % |" if before else " – |"
        lines.append(line)
    lines += [
        "",
        f"Danish full-text search over {entries:,} entries (in-process, ranked, 25 results with snippets): "
        f"p50 {_percentile(search, 50):.1f} ms, p95 {_percentile(search, 95):.1f} ms ({len(search)} searches).",
        f"Worker RSS after the run: {', '.join(f'{r / 1024 / 1024:.0f} MB' for r in rss)}.",
        f"First page load (My page, signed in, gzip): {weight / 1024:.0f} KB in {assets + 1} requests.",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        doc = ROOT / "docs" / "performance.md"
        text = doc.read_text() if doc.exists() else ""
        start, end = f"<!-- {args.block}:start -->", f"<!-- {args.block}:end -->"
        block = f"{start}\n{table}\n{end}"
        text = re.sub(f"{start}.*?{end}", block, text, flags=re.S) if start in text else text + "\n" + block + "\n"
        doc.write_text(text)


if __name__ == "__main__":
    main()
