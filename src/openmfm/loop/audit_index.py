"""An incremental index of the audit log's answers, for monitoring a million entries in seconds.

The audit log is append-only and keyed by ``seq``, so the index only ever reads the entries after
the last one it saw and never writes the log. One row per ``ask`` holds what the monitor counts
(language, abstention, support, removed statements, flags, latency, model and KB snapshot) and one
row per cited span what ``stale`` needs (source, version, span); per-day rollups of the answers
(counts, sums, latency bins, versions) are updated in the same transaction, so a summary never
scans the answers themselves. The JSON is taken apart by
SQLite's ``json_extract`` (one parse per entry, in C) so the transcript and retrieval lists, the
bulk of each payload, never reach Python. The index is derived data: delete it and it is rebuilt.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass

from ..audit import AuditLog
from ..config import Config
from ..errors import AuditError
from ..migrations import migrate, script

_V1 = """
CREATE TABLE IF NOT EXISTS answers (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, ts TEXT NOT NULL, day TEXT NOT NULL, lang TEXT, mode TEXT,
    refused INTEGER NOT NULL, abstained INTEGER NOT NULL, support REAL, claims INTEGER NOT NULL,
    removed INTEGER NOT NULL, conflict INTEGER NOT NULL, red_flag INTEGER NOT NULL, latency REAL,
    lat_bin INTEGER, model TEXT, kb TEXT, kb_snapshot TEXT, replay_of TEXT
);
CREATE INDEX IF NOT EXISTS answers_day ON answers(day);
CREATE TABLE IF NOT EXISTS citations (
    seq INTEGER NOT NULL, n INTEGER NOT NULL, kb TEXT, source_id TEXT NOT NULL, version INTEGER NOT NULL,
    chunk_id TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS citations_source ON citations(kb, source_id, version);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL, lang TEXT NOT NULL, answers INTEGER NOT NULL, refused INTEGER NOT NULL,
    abstained INTEGER NOT NULL, support REAL NOT NULL, answered INTEGER NOT NULL, claims INTEGER NOT NULL,
    removed INTEGER NOT NULL, conflict INTEGER NOT NULL, red_flag INTEGER NOT NULL, PRIMARY KEY (day, lang)
);
CREATE TABLE IF NOT EXISTS daily_latency (
    day TEXT NOT NULL, lang TEXT NOT NULL, bin INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, lang, bin)
);
CREATE TABLE IF NOT EXISTS daily_versions (
    day TEXT NOT NULL, lang TEXT NOT NULL, model TEXT NOT NULL, kb TEXT NOT NULL, kb_snapshot TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (day, lang, model, kb, kb_snapshot)
);
"""
# The per-day rollups a summary reads (a few rows per day, whatever the log's size), each brought
# up to date from the answers rows one batch added; '' stands for "none" in key columns. Replays
# (`audit replay`, `monitor stale --replay`) re-run old questions: they are not traffic, so no rollup counts them.
_ROLLUPS = [
    """INSERT INTO daily SELECT day, COALESCE(lang, '?'), COUNT(*), SUM(refused), SUM(abstained AND NOT refused),
       SUM(CASE WHEN abstained THEN 0 ELSE COALESCE(support, 0) END), SUM(NOT abstained), SUM(claims), SUM(removed),
       SUM(conflict), SUM(red_flag) FROM answers WHERE seq > ? AND seq <= ? AND replay_of IS NULL GROUP BY 1, 2
       ON CONFLICT (day, lang) DO UPDATE SET answers = answers + excluded.answers, refused = refused + excluded.refused,
       abstained = abstained + excluded.abstained, support = support + excluded.support,
       answered = answered + excluded.answered, claims = claims + excluded.claims, removed = removed + excluded.removed,
       conflict = conflict + excluded.conflict, red_flag = red_flag + excluded.red_flag""",
    """INSERT INTO daily_latency SELECT day, COALESCE(lang, '?'), lat_bin, COUNT(*) FROM answers
       WHERE seq > ? AND seq <= ? AND lat_bin IS NOT NULL AND replay_of IS NULL GROUP BY 1, 2, 3
       ON CONFLICT (day, lang, bin) DO UPDATE SET n = n + excluded.n""",
    """INSERT INTO daily_versions SELECT day, COALESCE(lang, '?'), COALESCE(model, ''), COALESCE(kb, ''),
       COALESCE(kb_snapshot, ''), COUNT(*) FROM answers WHERE seq > ? AND seq <= ? AND replay_of IS NULL
       GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (day, lang, model, kb, kb_snapshot) DO UPDATE SET n = n + excluded.n""",
]
MIGRATIONS = [script(_V1, "v1_answers_and_citations")]

LAT_BASE = 1.05  # latency histogram bins grow by 5%: percentiles are exact to within 5%
_FIELDS = ("$.language", "$.mode", "$.abstained", "$.support_score", "$.timings.total", "$.model", "$.kb",
           "$.kb_snapshot", "$.replay_of", "$.flags", "$.claims", "$.evidence")
_SELECT = ("SELECT seq, id, ts, json_extract(payload, " + ", ".join(f"'{f}'" for f in _FIELDS) + ") "
           "FROM log.audit WHERE seq > ? AND seq <= ? AND action = 'ask' ORDER BY seq LIMIT ?")
REFUSING = {"injection", "harmful_request"}


def lat_bin(seconds: float | None) -> int | None:
    if seconds is None or seconds <= 0:
        return None
    return math.ceil(math.log(seconds) / math.log(LAT_BASE))


def bin_seconds(b: int) -> float:
    """The upper edge of a latency bin."""
    return LAT_BASE ** b


def _rows(seq: int, rid: str, ts: str, packed: str) -> tuple[tuple, list[tuple]]:
    lang, mode, abstained, support, latency, model, kb, snap, replay_of, flags, claims, evidence = json.loads(packed)
    flags, claims, evidence = flags or [], claims or [], evidence or []
    kinds = {f.get("kind") for f in flags}
    refused = any(f.get("kind") in REFUSING and f.get("severity") == "critical" for f in flags)
    row = (seq, rid, ts, ts[:10], lang, mode, int(refused), int(bool(abstained)), support, len(claims),
           sum(1 for c in claims if c.get("removed")), int("conflict" in kinds), int("red_flag" in kinds),
           latency, lat_bin(latency), model, kb, snap, replay_of)
    cites = [(seq, e.get("n", i), kb, e["source_id"], e["version"], e.get("chunk_id"), e.get("span_start"),
              e.get("span_end")) for i, e in enumerate(evidence, 1) if e.get("source_id") is not None]
    return row, cites


@dataclass
class IndexUpdate:
    read: int  # answers added to the index by this update
    last_seq: int


class AuditIndex:
    """``data_home/logs/audit_index.db``, kept level with the audit log by ``update``."""

    def __init__(self, cfg: Config):
        self.log_path = cfg.audit_path
        self.path = self.log_path.with_name("audit_index.db")
        AuditLog(self.log_path)  # creates (or migrates) the log, so a fresh data home has an empty one
        con = self.connect()
        try:
            migrate(con, MIGRATIONS, what="audit index", path=self.path)
        finally:
            con.close()

    def connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        return con

    def last_seq(self, con: sqlite3.Connection) -> int:
        row = con.execute("SELECT value FROM state WHERE key = 'last_seq'").fetchone()
        return int(row[0]) if row else 0

    def update(self, batch: int = 10_000) -> IndexUpdate:
        """Read the log's entries after the last indexed one, in batches of one transaction each.

        A log that is shorter than the index (restored from an older copy) is refused rather than
        silently mixed with the newer index."""
        con = self.connect()
        try:
            con.execute("ATTACH DATABASE ? AS log", (str(self.log_path),))  # read only: nothing here writes it
            top = con.execute("SELECT COALESCE(MAX(seq), 0) FROM log.audit").fetchone()[0]
            last = self.last_seq(con)
            if top < last:
                raise AuditError(f"The audit log ends at entry {top} but its index at {self.path} has read up to {last}.",
                                 f"The log was replaced by an older copy: check it with `mfm audit verify`, then "
                                 f"delete {self.path} to rebuild the index.")
            read = 0
            while last < top:
                rows = con.execute(_SELECT, (last, top, batch)).fetchall()
                con.execute("BEGIN IMMEDIATE")
                try:
                    answers, cites = [], []
                    for seq, rid, ts, packed in rows:
                        a, c = _rows(seq, rid, ts, packed)
                        answers.append(a)
                        cites.extend(c)
                    con.executemany(f"INSERT INTO answers VALUES ({','.join('?' * 19)})", answers)
                    con.executemany("INSERT INTO citations VALUES (?,?,?,?,?,?,?,?)", cites)
                    start, last = last, rows[-1][0] if len(rows) == batch else top
                    for sql in _ROLLUPS:
                        con.execute(sql, (start, last))
                    con.execute("INSERT OR REPLACE INTO state VALUES ('last_seq', ?)", (str(last),))
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                read += len(rows)
            return IndexUpdate(read=read, last_seq=last)
        finally:
            con.close()
