"""A knowledge base made before schema versions existed opens with its evidence intact, gets new
near-duplicate signatures from its stored text, and is left as it was when a migration fails."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import numpy as np
import pytest

from openmfm.knowledge import dedup, open_kb
from openmfm.knowledge.kb import DB_NAME
from openmfm.knowledge.store import SCHEMA_VERSION
from openmfm.migrations import SchemaError

from .conftest import make_cfg

# The KB schema as released before versions existed (knowledge/store.py at that time), verbatim.
HEAD_KB = """
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

EN = ("Low-severity community-acquired pneumonia is treated with oral amoxicillin 500 mg three times daily "
      "for five days; doxycycline is the alternative for penicillin allergy.")
ZH = "华法林的剂量根据国际标准化比值调整，目标INR通常为2.0到3.0，出血风险高的老年患者应从低剂量开始并每周复查。"
OLD_SIG = np.arange(64, dtype=np.uint32)  # the released code stored 64 values per version


def _legacy_kb(cfg, name: str) -> tuple[str, bytes]:
    """A KB file as the released code left it: two sources, chunks with tokens, a fact, old signatures."""
    d = cfg.kb_dir(name)
    d.mkdir(parents=True)
    con = sqlite3.connect(d / DB_NAME)
    con.executescript(HEAD_KB)
    con.execute("UPDATE meta SET value='7' WHERE key='generation'")
    for vid, (sid, text, lang, tokens) in enumerate([
            ("cap-guide", EN, "en", "low severity community acquired pneumonia treated oral amoxicillin 500 mg"),
            ("warfarin/label", ZH, "zh", "华法林 剂量 国际标准化比值 inr 老年 患者")], 1):
        src = {"id": sid, "title": f"{sid} title", "doc_type": "guideline", "language": lang, "licence": "CC-BY-4.0"}
        sha = hashlib.sha256(text.encode()).hexdigest()
        ver = {"source_id": sid, "version": 1, "content_sha256": sha, "published": "2021-03-01",
               "ingested_at": "2026-01-02T03:04:05+00:00", "flags": []}
        con.execute("INSERT INTO sources VALUES (?, ?, 0)", (sid, json.dumps(src, ensure_ascii=False)))
        con.execute("INSERT INTO versions (id, source_id, version, content_sha256, valid_from, record, meta, text) "
                    "VALUES (?,?,1,?,?,?,?,?)", (vid, sid, sha, "2021-03-01", json.dumps(ver), '{"format": "md"}', text))
        con.execute("INSERT INTO chunks (id, version_id, source_id, version, text, start, end, language, section, page,"
                    " kind, tokens) VALUES (?,?,?,1,?,0,?,?,NULL,NULL,'text',?)",
                    (f"c_{vid}", vid, sid, text, len(text), lang, tokens))
        con.execute("INSERT INTO minhash VALUES (?, ?)", (vid, OLD_SIG.tobytes()))
        con.execute("INSERT INTO lsh VALUES (?, ?)", (123 + vid, vid))
    con.execute("INSERT INTO facts VALUES (2, 0, 3, '华法林', '用法用量', '华法林的')")
    con.commit()
    con.close()
    return str(d / DB_NAME)


def _table(path: str, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_kb_made_before_versions_opens_with_evidence_intact(tmp_path):
    cfg = make_cfg(tmp_path / "home")
    path = _legacy_kb(cfg, "legacy")
    kb = open_kb(cfg, "legacy")
    assert _table(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == 2
    assert kb.store.get_meta("schema") == "2" and kb.store.generation() == 7
    assert [s.source.id for s in kb.sources()] == ["cap-guide", "warfarin/label"]
    assert kb.text("warfarin/label") == ZH and kb.versions("cap-guide")[0].published.isoformat() == "2021-03-01"
    assert kb.search("amoxicillin pneumonia", k=1, expand_terms=False)[0].chunk.source_id == "cap-guide"
    assert kb.search("华法林 剂量", k=1, expand_terms=False)[0].chunk.source_id == "warfarin/label"
    assert kb.facts("华法林")[0].chunk.fact == ("华法林", "用法用量", "华法林的")
    sigs = dict(_table(path, "SELECT version_id, sig FROM minhash"))
    for vid, text in ((1, EN), (2, ZH)):  # recomputed from the stored text, not carried over
        assert np.array_equal(np.frombuffer(sigs[vid], dtype=np.uint32), dedup.fingerprint(text).signature)
    assert sorted(r[0] for r in _table(path, "SELECT band FROM lsh WHERE version_id=1")) == sorted(
        dedup.fingerprint(EN).bands)


def test_migrated_kb_finds_near_duplicates_of_old_sources(tmp_path):
    cfg = make_cfg(tmp_path / "home")
    _legacy_kb(cfg, "legacy")
    kb = open_kb(cfg, "legacy")
    (tmp_path / "again.txt").write_text(ZH.replace("每周复查", "每周复查。"), encoding="utf-8")
    r = kb.add_paths([tmp_path / "again.txt"], embed=False).results[0]
    assert r.status == "duplicate" and r.duplicate_of == "warfarin/label v1" and r.similarity >= dedup.NEAR_DUP_THRESHOLD


def test_failing_migration_leaves_the_kb_at_its_last_good_version(tmp_path, monkeypatch):
    cfg = make_cfg(tmp_path / "home")
    path = _legacy_kb(cfg, "legacy")

    def broken(text):
        raise MemoryError("simulated")

    monkeypatch.setattr(dedup, "fingerprint", broken)
    with pytest.raises(SchemaError, match="from schema version 1 to 2"):
        open_kb(cfg, "legacy")
    assert _table(path, "PRAGMA user_version") == [(1,)]
    assert _table(path, "SELECT value FROM meta WHERE key='schema'") == [("1",)]
    assert {r[0]: np.frombuffer(r[1], dtype=np.uint32).tolist() for r in _table(path, "SELECT * FROM minhash")} == {
        1: OLD_SIG.tolist(), 2: OLD_SIG.tolist()}
    monkeypatch.undo()
    assert open_kb(cfg, "legacy").sources()[0].source.id == "cap-guide"
    assert _table(path, "PRAGMA user_version") == [(2,)]


def test_kb_from_a_newer_openmfm_is_refused(tmp_path):
    cfg = make_cfg(tmp_path / "home")
    path = _legacy_kb(cfg, "future")
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 3")
    con.close()
    with pytest.raises(SchemaError, match="schema version 3") as err:
        open_kb(cfg, "future")
    assert "upgrade openmfm" in err.value.hint


def test_a_sqlite_file_that_is_not_a_kb_is_refused(tmp_path):
    cfg = make_cfg(tmp_path / "home")
    d = cfg.kb_dir("other")
    d.mkdir(parents=True)
    sqlite3.connect(d / DB_NAME).execute("CREATE TABLE notes (x)").connection.commit()
    with pytest.raises(Exception, match="not an OpenMFM knowledge base"):
        open_kb(cfg, "other")
