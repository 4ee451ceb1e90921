"""`mfm kb ...` and `mfm terms ...` through the real CLI entry point, in both languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openmfm.cli import app


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("clihome")
    docs = tmp_path_factory.mktemp("clidocs")
    (docs / "protocol.md").write_text("# 抗凝方案\n\n房颤患者CHA2DS2-VASc评分≥2分时建议口服抗凝药。\n\n"
                                      "## Dosing\n\nApixaban 5 mg twice daily is the usual dose.\n", encoding="utf-8")
    return {"MFM_HOME": str(home), "MFM_CONFIG": "", "COLUMNS": "200"}, docs


def run(env, *args):
    res = CliRunner().invoke(app, list(args), env=env)
    return res.exit_code, res.output


def test_kb_add_list_search_show_versions_diff_remove(cli_env):
    env, docs = cli_env
    code, out = run(env, "kb", "add", str(docs), "--kb", "c", "--publisher", "Ward 3", "--licence", "internal",
                    "--doc-type", "local_protocol", "--published", "2025-02-01", "--no-embed")
    assert code == 0, out
    assert "added" in out and "1 added" in out
    code, out = run(env, "kb", "list", "--kb", "c")
    assert code == 0 and "抗凝方案" in out and "internal" in out and "local_protocol" in out
    sid = next(line.split()[1] for line in out.splitlines() if "protocol-" in line)
    for query, needle in (("房颤 抗凝", "CHA2DS2-VASc"), ("apixaban dose", "Apixaban 5 mg")):
        code, out = run(env, "kb", "search", query, "--kb", "c", "--k", "2")
        assert code == 0, out
        assert "[1]" in out and "抗凝方案" in out and "v1" in out and "2025-02-01" in out and "licence: internal" in out
        assert needle in out and "snapshot" in out
    (docs / "protocol.md").write_text((docs / "protocol.md").read_text(encoding="utf-8").replace("5 mg", "2.5 mg"),
                                      encoding="utf-8")
    code, out = run(env, "kb", "add", str(docs), "--kb", "c", "--no-embed", "--published", "2026-01-01")
    assert code == 0 and "new_version" in out
    code, out = run(env, "kb", "versions", sid, "--kb", "c")
    assert code == 0 and "current" in out and "2025-02-01" in out and "2026-01-01" in out
    code, out = run(env, "kb", "diff", sid, "1", "2", "--kb", "c")
    assert "-Apixaban 5 mg" in out and "+Apixaban 2.5 mg" in out
    code, out = run(env, "kb", "search", "apixaban dose", "--kb", "c", "--as-of", "2025-06-01", "--k", "1")
    assert "Apixaban 5 mg" in out and "v1" in out
    code, out = run(env, "kb", "show", sid, "--kb", "c")
    assert code == 0 and "v1 (superseded), v2" in out and "Ward 3" in out
    code, out = run(env, "kb", "remove", sid, "--kb", "c", "--yes")
    assert code == 0 and "Removed" in out


def test_kb_add_reports_failures_with_exit_code(cli_env, tmp_path):
    env, _ = cli_env
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    code, out = run(env, "kb", "add", str(tmp_path / "empty.md"), str(tmp_path / "nope.md"), "--kb", "c", "--no-embed")
    assert code == 1 and "failed" in out and "empty" in out and "does not exist" in out


@pytest.mark.parametrize("good_name,good_text", [
    ("note.md", "# Gout\n\nColchicine 500 micrograms two to four times daily treats an acute gout flare.\n"),
    ("笔记.md", "# 痛风\n\n急性痛风发作可口服秋水仙碱，每次0.5毫克，每日二至四次。\n")])
def test_kb_add_exits_1_when_one_file_fails_after_adding_the_rest(cli_env, tmp_path, good_name, good_text):
    env, _ = cli_env
    (tmp_path / "bad.pdf").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / good_name).write_text(good_text, encoding="utf-8")
    kb = f"exit-{good_name[:2]}"
    code, out = run(env, "kb", "add", str(tmp_path / "bad.pdf"), str(tmp_path / good_name), "--kb", kb, "--no-embed")
    assert code == 1, out
    assert "1 added" in out and "1 failed" in out and "│ failed" in out
    code, out = run(env, "kb", "add", str(tmp_path / "bad.pdf"), str(tmp_path / good_name), "--kb", kb, "--no-embed",
                    "--json")
    assert code == 1, out
    status = {Path(r["path"]).name: r for r in json.loads(out)["results"]}
    assert status[good_name]["status"] == "unchanged" and status["bad.pdf"]["status"] == "failed"
    assert "cannot read the PDF" in status["bad.pdf"]["reason"]
    code, out = run(env, "kb", "list", "--kb", kb)
    assert code == 0 and good_text.split("\n")[0].lstrip("# ") in out
    # everything in (a duplicate is reported, not a failure): exit 0
    (tmp_path / "copy.md").write_text(good_text, encoding="utf-8")
    code, out = run(env, "kb", "add", str(tmp_path / good_name), str(tmp_path / "copy.md"), "--kb", kb, "--no-embed")
    assert code == 0, out
    assert "1 unchanged" in out and "1 duplicates" in out and "0 failed" in out


def test_kb_add_exit_code_through_the_installed_command(cli_env, tmp_path):
    env, docs = cli_env
    (tmp_path / "bad.pdf").write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run([sys.executable, "-m", "openmfm.cli", "kb", "add", str(tmp_path / "bad.pdf"),
                           str(docs / "protocol.md"), "--kb", "exit-sub", "--no-embed"],
                          capture_output=True, text=True, env={**env, "PATH": "/usr/bin"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "failed" in proc.stdout and "1 added" in proc.stdout


def test_missing_kb_prints_the_next_step():
    proc = subprocess.run([sys.executable, "-m", "openmfm.cli", "kb", "search", "x"], capture_output=True, text=True,
                          env={"MFM_HOME": "/tmp/definitely-missing-mfm-home", "MFM_CONFIG": "", "PATH": "/usr/bin"})
    assert proc.returncode == 2 and "mfm kb build-default" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("term,needles", [("心梗", ["I21", "myocardial infarction", "心肌梗死", "MI"]),
                                          ("MI", ["I21", "心肌梗死", "heart attack"]),
                                          ("慢阻肺", ["J44", "chronic obstructive pulmonary disease"])])
def test_terms_lookup(term, needles):
    code, out = run({"COLUMNS": "200"}, "terms", "lookup", term)
    assert code == 0
    for n in needles:
        assert n in out, (n, out)


def test_terms_normalize_shows_bridging():
    code, out = run({"COLUMNS": "200"}, "terms", "normalize", "房颤抗凝")
    assert code == 0 and "atrial fibrillation" in out
