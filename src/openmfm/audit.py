"""Append-only, hash-chained audit log in SQLite, shared by every layer.

Each record's hash covers its content and the previous record's hash, so editing or deleting any
record breaks the chain from that point on. Triggers refuse UPDATE and DELETE through SQLite, and
a head file beside the database (last sequence number and hash, replaced atomically after each
append) catches the one thing a chain alone cannot: truncating the newest records.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from .errors import AuditError
from .migrations import migrate, script, statements, write_transaction
from .records import AuditRecord, utcnow

GENESIS = "0" * 64

# Version 1: the schema as first released (kept verbatim; later changes are new migrations, and any
# that rebuilds the table must recreate both triggers in the same step).
_V1 = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    policy_version TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_action ON audit(action);
"""
# Re-created on every open, as before versions existed: dropping them is itself tampering.
_GUARDS = """
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

MIGRATIONS = [script(_V1 + _GUARDS, "v1_hash_chained_log")]


def _canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_hash(seq: int, id: str, ts: str, actor: str, role: str | None, action: str,
                payload: str, policy_version: str | None, prev_hash: str) -> str:
    body = _canonical([seq, id, ts, actor, role, action, payload, policy_version, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class VerifyReport:
    ok: bool
    checked: int
    problems: list[str] = field(default_factory=list)


class AuditLog:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.head_path = self.path.with_suffix(self.path.suffix + ".head")
        con = self._connect()
        try:
            migrate(con, MIGRATIONS, what="audit log", path=self.path)
            for stmt in statements(_GUARDS):
                con.execute(stmt)
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        return con

    def append(self, action: str, payload: dict[str, Any], *, actor: str = "local",
               role: str | None = None, policy_version: str | None = None) -> AuditRecord:
        with write_transaction(self._connect()) as con:
            row = con.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            rid = uuid.uuid4().hex[:16]
            ts = utcnow().isoformat()
            body = _canonical(payload)
            h = record_hash(seq, rid, ts, actor, role, action, body, policy_version, prev)
            con.execute(
                "INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?)",
                (seq, rid, ts, actor, role, action, body, policy_version, prev, h),
            )
        self._write_head(seq, h)
        return AuditRecord(id=rid, seq=seq, ts=datetime.fromisoformat(ts), actor=actor, role=role,
                           action=action, payload=json.loads(body), policy_version=policy_version,
                           prev_hash=prev, hash=h)

    def _write_head(self, seq: int, h: str) -> None:
        """Under a file lock, and only forwards: appends from a server's threads or from several
        processes commit in sequence order but may reach this point in any order."""
        with open(self.head_path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.head_path.exists():
                current = self.head_path.read_text(encoding="ascii").split(" ", 1)[0]
                if current.isdigit() and int(current) >= seq:
                    return
            tmp = self.head_path.with_name(f"{self.head_path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(f"{seq} {h}\n", encoding="ascii")
            os.replace(tmp, self.head_path)

    @staticmethod
    def _row(row: tuple) -> AuditRecord:
        seq, rid, ts, actor, role, action, payload, pv, prev, h = row
        return AuditRecord(id=rid, seq=seq, ts=datetime.fromisoformat(ts), actor=actor, role=role,
                           action=action, payload=json.loads(payload), policy_version=pv,
                           prev_hash=prev, hash=h)

    def get(self, record_id: str) -> AuditRecord:
        with self._connect() as con:
            row = con.execute("SELECT * FROM audit WHERE id = ? OR id LIKE ?",
                              (record_id, f"{record_id}%")).fetchone()
        if row is None:
            raise AuditError(f"No audit record with id '{record_id}'.", "List ids with `mfm audit list`.")
        return self._row(row)

    def list(self, limit: int = 50, action: str | None = None) -> list[AuditRecord]:
        q, args = "SELECT * FROM audit", []
        if action:
            q += " WHERE action = ?"
            args.append(action)
        q += " ORDER BY seq DESC LIMIT ?"
        args.append(limit)
        with self._connect() as con:
            return [self._row(r) for r in con.execute(q, args).fetchall()]

    def _raw_rows(self) -> Iterator[tuple]:
        with self._connect() as con:
            yield from con.execute("SELECT * FROM audit ORDER BY seq")

    def verify(self) -> VerifyReport:
        problems: list[str] = []
        prev, expected_seq, checked = GENESIS, 1, 0
        for seq, rid, ts, actor, role, action, payload, pv, prev_hash, h in self._raw_rows():
            checked += 1
            if seq != expected_seq:
                problems.append(f"records {expected_seq}..{seq - 1} are missing (deleted)")
            if prev_hash != prev:
                problems.append(f"record {seq} ({rid}): previous-hash link broken")
            if record_hash(seq, rid, ts, actor, role, action, payload, pv, prev_hash) != h:
                problems.append(f"record {seq} ({rid}): content does not match its hash (edited)")
            prev, expected_seq = h, seq + 1
        if self.head_path.exists():
            head_seq, _, head_hash = self.head_path.read_text(encoding="ascii").strip().partition(" ")
            if int(head_seq) != expected_seq - 1 or head_hash != prev:
                problems.append(f"the log ends at record {expected_seq - 1} but the head file says "
                                f"{head_seq}: newest records were removed or replaced")
        return VerifyReport(ok=not problems, checked=checked, problems=problems)
