"""The Danish catalog is complete, current and compiled."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SKIP_DIRS = {".venv", ".data", ".git", "staticfiles", "node_modules", "tests", "__pycache__", ".ci", "bench"}


def _entries(po):
    return {(e.msgctxt, e.msgid) for e in po if not e.obsolete and e.msgid}


def test_every_danish_msgid_is_translated_and_not_fuzzy():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_compiled_catalog_matches_the_po_file():
    po = polib.pofile(str(PO))
    mo = polib.mofile(str(MO))

    def translations(catalog):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalog
            if e.msgid and not e.obsolete
        }

    assert translations(mo) == translations(po), "run: uv run python scripts/i18n.py compile"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed (apt-get install gettext)")
def test_no_source_string_is_missing_from_the_catalog(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda d, names: [n for n in names if n in SKIP_DIRS or n.endswith((".mo", ".pyc"))],
    )
    env = {**os.environ, "DATABASE_URL": "postgres://unused@localhost/unused"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = _entries(polib.pofile(str(copy / "locale" / "da" / "LC_MESSAGES" / "django.po")))
    committed = _entries(polib.pofile(str(PO)))
    missing = sorted(msgid for _, msgid in fresh - committed)
    stale = sorted(msgid for _, msgid in committed - fresh)
    assert not missing, f"strings not in locale/da (run scripts/i18n.py update): {missing}"
    assert not stale, f"strings no longer in the source (run scripts/i18n.py update): {stale}"
