"""Schema versions: files made before versions existed open unchanged, newer files are refused,
and a migration that fails leaves its file at the last good version.

Each ``HEAD_*`` constant is the DDL a store ran before schema versions existed, copied verbatim
from the code as released, so these tests keep checking the upgrade path after the code moves on.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from openmfm.audit import GENESIS, AuditLog, record_hash
from openmfm.config import Config
from openmfm.evaluation.store import OutputCache, RunStore
from openmfm.migrations import SchemaError, migrate, script, version
from openmfm.records import EvalItem, EvalResult
from openmfm.safety.access import KeyStore, _hash
from openmfm.safety.deid.vault import Vault, load_key

HEAD_AUDIT = """
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
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
HEAD_KEYS = ("CREATE TABLE IF NOT EXISTS api_keys (key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
             "salt BLOB NOT NULL, hash BLOB NOT NULL, created TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)")
HEAD_VAULT = ("CREATE TABLE IF NOT EXISTS vault (token TEXT PRIMARY KEY, entity_type TEXT NOT NULL, "
              "ciphertext BLOB NOT NULL, created TEXT DEFAULT CURRENT_TIMESTAMP)")
HEAD_RUN = """
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
HEAD_CACHE = "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _legacy(path: Path, ddl: str, rows: list[tuple[str, tuple]] = ()) -> None:
    con = sqlite3.connect(path)
    con.executescript(ddl)
    for sql, args in rows:
        con.execute(sql, args)
    con.commit()
    con.close()


def _user_version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def _cfg(home: Path) -> Config:
    cfg = Config()
    cfg.home.path = str(home)
    return cfg


# ---------------------------------------------------------------- the module itself
def test_failing_migration_leaves_the_last_good_version(tmp_path):
    path = tmp_path / "x.db"

    def add_notes_then_fail(con):
        con.execute("CREATE TABLE notes (body TEXT)")
        con.execute("INSERT INTO patients VALUES ('李雷')")
        raise RuntimeError("disk on fire")

    steps = [script("CREATE TABLE patients (name TEXT); INSERT INTO patients VALUES ('Ann Lee');", "v1"),
             add_notes_then_fail]
    con = sqlite3.connect(path)
    with pytest.raises(SchemaError, match="from schema version 1 to 2") as err:
        migrate(con, steps, what="test store", path=path)
    assert "unchanged at version 1" in err.value.hint and "disk on fire" in err.value.message
    assert version(con) == 1
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"patients"}
    assert [r[0] for r in con.execute("SELECT name FROM patients")] == ["Ann Lee"]

    steps[1] = script("CREATE TABLE notes (body TEXT);", "v2")
    assert migrate(con, steps, what="test store", path=path) == 2
    assert version(con) == 2 and con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_statements_keep_trigger_bodies_whole():
    from openmfm.migrations import statements

    parts = statements(HEAD_AUDIT)
    assert len(parts) == 4 and parts[2].startswith("CREATE TRIGGER") and parts[2].endswith("END;")


# ---------------------------------------------------------------- each store, from its released schema
def test_audit_log_made_before_versions_opens_intact(tmp_path):
    path = tmp_path / "audit.db"
    rows, prev = [], GENESIS
    for seq, q in enumerate(["What is the dose of amoxicillin?", "阿莫西林的剂量是多少？"], 1):
        rid, ts, payload = f"r{seq}", f"2026-01-0{seq}T10:00:00+00:00", json.dumps({"question": q}, ensure_ascii=False,
                                                                                   separators=(",", ":"))
        h = record_hash(seq, rid, ts, "dr.li", "clinician", "ask", payload, "p1", prev)
        rows.append(("INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (seq, rid, ts, "dr.li", "clinician", "ask", payload, "p1", prev, h)))
        prev = h
    _legacy(path, HEAD_AUDIT, rows)
    log = AuditLog(path)
    assert _user_version(path) == 1
    report = log.verify()
    assert report.ok and report.checked == 2
    assert log.get("r2").payload == {"question": "阿莫西林的剂量是多少？"}
    assert log.append("ask", {"question": "third"}).seq == 3 and log.verify().ok
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET actor = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")


def test_audit_triggers_dropped_behind_its_back_come_back_on_open(tmp_path):
    path = tmp_path / "audit.db"
    AuditLog(path).append("ask", {"question": "x"})
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("DROP TRIGGER audit_no_delete")
    AuditLog(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")


def test_api_keys_made_before_versions_still_authenticate(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    secret, salt = secrets.token_urlsafe(24), secrets.token_bytes(16)
    _legacy(home / "access.db", HEAD_KEYS, [("INSERT INTO api_keys VALUES (?,?,?,?,?,?,0)",
                                             ("ab12cd34", "王医生", "privacy_officer", salt, _hash(secret, salt),
                                              "2026-01-01T00:00:00+00:00"))])
    store = KeyStore(_cfg(home))
    assert _user_version(home / "access.db") == 1
    ctx = store.authenticate(f"mfm_ab12cd34_{secret}")
    assert ctx.actor == "王医生" and ctx.role == "privacy_officer"
    assert [k.key_id for k in store.list()] == ["ab12cd34"]


def test_vault_made_before_versions_still_decrypts(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    f = Fernet(load_key(home))
    _legacy(home / "deid_vault.db", HEAD_VAULT, [
        ("INSERT INTO vault(token, entity_type, ciphertext) VALUES (?,?,?)",
         ("[PERSON#0123456789ab]", "PERSON", f.encrypt("张伟".encode()))),
        ("INSERT INTO vault(token, entity_type, ciphertext) VALUES (?,?,?)",
         ("[PERSON#ba9876543210]", "PERSON", f.encrypt(b"Mary Stone")))])
    vault = Vault(home)
    assert _user_version(home / "deid_vault.db") == 1
    assert vault.lookup(["[PERSON#0123456789ab]", "[PERSON#ba9876543210]"]) == {
        "[PERSON#0123456789ab]": "张伟", "[PERSON#ba9876543210]": "Mary Stone"}


def test_eval_run_and_cache_made_before_versions_open_intact(tmp_path):
    run = tmp_path / "run.db"
    item = EvalItem(id="q1", dataset="t", task="yes_no_maybe", question="阿司匹林能预防卒中吗？", answer="yes", language="zh")
    result = EvalResult(item_id="q1", prediction="yes", correct=True)
    _legacy(run, HEAD_RUN, [("INSERT INTO manifest VALUES (?, ?)", ("dataset", json.dumps("t"))),
                            ("INSERT INTO results (variant, item_id, item, result, failed) VALUES (?,?,?,?,0)",
                             ("base", "q1", item.model_dump_json(), result.model_dump_json()))])
    store = RunStore(run)
    assert _user_version(run) == 1
    assert store.manifest() == {"dataset": "t"} and store.count() == 1
    (_, got_item, got_result), = store.results()
    assert got_item == item and got_result.correct is True
    store.close()

    cache = tmp_path / "cache.db"
    _legacy(cache, HEAD_CACHE, [("INSERT INTO cache VALUES (?, ?)", ("k1", json.dumps({"text": "Yes.", "latency_s": 1.5})))])
    oc = OutputCache(cache)
    assert _user_version(cache) == 1 and oc.get("k1").text == "Yes."
    oc.close()


def _open_audit(home):
    AuditLog(home / "audit.db")


def _open_keys(home):
    KeyStore(_cfg(home))


def _open_vault(home):
    Vault(home)


def _open_run(home):
    RunStore(home / "run.db")


def _open_cache(home):
    OutputCache(home / "cache.db")


@pytest.mark.parametrize("opener,filename", [(_open_audit, "audit.db"), (_open_keys, "access.db"),
                                             (_open_vault, "deid_vault.db"), (_open_run, "run.db"),
                                             (_open_cache, "cache.db")])
def test_a_file_from_a_newer_openmfm_is_refused_untouched(tmp_path, opener, filename):
    home = tmp_path / "home"
    home.mkdir()
    con = sqlite3.connect(home / filename)
    con.execute("CREATE TABLE future (x)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(SchemaError, match="schema version 99") as err:
        opener(home)
    assert "upgrade openmfm" in err.value.hint
    con = sqlite3.connect(home / filename)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["future"]
    assert con.execute("PRAGMA user_version").fetchone()[0] == 99
