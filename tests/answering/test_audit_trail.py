"""The answer audit trail: tamper detection through the CLI, replay, and the CLI views."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from openmfm.answering import ask, replay
from openmfm.audit import AuditLog
from openmfm.cli import app

Q = "What is the first-line antibiotic for low-severity community-acquired pneumonia?"


@pytest.fixture(scope="module")
def recorded(kbs, cfg):
    return ask(Q, mode="extractive", kb=kbs["cap"], cfg=cfg)


def _copy_log(cfg, tmp_path):
    """A private copy of the audit log to vandalise (the session log stays intact)."""
    src = cfg.audit_path
    with sqlite3.connect(src) as con:  # fold the WAL in so the copy is complete
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst = tmp_path / "audit.db"
    shutil.copy(src, dst)
    shutil.copy(src.with_suffix(".db.head"), tmp_path / "audit.db.head")
    return dst


def test_edited_and_deleted_records_are_detected(recorded, cfg, tmp_path):
    path = _copy_log(cfg, tmp_path)
    assert AuditLog(path).verify().ok
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_no_update")
    payload = json.loads(con.execute("SELECT payload FROM audit WHERE id=?", (recorded.audit_id,)).fetchone()[0])
    payload["answer"] = payload["answer"].replace("amoxicillin", "ciprofloxacin")
    con.execute("UPDATE audit SET payload=? WHERE id=?", (json.dumps(payload), recorded.audit_id))
    con.commit()
    report = AuditLog(path).verify()
    assert not report.ok and any("edited" in p for p in report.problems)

    (tmp_path / "b").mkdir()
    path2 = _copy_log(cfg, tmp_path / "b")
    con = sqlite3.connect(path2)
    con.execute("DROP TRIGGER audit_no_delete")
    con.execute("DELETE FROM audit WHERE id=?", (recorded.audit_id,))
    con.commit()
    report = AuditLog(path2).verify()
    assert not report.ok and any("missing" in p or "broken" in p or "head" in p for p in report.problems)


def test_cli_verify_passes_then_fails_after_an_edit(recorded, cfg, monkeypatch, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and "OK" in ok.output
    home = tmp_path / "home"
    (home / "logs").mkdir(parents=True)
    path = _copy_log(cfg, home / "logs")
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_no_update")
    con.execute("UPDATE audit SET actor='mallory' WHERE id=?", (recorded.audit_id,))
    con.commit()
    monkeypatch.setenv("MFM_HOME", str(home))
    bad = runner.invoke(app, ["audit", "verify"])
    assert bad.exit_code == 1 and "TAMPERED" in bad.output


def test_replay_reproduces_then_reports_a_changed_kb(recorded, kbs, cfg, tmp_path):
    same = replay(recorded.audit_id, cfg=cfg, kb=kbs["cap"])
    assert same.same_snapshot and same.same_model and same.identical, same.differences
    assert AuditLog(cfg.audit_path).get(same.replay.audit_id).payload["replay_of"] == recorded.audit_id

    doc = tmp_path / "cap_update.md"
    doc.write_text("# CAP update 2025\n\n- First-line for low-severity community-acquired pneumonia: "
                   "amoxicillin 500 mg three times daily orally for 3 days.\n", encoding="utf-8")
    from openmfm.knowledge import open_kb

    kb = open_kb(cfg, "cap-replay", create=True)
    kb.add_paths([doc], title="CAP update", doc_type="guideline", published="2025-01-01")
    changed = replay(recorded.audit_id, cfg=cfg, kb=kb)
    assert not changed.same_snapshot and not changed.identical
    assert any(d.startswith("KB snapshot") for d in changed.differences)


def test_cli_ask_prints_cited_answer_cards_and_audit_id(kbs):
    r = CliRunner().invoke(app, ["ask", Q, "--mode", "extractive", "--kb", "cap"])
    assert r.exit_code == 0, r.output
    for needle in ("[1]", "Evidence", "BTS CAP guideline", "Verification", "supported", "conflict",
                   "KB snapshot", "policy", "Audit id"):
        assert needle in r.output
    j = CliRunner().invoke(app, ["ask", "成人低危社区获得性肺炎首选什么抗生素？", "--mode", "extractive", "--kb", "cap",
                                 "--json"])
    data = json.loads(j.output)
    assert data["language"] == "zh" and data["claims"] and data["audit_id"]
    shown = CliRunner().invoke(app, ["audit", "show", data["audit_id"]])
    assert shown.exit_code == 0 and "Retrieval decisions" in shown.output and "Verified claims" in shown.output
    listed = CliRunner().invoke(app, ["audit", "list", "--action", "ask"])
    assert data["audit_id"] in listed.output


@pytest.mark.parametrize("question,needle", [
    ("I have crushing chest pain and I am sweating, what antibiotic should I take?", "911"),
    ("我胸口剧痛、大汗淋漓，应该吃什么抗生素？", "120"),
])
def test_cli_shows_red_flag_escalation(question, needle, kbs):
    r = CliRunner().invoke(app, ["ask", question, "--mode", "extractive", "--kb", "cap"])
    assert r.exit_code == 0 and needle in r.output and "red_flag" in r.output


def test_cli_errors_are_clear(kbs):
    r = CliRunner().invoke(app, ["ask", "x" * 5000, "--kb", "cap"])
    assert r.exit_code != 0 and "limit" in str(r.exception)
    r = CliRunner().invoke(app, ["ask", Q, "--as-of", "yesterday", "--kb", "cap"])
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.exception.hint
