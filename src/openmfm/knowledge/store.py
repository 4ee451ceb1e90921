"""Where a knowledge base keeps its sources, versions, chunks and vectors.

``Store`` is the interface the rest of the knowledge layer talks to; ``SQLiteStore`` is the
embedded engine (one WAL-mode SQLite file per KB). A server engine (PostgreSQL + a vector server)
implements the same methods and nothing above this module changes.

The database is the single source of truth. Embeddings are stored next to their chunks, inside
the same transaction, so a killed ingest can never leave vectors without chunks or chunks without
vectors; the faiss and BM25 indexes are derived files rebuilt from it when their recorded
generation is behind the database's. Its layout changes only through ``MIGRATIONS``
(``openmfm.migrations``), applied when a KB is opened, so a KB outlives the code that made it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from ..errors import KnowledgeBaseError
from ..migrations import Migration, migrate, script
from ..records import Chunk, Source, SourceVersion
from . import dedup


@dataclass
class NewChunk:
    """A chunk ready to be written: the record plus what the indexes need."""

    chunk: Chunk
    tokens: list[str] | None  # None: not in the sparse index (e.g. graph facts, reached by entity)
    vector: np.ndarray | None = None  # None: not densely embedded
    page: str | None = None  # diversity group inside a version (a KG entity); None: the version


# (start, end, subject, relation, object): a graph fact whose object is text[start:end]
Fact = tuple[int, int, str, str, str]


def fact_id(source_id: str, version: int, start: int) -> str:
    """Stable and decodable: the fact's place in a version (no per-fact hash index needed)."""
    return f"f:{source_id}:{version}:{start}"


@dataclass
class ChunkRow:
    rowid: int
    chunk: Chunk
    version_id: int
    page: str | None


@dataclass
class VersionInfo:
    """A version with its store id, for filtering and listings."""

    id: int
    record: SourceVersion
    chunk_count: int = 0
    text: str | None = None
    meta: dict = field(default_factory=dict)


class Store(ABC):
    """The operations the knowledge layer needs from a storage engine."""

    @abstractmethod
    def transaction(self): ...

    @abstractmethod
    def generation(self) -> int:
        """Increases with every committed change; derived indexes record the one they match."""

    @abstractmethod
    def put_source(self, source: Source, embed: bool) -> None: ...

    @abstractmethod
    def add_version(self, version: SourceVersion, text: str, chunks: Sequence[NewChunk],
                    minhash: np.ndarray | None, meta: dict | None = None, facts: Sequence[Fact] = ()) -> int: ...

    @abstractmethod
    def remove_source(self, source_id: str) -> int: ...

    @abstractmethod
    def get_source(self, source_id: str) -> Source | None: ...

    @abstractmethod
    def list_sources(self) -> list[tuple[Source, VersionInfo | None]]: ...

    @abstractmethod
    def versions(self, source_id: str) -> list[VersionInfo]: ...

    @abstractmethod
    def version_text(self, source_id: str, version: int) -> str: ...

    @abstractmethod
    def current_by_sha(self, sha: str) -> tuple[str, int] | None: ...

    @abstractmethod
    def near_duplicates(self, bands: Sequence[int], exclude_source: str) -> list[tuple[str, int, np.ndarray]]: ...

    @abstractmethod
    def visible_versions(self, as_of: date | None, doc_types=None, languages=None, source_ids=None) -> set[int]: ...

    @abstractmethod
    def snapshot(self, as_of: date | None = None) -> str: ...

    @abstractmethod
    def chunk_rows(self, rowids: Sequence[int]) -> dict[int, ChunkRow]: ...

    @abstractmethod
    def chunk_by_id(self, chunk_id: str) -> ChunkRow | None: ...

    @abstractmethod
    def sparse_docs(self) -> Iterator[tuple[int, int, list[str]]]: ...

    @abstractmethod
    def vectors(self) -> Iterator[tuple[int, int, np.ndarray]]: ...

    @abstractmethod
    def missing_vectors(self, limit: int) -> list[tuple[int, Chunk, str]]: ...

    @abstractmethod
    def put_vectors(self, vectors: Sequence[tuple[int, np.ndarray]]) -> None: ...

    @abstractmethod
    def vectors_by_text(self, source_id: str) -> dict[tuple[str | None, str], np.ndarray]: ...

    @abstractmethod
    def fact_rows(self, entity: str, relation: str | None, version_ids: set[int] | None) -> list[ChunkRow]: ...

    @abstractmethod
    def source_and_version(self, version_id: int) -> tuple[Source, SourceVersion]: ...


# Version 1: the schema as first released, kept verbatim (``IF NOT EXISTS``: a KB made before
# versions existed passes through it unchanged). Every later change is a new migration below.
_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY, record TEXT NOT NULL, embed INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    version INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    superseded_at TEXT,
    record TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    UNIQUE (source_id, version)
);
CREATE INDEX IF NOT EXISTS versions_sha ON versions(content_sha256);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    source_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    language TEXT NOT NULL,
    section TEXT,
    page TEXT,
    kind TEXT NOT NULL,
    tokens TEXT,
    vector BLOB
);
CREATE INDEX IF NOT EXISTS chunks_version ON chunks(version_id);
-- graph facts: the object's span in the version text; no text copy, no hash id (a million rows)
CREATE TABLE IF NOT EXISTS facts (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    subj TEXT NOT NULL, rel TEXT NOT NULL, obj TEXT NOT NULL,
    PRIMARY KEY (version_id, start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_subj ON facts(subj, rel);
CREATE TABLE IF NOT EXISTS lsh (band INTEGER NOT NULL, version_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_band ON lsh(band);
CREATE TABLE IF NOT EXISTS minhash (version_id INTEGER PRIMARY KEY, sig BLOB NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('schema', '1');
INSERT OR IGNORE INTO meta VALUES ('generation', '0');
"""


def _v2_datasketch_minhash(db: sqlite3.Connection) -> None:
    """Signatures from datasketch's MinHash replace the unmixed ones, which matched unrelated texts.

    The old signatures cannot be converted, so every version that had one gets a new one from its
    stored text. ``meta.schema`` moves to 2 so that an older OpenMFM refuses this KB instead of
    comparing new signatures with its own.
    """
    vids = [r[0] for r in db.execute("SELECT version_id FROM minhash")]
    db.execute("DROP TABLE lsh")
    db.execute("DROP TABLE minhash")
    db.execute("CREATE TABLE minhash (version_id INTEGER PRIMARY KEY REFERENCES versions(id), sig BLOB NOT NULL)")
    db.execute("CREATE TABLE lsh (band INTEGER NOT NULL, version_id INTEGER NOT NULL REFERENCES versions(id), "
               "PRIMARY KEY (band, version_id)) WITHOUT ROWID")
    db.execute("CREATE INDEX lsh_version ON lsh(version_id)")
    for vid in vids:
        text = db.execute("SELECT text FROM versions WHERE id=?", (vid,)).fetchone()
        fp = dedup.fingerprint(text[0]) if text else None
        if fp is not None:
            _put_signature(db, vid, fp.signature)
    db.execute("UPDATE meta SET value='2' WHERE key='schema'")


def _put_signature(db: sqlite3.Connection, version_id: int, sig: np.ndarray) -> None:
    db.execute("INSERT INTO minhash VALUES (?, ?)", (version_id, np.asarray(sig, dtype=np.uint32).tobytes()))
    db.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)", [(b, version_id) for b in dedup.band_keys(sig)])


MIGRATIONS: list[Migration] = [script(_V1, "v1_initial"), _v2_datasketch_minhash]
SCHEMA_VERSION = len(MIGRATIONS)


def _ver(record: str, superseded_at: str | None) -> SourceVersion:
    """A version record with its supersession time (a column: the record is written once)."""
    v = SourceVersion.model_validate_json(record)
    if superseded_at:
        v.superseded_at = datetime.fromisoformat(superseded_at)
    return v


def _valid_from(v: SourceVersion) -> str:
    """The date a version starts to count for ``as_of``: effective, else published, else ingested."""
    d = v.effective or v.published or v.ingested_at.date()
    return d.isoformat()


class SQLiteStore(Store):
    def __init__(self, path: Path, create: bool = False):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise KnowledgeBaseError(f"No knowledge base at {self.path.parent}.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._in_tx = False
        if not create and not self._is_kb():
            raise KnowledgeBaseError(f"{self.path} is not an OpenMFM knowledge base.",
                                     "Rebuild it (for the default KB: mfm kb build-default).")
        migrate(self._db, MIGRATIONS, what="knowledge base", path=self.path)

    def _is_kb(self) -> bool:
        """A KB has a schema version, or (made before versions existed) the version-1 marker row."""
        if self._db.execute("PRAGMA user_version").fetchone()[0] > 0:
            return True
        return self._has_meta() and self._db.execute(
            "SELECT 1 FROM meta WHERE key='schema' AND value='1'").fetchone() is not None

    def _has_meta(self) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone() is not None

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self, counter: str = "generation"):
        """All writes inside commit together or not at all; ``counter`` moves on commit: the
        generation for content, ``vectors`` for vectors filled in after their chunks."""
        if self._in_tx:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
            self._db.execute("INSERT INTO meta VALUES (?, '1') "
                             "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", (counter,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        finally:
            self._in_tx = False

    def generation(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])

    def vector_state(self) -> str:
        """Moves with every commit and every batch of vectors filled in later; the later batches
        leave the generation (BM25, the snapshot id) as it was."""
        rows = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'vectors')"))
        return f"{rows['generation']}.{rows.get('vectors', '0')}"

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ------------------------------------------------------------------ writes
    def put_source(self, source: Source, embed: bool) -> None:
        assert self._in_tx, "writes happen inside store.transaction()"
        self._db.execute(
            "INSERT INTO sources VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET record=excluded.record, embed=excluded.embed",
            (source.id, source.model_dump_json(), int(embed)),
        )

    def add_version(self, version: SourceVersion, text: str, chunks: Sequence[NewChunk],
                    minhash: np.ndarray | None, meta: dict | None = None, facts: Sequence[Fact] = ()) -> int:
        assert self._in_tx, "writes happen inside store.transaction()"
        db = self._db
        db.execute(
            "UPDATE versions SET superseded_at=? WHERE source_id=? AND superseded_at IS NULL",
            (version.ingested_at.isoformat(), version.source_id),
        )
        cur = db.execute(
            "INSERT INTO versions (source_id, version, content_sha256, valid_from, record, meta, text) VALUES (?,?,?,?,?,?,?)",
            (version.source_id, version.version, version.content_sha256, _valid_from(version),
             version.model_dump_json(), json.dumps(meta or {}, ensure_ascii=False), text),
        )
        vid = int(cur.lastrowid)
        rows = []
        for nc in chunks:
            c = nc.chunk
            vec = None if nc.vector is None else np.asarray(nc.vector, dtype=np.float32).tobytes()
            tokens = None if nc.tokens is None else " ".join(nc.tokens)
            rows.append((c.id, vid, c.source_id, c.version, c.text, c.start, c.end, c.language, c.section,
                         nc.page, c.kind, tokens, vec))
        db.executemany(
            "INSERT INTO chunks (id, version_id, source_id, version, text, start, end, language, section, page, kind,"
            " tokens, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        if facts:
            db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?)", ((vid, *f) for f in facts))
        if minhash is not None:
            _put_signature(db, vid, minhash)
        return vid

    def remove_source(self, source_id: str) -> int:
        assert self._in_tx, "writes happen inside store.transaction()"
        vids = [r[0] for r in self._db.execute("SELECT id FROM versions WHERE source_id=?", (source_id,))]
        if not vids:
            return 0
        q = ",".join("?" * len(vids))
        n = self._db.execute(f"DELETE FROM chunks WHERE version_id IN ({q})", vids).rowcount
        n += self._db.execute(f"DELETE FROM facts WHERE version_id IN ({q})", vids).rowcount
        self._db.execute(f"DELETE FROM lsh WHERE version_id IN ({q})", vids)
        self._db.execute(f"DELETE FROM minhash WHERE version_id IN ({q})", vids)
        self._db.execute("DELETE FROM versions WHERE source_id=?", (source_id,))
        self._db.execute("DELETE FROM sources WHERE id=?", (source_id,))
        return n

    # ------------------------------------------------------------------ reads
    def get_source(self, source_id: str) -> Source | None:
        row = self._db.execute("SELECT record FROM sources WHERE id=?", (source_id,)).fetchone()
        return Source.model_validate_json(row[0]) if row else None

    def source_embeds(self, source_id: str) -> bool:
        row = self._db.execute("SELECT embed FROM sources WHERE id=?", (source_id,)).fetchone()
        return bool(row and row[0])

    def list_sources(self) -> list[tuple[Source, VersionInfo | None]]:
        out = []
        for sid, rec in self._db.execute("SELECT id, record FROM sources ORDER BY id").fetchall():
            cur = self._db.execute(
                "SELECT v.id, v.record, v.meta, (SELECT COUNT(*) FROM chunks c WHERE c.version_id=v.id), v.superseded_at "
                "FROM versions v WHERE v.source_id=? ORDER BY v.version DESC LIMIT 1", (sid,)).fetchone()
            info = None
            if cur:
                info = VersionInfo(cur[0], _ver(cur[1], cur[4]), cur[3], meta=json.loads(cur[2]))
            out.append((Source.model_validate_json(rec), info))
        return out

    def versions(self, source_id: str) -> list[VersionInfo]:
        rows = self._db.execute(
            "SELECT v.id, v.record, v.meta, (SELECT COUNT(*) FROM chunks c WHERE c.version_id=v.id), v.superseded_at "
            "FROM versions v WHERE v.source_id=? ORDER BY v.version", (source_id,)).fetchall()
        return [VersionInfo(r[0], _ver(r[1], r[4]), r[3], meta=json.loads(r[2])) for r in rows]

    def version_text(self, source_id: str, version: int) -> str:
        row = self._db.execute("SELECT text FROM versions WHERE source_id=? AND version=?", (source_id, version)).fetchone()
        if row is None:
            raise KnowledgeBaseError(f"Source {source_id!r} has no version {version}.",
                                     f"See its versions: mfm kb versions {source_id}")
        return row[0]

    def current_by_sha(self, sha: str) -> tuple[str, int] | None:
        row = self._db.execute(
            "SELECT source_id, version FROM versions WHERE content_sha256=? AND superseded_at IS NULL LIMIT 1", (sha,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def current_sha(self, source_id: str) -> tuple[int, str] | None:
        row = self._db.execute(
            "SELECT version, content_sha256 FROM versions WHERE source_id=? ORDER BY version DESC LIMIT 1", (source_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def near_duplicates(self, bands: Sequence[int], exclude_source: str) -> list[tuple[str, int, np.ndarray]]:
        if not len(bands):
            return []
        q = ",".join("?" * len(bands))
        rows = self._db.execute(
            f"SELECT DISTINCT v.source_id, v.version, m.sig FROM lsh l JOIN versions v ON v.id=l.version_id "
            f"JOIN minhash m ON m.version_id=v.id WHERE l.band IN ({q}) AND v.superseded_at IS NULL AND v.source_id != ?",
            [int(b) for b in bands] + [exclude_source],
        ).fetchall()
        return [(r[0], r[1], np.frombuffer(r[2], dtype=np.uint32)) for r in rows]

    def visible_versions(self, as_of: date | None, doc_types=None, languages=None, source_ids=None) -> set[int]:
        """Version ids a query may see: the current ones, or those in force on ``as_of``."""
        if as_of is None:
            rows = self._db.execute("SELECT v.id, s.record FROM versions v JOIN sources s ON s.id=v.source_id "
                                    "WHERE v.superseded_at IS NULL").fetchall()
        else:
            rows = self._db.execute(
                "SELECT v.id, s.record FROM versions v JOIN sources s ON s.id=v.source_id WHERE v.version = ("
                " SELECT MAX(w.version) FROM versions w WHERE w.source_id=v.source_id AND w.valid_from <= ?)",
                (as_of.isoformat(),)).fetchall()
        if not (doc_types or languages or source_ids):
            return {r[0] for r in rows}
        out = set()
        for vid, rec in rows:
            s = json.loads(rec)
            if doc_types and s["doc_type"] not in doc_types:
                continue
            if languages and s["language"] not in languages:
                continue
            if source_ids and s["id"] not in source_ids:
                continue
            out.add(vid)
        return out

    def snapshot(self, as_of: date | None = None) -> str:
        """A hash over (source id, version, content sha256) of every visible version."""
        vids = self.visible_versions(as_of)
        rows = self._db.execute("SELECT id, source_id, version, content_sha256 FROM versions").fetchall()
        h = hashlib.sha256()
        for _, sid, ver, sha in sorted((r for r in rows if r[0] in vids), key=lambda r: (r[1], r[2])):
            h.update(f"{sid}\x1f{ver}\x1f{sha}\x1e".encode())
        return h.hexdigest()[:16]

    def _chunk_from_row(self, r) -> ChunkRow:
        rowid, cid, vid, sid, ver, text, start, end, lang, section, page, kind = r
        chunk = Chunk(id=cid, source_id=sid, version=ver, text=text, start=start, end=end, language=lang,
                      section=section, kind=kind)
        return ChunkRow(rowid, chunk, vid, page)

    _COLS = "rowid, id, version_id, source_id, version, text, start, end, language, section, page, kind"

    def _fact_from_row(self, r) -> ChunkRow:
        vid, start, end, s, rel, o, sid, ver = r
        chunk = Chunk(id=fact_id(sid, ver, start), source_id=sid, version=ver, text=o, start=start, end=end,
                      language="zh", section=f"{s} > {rel}", kind="fact", fact=(s, rel, o))
        return ChunkRow(0, chunk, vid, s)

    _FCOLS = "f.version_id, f.start, f.end, f.subj, f.rel, f.obj, v.source_id, v.version"

    def chunk_rows(self, rowids: Sequence[int]) -> dict[int, ChunkRow]:
        out: dict[int, ChunkRow] = {}
        ids = [int(x) for x in rowids]
        for i in range(0, len(ids), 900):
            part = ids[i : i + 900]
            q = ",".join("?" * len(part))
            for r in self._db.execute(f"SELECT {self._COLS} FROM chunks WHERE rowid IN ({q})", part):
                out[r[0]] = self._chunk_from_row(r)
        return out

    def chunk_by_id(self, chunk_id: str) -> ChunkRow | None:
        if chunk_id.startswith("f:"):
            try:
                sid, ver, start = chunk_id[2:].rsplit(":", 2)
                r = self._db.execute(
                    f"SELECT {self._FCOLS} FROM facts f JOIN versions v ON v.id=f.version_id "
                    "WHERE v.source_id=? AND v.version=? AND f.start=?", (sid, int(ver), int(start))).fetchone()
            except ValueError:
                return None
            return self._fact_from_row(r) if r else None
        r = self._db.execute(f"SELECT {self._COLS} FROM chunks WHERE id=?", (chunk_id,)).fetchone()
        return self._chunk_from_row(r) if r else None

    def chunks_of_version(self, version_id: int) -> list[ChunkRow]:
        rows = self._db.execute(f"SELECT {self._COLS} FROM chunks WHERE version_id=? ORDER BY rowid", (version_id,))
        return [self._chunk_from_row(r) for r in rows]

    def sparse_docs(self) -> Iterator[tuple[int, int, list[str]]]:
        for rowid, vid, tokens in self._db.execute(
            "SELECT rowid, version_id, tokens FROM chunks WHERE tokens IS NOT NULL ORDER BY rowid"
        ):
            yield rowid, vid, tokens.split(" ") if tokens else []

    def vectors(self) -> Iterator[tuple[int, int, np.ndarray]]:
        for rowid, vid, blob in self._db.execute(
            "SELECT rowid, version_id, vector FROM chunks WHERE vector IS NOT NULL ORDER BY rowid"
        ):
            yield rowid, vid, np.frombuffer(blob, dtype=np.float32)

    def missing_vectors(self, limit: int) -> list[tuple[int, Chunk, str]]:
        """(row id, chunk, source title) of chunks of embedded sources that have no vector yet."""
        rows = self._db.execute(
            "SELECT c.rowid, c.id, c.version_id, c.source_id, c.version, c.text, c.start, c.end, c.language, "
            "c.section, c.page, c.kind, s.record FROM chunks c JOIN sources s ON s.id = c.source_id "
            "WHERE s.embed = 1 AND c.vector IS NULL ORDER BY c.rowid LIMIT ?", (limit,)).fetchall()
        return [(r[0], self._chunk_from_row(r[:12]).chunk, json.loads(r[12])["title"]) for r in rows]

    def put_vectors(self, vectors: Sequence[tuple[int, np.ndarray]]) -> None:
        """Store vectors computed after their chunks were committed (one transaction)."""
        with self.transaction("vectors"):
            self._db.executemany("UPDATE chunks SET vector=? WHERE rowid=? AND vector IS NULL",
                                 [(np.asarray(v, dtype=np.float32).tobytes(), int(r)) for r, v in vectors])

    def vector_counts(self) -> dict[str, tuple[int, int]]:
        """Per embedded source: (chunks, chunks with a vector)."""
        return {sid: (n, done) for sid, n, done in self._db.execute(
            "SELECT c.source_id, COUNT(*), COUNT(c.vector) FROM chunks c JOIN sources s ON s.id = c.source_id "
            "WHERE s.embed = 1 GROUP BY c.source_id")}

    def vectors_by_text(self, source_id: str) -> dict[tuple[str | None, str], np.ndarray]:
        """Embeddings of this source's earlier chunks by (section, text), so a chunk that is unchanged
        and under the same headings is not embedded twice."""
        return {
            (section, text): np.frombuffer(blob, dtype=np.float32)
            for section, text, blob in self._db.execute(
                "SELECT section, text, vector FROM chunks WHERE source_id=? AND vector IS NOT NULL", (source_id,)
            )
        }

    def fact_rows(self, entity: str, relation: str | None, version_ids: set[int] | None) -> list[ChunkRow]:
        base = f"SELECT {self._FCOLS} FROM facts f JOIN versions v ON v.id=f.version_id WHERE f.subj=?"
        if relation is None:
            rows = self._db.execute(base + " ORDER BY f.version_id, f.start", (entity,))
        else:
            rows = self._db.execute(base + " AND f.rel=? ORDER BY f.version_id, f.start", (entity, relation))
        return [self._fact_from_row(r) for r in rows if version_ids is None or r[0] in version_ids]

    def relations_of(self, entity: str) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT rel FROM facts WHERE subj=?", (entity,))]

    def source_and_version(self, version_id: int) -> tuple[Source, SourceVersion]:
        row = self._db.execute(
            "SELECT s.record, v.record, v.superseded_at FROM versions v JOIN sources s ON s.id=v.source_id WHERE v.id=?",
            (version_id,)).fetchone()
        if row is None:
            raise KnowledgeBaseError(f"Version row {version_id} is missing.", "Rebuild the knowledge base.")
        return Source.model_validate_json(row[0]), _ver(row[1], row[2])

    def counts(self) -> dict[str, int]:
        q = self._db.execute
        return {
            "sources": q("SELECT COUNT(*) FROM sources").fetchone()[0],
            "versions": q("SELECT COUNT(*) FROM versions").fetchone()[0],
            "chunks": q("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "facts": q("SELECT COUNT(*) FROM facts").fetchone()[0],
            "embedded": q("SELECT COUNT(*) FROM chunks WHERE vector IS NOT NULL").fetchone()[0],
        }
