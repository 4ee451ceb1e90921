"""Sessions in SQLite in the data home, written after every turn in one transaction, so a
crashed process or a closed terminal loses at most the reply being read (``mfm consult --resume``)."""

from __future__ import annotations

import sqlite3

from ..config import Config
from ..errors import InvalidInput
from ..migrations import migrate, script
from .records import ConsultSession

# schema versions (openmfm.migrations); version 1 is the table as first released, kept verbatim
MIGRATIONS = [script("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created TEXT NOT NULL, "
                     "updated TEXT NOT NULL, status TEXT NOT NULL, actor TEXT NOT NULL, state TEXT NOT NULL);"
                     "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions(updated)", "v1_consult_sessions")]


class SessionStore:
    def __init__(self, cfg: Config):
        self.path = cfg.data_home / "consult.db"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect()
        try:
            migrate(con, MIGRATIONS, what="consultation store", path=self.path)
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def save(self, session: ConsultSession) -> None:
        con = self._connect()
        try:
            with con:  # one transaction: the row is the old state or the new one, never half
                con.execute("INSERT OR REPLACE INTO sessions VALUES (?,?,?,?,?,?)",
                            (session.id, session.created.isoformat(), session.updated.isoformat(), session.status,
                             session.actor, session.model_dump_json()))
        finally:
            con.close()

    def load(self, session_id: str) -> ConsultSession:
        con = self._connect()
        try:
            row = con.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        finally:
            con.close()
        if row is None:
            raise InvalidInput(f"No consultation session '{session_id}'.",
                               "The id is printed when a session starts; list them with `mfm consult --list`.")
        return ConsultSession.model_validate_json(row[0])

    def recent(self, limit: int = 20) -> list[tuple[str, str, str]]:
        """(id, updated, status) of the newest sessions."""
        con = self._connect()
        try:
            return con.execute("SELECT id, updated, status FROM sessions ORDER BY updated DESC LIMIT ?", (limit,)).fetchall()
        finally:
            con.close()
