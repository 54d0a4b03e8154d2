#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that only make sense on a developer's machine ask, visibly, for the development fallbacks that
# slf/settings.py refuses otherwise while DEBUG is off: the embedded PostgreSQL (when DATABASE_URL is unset)
# and the published development key (when SECRET_KEY is unset). Every other command, and gunicorn, gets
# neither unless the environment asks for them.
DEVELOPMENT_COMMANDS = {"demo", "seed_scale", "makemigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slf.settings")
    if len(sys.argv) > 1 and sys.argv[1] in DEVELOPMENT_COMMANDS:
        os.environ.setdefault("SLF_EMBEDDED_DB", "1")
        os.environ.setdefault("SLF_DEV_SECRET_KEY", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
