"""Runs as first-class artefacts: one SQLite file per run, plus a shared output cache.

``<eval_dir>/runs/<run_id>/run.db`` holds the manifest (what was run, on what, by what code)
and one row per (variant, item) result, each committed on its own as soon as it exists: a run
killed at item 137 keeps 136 results, and the rerun skips them. The report files are written
beside it. The output cache (``<eval_dir>/cache.db``) maps a hash of (system, model file, prompt)
to the raw response, so a repeated prompt is never paid for twice, across runs too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

from ..config import Config
from ..errors import InvalidInput
from ..migrations import migrate, script
from ..records import EvalItem, EvalResult
from .systems import Response

# Version 1 of each file is its schema as first released, kept verbatim; changes are new migrations.
_RUN_V1 = """
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    variant TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item TEXT NOT NULL,
    result TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (variant, item_id)
);
"""
RUN_MIGRATIONS = [script(_RUN_V1, "v1_manifest_and_results")]
CACHE_MIGRATIONS = [script("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                           "v1_cache")]


def runs_dir(cfg: Config) -> Path:
    p = cfg.eval_dir / "runs"
    p.mkdir(parents=True, exist_ok=True)
    return p


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=30, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


class RunStore:
    """One run's manifest and results; safe to write from the runner's worker threads."""

    def __init__(self, path: Path):
        self.path = path
        self.dir = path.parent
        self._lock = threading.Lock()
        self._con = _connect(path)
        migrate(self._con, RUN_MIGRATIONS, what="evaluation run", path=path)

    @property
    def run_id(self) -> str:
        return self.dir.name

    # ---------------------------------------------------------------- manifest
    def manifest(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._con.execute("SELECT key, value FROM manifest")}

    def update_manifest(self, **values: Any) -> None:
        with self._lock, self._con:
            self._con.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?)",
                                  [(k, json.dumps(v, ensure_ascii=False, default=str)) for k, v in values.items()])

    # ---------------------------------------------------------------- results
    def done(self, *, include_failed: bool = True) -> set[tuple[str, str]]:
        """Finished (variant, item) pairs; failed ones (a backend error) are retried on resume."""
        q = "SELECT variant, item_id FROM results" + ("" if include_failed else " WHERE failed = 0")
        return set(self._con.execute(q))

    def add(self, variant: str, item: EvalItem, result: EvalResult) -> None:
        """Commit one result at once (its own transaction): nothing finished is ever lost."""
        with self._lock, self._con:
            self._con.execute(
                "INSERT OR REPLACE INTO results (variant, item_id, item, result, failed) VALUES (?, ?, ?, ?, ?)",
                (variant, item.id, item.model_dump_json(), result.model_dump_json(), result.error is not None))

    def results(self, variant: str | None = None) -> Iterator[tuple[str, EvalItem, EvalResult]]:
        q = "SELECT variant, item, result FROM results"
        rows = self._con.execute(q + " WHERE variant = ? ORDER BY rowid", (variant,)) if variant else \
            self._con.execute(q + " ORDER BY rowid")
        for v, item, res in rows:
            yield v, EvalItem.model_validate_json(item), EvalResult.model_validate_json(res)

    def count(self) -> int:
        return self._con.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._con.close()


def open_run(cfg: Config, run_id: str, *, create: bool = False) -> RunStore:
    """The store of run ``run_id`` (a unique prefix is enough when reading)."""
    base = runs_dir(cfg)
    path = base / run_id / "run.db"
    if path.is_file() or create:
        path.parent.mkdir(parents=True, exist_ok=True)
        return RunStore(path)
    matches = [p for p in base.iterdir() if p.name.startswith(run_id) and (p / "run.db").is_file()]
    if len(matches) == 1:
        return RunStore(matches[0] / "run.db")
    hint = "See `mfm eval list`." if not matches else f"It matches {len(matches)} runs; give more of the id."
    raise InvalidInput(f"No evaluation run {run_id!r}.", hint)


def list_runs(cfg: Config) -> list[dict[str, Any]]:
    """Every run's manifest plus its result count, newest first."""
    out = []
    for d in sorted(runs_dir(cfg).iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
        if (d / "run.db").is_file():
            store = RunStore(d / "run.db")
            try:
                out.append({"run_id": d.name, "results": store.count(), **store.manifest()})
            finally:
                store.close()
    return out


class OutputCache:
    """Responses keyed by a hash of everything that determines them."""

    def __init__(self, path: Path):
        self._con = _connect(path)
        self._lock = threading.Lock()
        migrate(self._con, CACHE_MIGRATIONS, what="evaluation output cache", path=path)

    @staticmethod
    def key(*parts: Any) -> str:
        return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()

    def get(self, key: str) -> Response | None:
        with self._lock:
            row = self._con.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return Response(**json.loads(row[0])) if row else None

    def put(self, key: str, response: Response) -> None:
        with self._lock, self._con:
            self._con.execute("INSERT OR REPLACE INTO cache VALUES (?, ?)",
                              (key, json.dumps(asdict(response), ensure_ascii=False)))

    def close(self) -> None:
        self._con.close()
