"""Playwright driving Debian's Chromium against pytest-django's live server.

Chromium: /usr/bin/chromium, or the path in PLAYWRIGHT_CHROMIUM_EXECUTABLE.
Without it these tests skip; install it with `apt-get install -y chromium`.
"""

import os
import shutil

import pytest

from tests.factories import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str | None:
    candidate = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE") or "/usr/bin/chromium"
    if os.path.exists(candidate):
        return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="package")
def playwright_session():
    """One Playwright for the browser tests: its sync API allows one per thread, and its event loop runs in
    the test thread until it stops, so it stops when the browser tests are done (later tests use asyncio)."""
    if not chromium_path():
        pytest.skip(
            "No Chromium found: install it with `apt-get install -y chromium` "
            "or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright, *extra_args):
    return playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=[*CHROMIUM_ARGS, *extra_args]
    )


@pytest.fixture(scope="package")
def browser(playwright_session):
    browser = launch_chromium(playwright_session)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    """A page with JavaScript switched off: every journey must also work as plain forms."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="da-DK")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page):
    """axe-core (WCAG 2.1 A and AA) finds nothing on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture
def sign_in(page):
    """``sign_in(user)`` signs in through the real form."""

    def _sign_in(user, password=PASSWORD, target=page):
        target.goto("/accounts/login/")
        target.get_by_label("E-mailadresse").fill(user.email)
        target.get_by_label("Adgangskode").fill(password)
        target.get_by_role("button", name="Log ind").click()
        target.wait_for_url("**/")
        return target

    return _sign_in
