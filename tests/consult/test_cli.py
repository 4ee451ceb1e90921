"""`mfm consult`: scripted replies as JSON, resume, and practice, through the real CLI app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from openmfm.cli import app

runner = CliRunner()


def test_replies_json_en_and_resume(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("For about ten days\nIt's a wet cough with green phlegm\n", encoding="utf-8")
    res = runner.invoke(app, ["consult", "cough", "--replies", str(f), "--json", "--mode", "rules"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["record"]["fhir_valid"] and out["session"]["status"] == "open"
    assert any(v["slot"] == "duration" and v["days"] == 10 for v in out["record"]["slots"])
    sid = out["session"]["id"]
    g = tmp_path / "r2.txt"
    g.write_text("no\n", encoding="utf-8")
    res = runner.invoke(app, ["consult", "--resume", sid, "--replies", str(g), "--json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)["session"]["turns"]) == 4


def test_replies_zh_red_flag(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("胸口疼了半小时\n像石头压着一样，还往左胳膊走，一直冒冷汗\n不会被读到\n", encoding="utf-8")
    res = runner.invoke(app, ["consult", "胸痛", "--replies", str(f), "--json", "--mode", "rules"])
    out = json.loads(res.output)
    assert out["record"]["urgent"] and out["session"]["stop_reason"] == "red_flag"
    assert len(out["session"]["turns"]) == 3


def test_practice_with_scripted_questions(tmp_path):
    q = tmp_path / "q.txt"
    q.write_text("多久了？\n以前有什么病吗？\n", encoding="utf-8")
    case = Path(__file__).with_name("dev_cases.jsonl")
    res = runner.invoke(app, ["consult", "--practice", "dev-zh-2", "--cases", str(case), "--replies", str(q), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["score"]["elicited"] == 1 and out["score"]["red_flag_missed"] == "stroke (associated)"
