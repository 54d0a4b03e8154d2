"""Deployment settings, run as a production process would: manage.py in a subprocess with a controlled environment.

Nothing is inherited from the test run (which asks for the development fallbacks in slf/settings_pytest.py).
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"


def documented_environment() -> dict[str, str]:
    """The variables of docs/deploy.md's "Production environment" block; each ``<…>`` becomes a fresh secret."""
    text = DEPLOY_DOC.read_text()
    section = text.split("## Production environment", 1)[1]
    block = re.search(r"```env\n(.*?)```", section, re.DOTALL).group(1)
    variables = {}
    for line in block.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, value = line.split("=", 1)
            variables[name.strip()] = re.sub(r"<[^>]*>", lambda _m: secrets.token_urlsafe(50), value.strip())
    return variables


def manage(*args, **variables):
    """Run manage.py with only ``variables`` (plus what a process needs to find Python) in its environment."""
    env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **variables}
    for needed in ("HOME", "SLF_DATA_DIR"):
        if needed in os.environ and needed not in env:
            env[needed] = os.environ[needed]
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_documented_environment_is_the_one_the_readme_deploys_with():
    variables = documented_environment()
    for name in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "TRUSTED_PROXY_HEADER"):
        assert name in variables
    assert "DEBUG" not in variables


def test_check_deploy_with_exactly_the_documented_environment_prints_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **documented_environment())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in output and "W0" not in output


def test_without_secret_key_and_database_url_the_app_refuses_to_start_and_says_why():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "DATABASE_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_secret_key_the_app_refuses_to_start():
    result = manage("check", DATABASE_URL="postgres://slf:secret@db.invalid:5432/slf")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "DATABASE_URL" not in result.stderr


def test_without_database_url_the_app_refuses_the_embedded_database_unless_asked_for():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert "SLF_EMBEDDED_DB=1" in result.stderr  # the message says how to ask for it
    assert "SECRET_KEY" not in result.stderr


def test_with_both_set_the_app_starts():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL="postgres://slf:x@db.invalid/slf")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_development_fallbacks_start_only_when_asked_for_by_name():
    result = manage("check", SLF_DEV_SECRET_KEY="1", SLF_EMBEDDED_DB="1")
    assert result.returncode == 0, result.stderr


def test_the_readme_demo_command_asks_for_the_development_fallbacks_itself():
    # `uv run manage.py demo` on a fresh clone: nothing set, and it starts (here up to its --help).
    result = manage("demo", "--help")
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout
