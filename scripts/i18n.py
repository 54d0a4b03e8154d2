"""Danish catalog helper for developers.

    uv run python scripts/i18n.py update          # makemessages for da (no locations, no obsolete)
    uv run python scripts/i18n.py missing         # untranslated or fuzzy msgids, as JSON to fill in
    uv run python scripts/i18n.py fill FILE.json  # apply {"msgid": "msgstr" | ["singular", "plural"]}
    uv run python scripts/i18n.py compile         # compilemessages

The test suite fails while any msgid is untranslated or fuzzy, or missing from the catalog.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv/*", ".data/*", "staticfiles/*", "node_modules/*"]


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, check=True)


def update():
    ignores = [arg for pattern in IGNORE for arg in ("-i", pattern)]
    manage("makemessages", "-l", "da", "--no-location", "--no-obsolete", *ignores)


def missing():
    po = polib.pofile(str(PO))
    out = {}
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if "fuzzy" in entry.flags or not all(entry.msgstr_plural.values()):
                out[entry.msgid] = [entry.msgid, entry.msgid_plural]
        elif "fuzzy" in entry.flags or not entry.msgstr:
            out[entry.msgid] = ""
    print(json.dumps(out, ensure_ascii=False, indent=1))


def fill(path):
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    done = 0
    for entry in po:
        if entry.msgid not in translations:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            if not isinstance(value, list) or len(value) != 2:
                raise SystemExit(f"plural entry needs [singular, plural]: {entry.msgid!r}")
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
        done += 1
    po.save(str(PO))
    print(f"filled {done} of {len(translations)}")


def compile_():
    manage("compilemessages", "-l", "da", "--ignore", ".venv")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if command == "update":
        update()
    elif command == "missing":
        missing()
    elif command == "fill":
        fill(sys.argv[2])
    elif command == "compile":
        compile_()
    else:
        raise SystemExit(__doc__)
