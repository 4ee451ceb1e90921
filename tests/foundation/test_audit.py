"""The hash-chained audit log detects edits, deletions and truncation."""

from __future__ import annotations

import sqlite3

import pytest

from openmfm.audit import AuditLog
from openmfm.errors import AuditError


@pytest.fixture
def log(tmp_path):
    log = AuditLog(tmp_path / "audit.db")
    for i, q in enumerate(["What is the dose of amoxicillin?", "阿莫西林的剂量是多少？", "third"]):
        log.append("ask", {"question": q, "n": i}, actor="dr.li", role="clinician", policy_version="p1")
    return log


def _raw(log):
    con = sqlite3.connect(log.path, isolation_level=None)
    con.execute("DROP TRIGGER audit_no_update")
    con.execute("DROP TRIGGER audit_no_delete")
    return con


def test_untouched_log_verifies_and_round_trips_chinese(log):
    report = log.verify()
    assert report.ok and report.checked == 3
    rec = log.list(limit=1, action="ask")[0]
    assert log.get(rec.id).payload == {"question": "third", "n": 2}
    assert any(r.payload["question"] == "阿莫西林的剂量是多少？" for r in log.list())


def test_sqlite_refuses_update_and_delete(log):
    con = sqlite3.connect(log.path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET actor = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit")


def test_edited_record_is_detected(log):
    _raw(log).execute("UPDATE audit SET payload = '{\"question\":\"edited\"}' WHERE seq = 2")
    report = log.verify()
    assert not report.ok
    assert any("record 2" in p and "edited" in p for p in report.problems)


def test_deleted_middle_record_is_detected(log):
    _raw(log).execute("DELETE FROM audit WHERE seq = 2")
    report = log.verify()
    assert not report.ok and any("missing" in p for p in report.problems)


def test_truncated_tail_is_detected_by_head(log):
    _raw(log).execute("DELETE FROM audit WHERE seq = 3")
    report = log.verify()
    assert not report.ok and any("head file" in p for p in report.problems)


def test_unknown_id_is_a_clear_error(log):
    with pytest.raises(AuditError, match="mfm audit list"):
        log.get("doesnotexist")


def test_appends_from_many_threads_all_land_and_the_head_stays_on_the_last(log):
    """A server appends from worker threads: none may fail, and the head must not go backwards."""
    from concurrent.futures import ThreadPoolExecutor

    before = len(log.list(limit=10_000))
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: log.append("ask", {"i": i, "q": "问题"}), range(64)))
    records = log.list(limit=10_000)
    assert len(records) == before + 64
    assert log.head_path.read_text(encoding="ascii").split()[0] == str(records[0].seq)
    assert log.verify().ok
