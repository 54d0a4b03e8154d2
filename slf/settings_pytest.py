"""Settings for the test run (``uv run pytest``, see ``[tool.pytest.ini_options]`` in pyproject.toml).

The production settings, with the development fallbacks asked for explicitly: the embedded PostgreSQL
(where ``DATABASE_URL`` is unset) and the published development key (where ``SECRET_KEY`` is unset).
They go into the environment, so the app processes some tests start (gunicorn, manage.py) get them too;
tests that check the production refusals build their own environment.

pytest-django imports the settings in its ``pytest_load_initial_conftests`` hook, before any conftest.py
is loaded, so this cannot live in a conftest.
"""

import os

os.environ.setdefault("SLF_EMBEDDED_DB", "1")
os.environ.setdefault("SLF_DEV_SECRET_KEY", "1")

from slf.settings import *  # noqa: F403
