"""Monitoring: the incremental index agrees with a full recount of the log, per window and
language; alert rules come from the policy; drift; and stale answers after a real KB update."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from openmfm.audit import AuditLog
from openmfm.config import Config
from openmfm.errors import PermissionDenied
from openmfm.loop import give_feedback, prometheus, stale_answers, summarise
from openmfm.loop.monitor_report import write_html
from openmfm.loop.synthetic import write_synthetic_log
from openmfm.records import RequestContext
from openmfm.safety.policy import load_policy

START = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday


@pytest.fixture
def cfg(tmp_path) -> Config:
    c = Config()
    c.home.path = str(tmp_path / "home")
    return c


def _recount(cfg: Config) -> dict[tuple[str, str], Counter]:
    """The naive way: parse every payload of the log."""
    out: dict[tuple[str, str], Counter] = {}
    con = sqlite3.connect(cfg.audit_path)
    for ts, body in con.execute("SELECT ts, payload FROM audit WHERE action = 'ask'"):
        p = json.loads(body)
        for key in ((ts[:10], p["language"]), (ts[:10], "all")):
            c = out.setdefault(key, Counter())
            c["answers"] += 1
            c["removed"] += sum(x["removed"] for x in p["claims"])
            c["claims"] += len(p["claims"])
            c["red"] += any(f["kind"] == "red_flag" for f in p["flags"])
    con.close()
    return out


def test_summary_matches_a_full_recount_and_updates_incrementally(cfg):
    log = AuditLog(cfg.audit_path)
    write_synthetic_log(log, 3000, start=START, days=6, zh_share=0.4, seed=1)
    s = summarise(cfg=cfg)
    assert s.indexed == 3000
    write_synthetic_log(log, 500, start=datetime(2026, 3, 8, tzinfo=UTC), days=1, seed=2)
    s = summarise(cfg=cfg)
    assert s.indexed == 500  # only the new entries were read
    want = _recount(cfg)
    got = {(w.window, w.language): w for w in s.stats}
    assert set(got) == set(want) and {lang for _, lang in got} == {"zh", "en", "all"}
    for key, c in want.items():
        w = got[key]
        assert w.answers == c["answers"]
        assert w.removed_share == pytest.approx(c["removed"] / c["claims"], abs=1e-4)
        assert w.red_flag_rate == pytest.approx(c["red"] / c["answers"], abs=1e-4)
        assert 0 < w.latency_p50_s <= w.latency_p95_s <= w.latency_p99_s
    assert AuditLog(cfg.audit_path).verify().ok  # the log itself was only appended to


def test_weeks_languages_versions_and_feedback(cfg):
    log = AuditLog(cfg.audit_path)
    write_synthetic_log(log, 1400, start=START, days=14, zh_share=0.5, seed=3)
    ask_ids = [r.id for r in log.list(limit=3, action="ask")]
    for rating, aid in zip(("unsafe", "wrong", "correct"), ask_ids):
        give_feedback(aid, rating, cfg=cfg)
    weeks = summarise(window="week", cfg=cfg)
    assert sorted({w.window for w in weeks.stats if w.answers}) == ["2026-03-02", "2026-03-09"]
    for win in ("2026-03-02", "2026-03-09"):
        rows = {w.language: w for w in weeks.stats if w.window == win}
        assert rows["all"].answers == rows["zh"].answers + rows["en"].answers
    today = {w.language: w for w in weeks.stats if w.feedback and sum(w.feedback.values())}
    assert today["all"].feedback["unsafe"] == 1 and today["all"].unsafe_feedback_rate == pytest.approx(1 / 3, abs=1e-3)
    assert any(a.metric == "unsafe_feedback_rate" and a.window == today["all"].window for a in weeks.alerts)
    assert weeks.versions and weeks.versions[0]["model"] == "qwen2.5-coder-1.5b-instruct"
    zh_only = summarise(window="all", language="zh", cfg=cfg)
    assert {w.language for w in zh_only.stats} == {"zh", "all"}
    zh_total = sum(w.answers for w in weeks.stats if w.language == "zh")
    assert [w.answers for w in zh_only.stats if w.language == "zh"] == [zh_total]


def test_alert_rules_come_from_the_policy_and_are_audited_and_exported(cfg, tmp_path):
    write_synthetic_log(AuditLog(cfg.audit_path), 400, start=START, days=2, seed=4)
    pol = load_policy(cfg)
    quiet = summarise(cfg=cfg, policy=pol)
    assert not [a for a in quiet.alerts if a.metric == "abstention_rate"]
    strict = pol.model_copy(deep=True)
    strict.monitor.max["abstention_rate"] = 0.01
    loud = summarise(cfg=cfg, policy=strict)
    fired = [a for a in loud.alerts if a.metric == "abstention_rate"]
    assert {a.window for a in fired} == {"2026-03-02", "2026-03-03"} and all(a.value > 0.01 for a in fired)
    entry = AuditLog(cfg.audit_path).list(limit=1, action="monitor")[0]
    assert len([a for a in entry.payload["alerts"] if a["metric"] == "abstention_rate"]) == len(fired)
    text = prometheus(loud)
    assert 'openmfm_monitor_alerts{metric="abstention_rate"}' in text
    assert 'openmfm_monitor_answers{language="all"}' in text
    for line in text.splitlines():
        assert line.startswith("#") or len(line.split(" ")) == 2
    html = write_html(loud, tmp_path / "m.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "abstention_rate" in html


def test_monitor_needs_the_permission(cfg):
    with pytest.raises(PermissionDenied):
        summarise(cfg=cfg, ctx=RequestContext(role="patient"))


def test_language_drift_raises_an_alert(cfg):
    log = AuditLog(cfg.audit_path)
    write_synthetic_log(log, 600, start=START, days=20, zh_share=0.1, seed=5)
    write_synthetic_log(log, 300, start=datetime(2026, 3, 23, tzinfo=UTC), days=6, zh_share=0.9, seed=6)
    s = summarise(window="all", drift=True, since=date(2026, 3, 23), until=date(2026, 3, 28), cfg=cfg)
    assert s.drift["scores"]["language_shift"] > 0.6
    assert s.drift["scores"]["topic_shift"] is not None and s.drift["scores"]["centroid_distance"] > 0
    assert any(a.metric == "language_shift" for a in s.alerts)


GOUT = """# Gout flare

## Treatment

For an acute gout flare give colchicine 0.5 mg twice daily.

## Prevention

Start allopurinol at 100 mg daily after the flare settles.
"""
ASTHMA_ZH = "# 哮喘急性发作\n\n## 治疗\n\n哮喘急性发作时首选吸入沙丁胺醇，每次两喷，必要时每20分钟重复。\n"


def test_stale_lists_answers_whose_cited_span_changed_after_a_real_kb_update(cfg, tmp_path):
    from openmfm.answering import ask
    from openmfm.knowledge import open_kb

    en, zh = tmp_path / "gout.md", tmp_path / "asthma_zh.md"
    en.write_text(GOUT, encoding="utf-8")
    zh.write_text(ASTHMA_ZH, encoding="utf-8")
    kb = open_kb(cfg, "loop", create=True)
    kb.add_paths([en, zh], doc_type="guideline", published="2020-01-01")
    a_en = ask("What dose of colchicine is given for an acute gout flare?", mode="extractive", kb=kb, cfg=cfg)
    a_zh = ask("哮喘急性发作时沙丁胺醇怎么用？", mode="extractive", kb=kb, cfg=cfg)
    assert not a_en.abstained and not a_zh.abstained
    assert stale_answers(cfg=cfg).spans == []
    en.write_text(GOUT.replace("0.5 mg twice daily", "1 mg once daily"), encoding="utf-8")
    assert kb.add_paths([en], doc_type="guideline", published="2025-01-01").results[0].status == "new_version"
    r = stale_answers(cfg=cfg, replay=True)
    assert r.answer_ids == [a_en.audit_id]
    span = r.spans[0]
    assert (span.cited_version, span.current_version, span.status, span.languages) == (1, 2, "changed", {"en": 1})
    assert "0.5 mg twice daily" in span.cited_text
    assert "1 mg once daily" in span.current_text and "0.5" not in span.current_text
    assert {(c.old, c.new) for c in span.changes} == {("0.5", "1"), ("twice", "once")}
    assert any("1 mg once daily" in d for d in r.source_diffs.values())
    assert [(p.audit_id, p.differs) for p in r.replays] == [(a_en.audit_id, True)]
    totals = {w.language: w.answers for w in summarise(window="all", cfg=cfg).stats}
    assert totals == {"all": 2, "en": 1, "zh": 1}  # the replay is an audited ask, but not traffic
    kb.remove(next(s.source.id for s in kb.sources() if s.source.language == "zh"))
    gone = {a: sp.status for sp in stale_answers(cfg=cfg).spans for a in sp.answers}
    assert gone[a_zh.audit_id] == "removed"


def test_cli_monitor_runs_on_an_empty_and_a_filled_log(cfg, monkeypatch, tmp_path: Path):
    from typer.testing import CliRunner

    from openmfm.cli import app

    monkeypatch.setenv("MFM_HOME", cfg.home.path)
    res = CliRunner().invoke(app, ["monitor"])
    assert res.exit_code == 0 and "No answers" in res.output
    write_synthetic_log(AuditLog(cfg.audit_path), 200, start=START, days=1, seed=7)
    res = CliRunner().invoke(app, ["monitor", "--prometheus"])
    assert res.exit_code == 0 and 'openmfm_monitor_answers{language="all"} 200' in res.output
