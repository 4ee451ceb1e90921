"""Schema versions for OpenMFM's SQLite files: forward migrations, applied when a file is opened.

The audit log and a knowledge base are kept for years and outlive the code that wrote them, so
their layout cannot change by editing a ``CREATE TABLE``. Each store keeps an ordered list of
migrations (as simonw/llm does); ``PRAGMA user_version`` records how many have been applied. On
open, the missing ones run in order, each in its own transaction together with the version bump,
so a migration that fails leaves the file at its last good version. A file whose version is
higher than the code knows was written by a newer OpenMFM and is refused rather than misread.

Migration 1 of every store is the schema as it was before versions existed, written with
``IF NOT EXISTS``: a file from that time (``user_version`` 0, tables present) passes through it
unchanged and is then recorded as version 1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

from .errors import MFMError

Migration = Callable[[sqlite3.Connection], None]


class SchemaError(MFMError):
    """A database's schema is newer than this OpenMFM, or could not be migrated."""


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies keep their inner semicolons)."""
    out, buf = [], ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                out.append(buf.strip())
            buf = ""
    return out


def script(sql: str, name: str) -> Migration:
    """A migration made of SQL statements.

    They run one by one, because ``executescript`` commits any open transaction first, which
    would break the all-or-nothing promise of a migration.
    """
    parts = statements(sql)

    def run(con: sqlite3.Connection) -> None:
        for stmt in parts:
            con.execute(stmt)

    run.__name__ = name
    return run


def version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrate(con: sqlite3.Connection, migrations: Sequence[Migration], *, what: str, path: str | Path) -> int:
    """Bring ``con`` up to ``len(migrations)``; returns the version it is at afterwards.

    Safe against a second process opening the same file at the same moment: the version is
    re-read under the write lock before each step.
    """
    target = len(migrations)
    have = version(con)
    if have > target:
        raise SchemaError(
            f"The {what} at {path} has schema version {have}; this OpenMFM understands up to version {target}.",
            "It was written by a newer OpenMFM: upgrade openmfm (pip install -U openmfm) to open it. "
            "Do not open it with this version; nothing was changed.")
    if have == target:
        return have
    saved = con.isolation_level
    con.isolation_level = None  # explicit BEGIN/COMMIT below; the sqlite3 module must not add its own
    try:
        while True:
            con.execute("BEGIN IMMEDIATE")
            have = version(con)
            if have >= target:
                con.execute("COMMIT")
                return have
            step = migrations[have]
            try:
                step(con)
                con.execute(f"PRAGMA user_version = {have + 1}")
                con.execute("COMMIT")
            except BaseException as e:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                if isinstance(e, (SchemaError, KeyboardInterrupt)):
                    raise
                raise SchemaError(
                    f"Migrating the {what} at {path} from schema version {have} to {have + 1} "
                    f"({getattr(step, '__name__', 'migration')}) failed: {type(e).__name__}: {e}",
                    f"The file is unchanged at version {have}. Keep a copy of it and report this as an OpenMFM bug."
                ) from e
    finally:
        con.isolation_level = saved


@contextmanager
def write_transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on an autocommit connection, which it then closes: ``BEGIN
    IMMEDIATE`` takes the write lock up front (a reader that upgrades later can deadlock),
    anything raised inside rolls back, and the last committed state stays."""
    try:
        con.execute("BEGIN IMMEDIATE")
        yield con
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
