"""`mfm structure`: files (GBK too), stdin, JSON and FHIR output, batches that resume after a kill."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from openmfm.cli import app
from openmfm.records import RequestContext
from openmfm.structure import batch

runner = CliRunner()


def test_gbk_file_as_json(tmp_path):
    p = tmp_path / "note.txt"
    p.write_bytes("主诉：腹泻3天。既往史：否认胃溃疡。".encode("gbk"))
    out = runner.invoke(app, ["structure", str(p), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    ents = {e["text"]: e for e in data["entities"]}
    assert ents["胃溃疡"]["assertion"] == "negated" and ents["腹泻"]["section"] == "chief_complaint"


def test_stdin_to_fhir(tmp_path):
    out = runner.invoke(app, ["structure", "-", "--fhir"], input="Impression: cellulitis of left leg; on cephalexin 500 mg QID.")
    assert out.exit_code == 0, out.output
    bundle = json.loads(out.stdout)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"Condition", "MedicationStatement"} <= kinds


def test_empty_stdin_is_a_clear_error():
    out = runner.invoke(app, ["structure", "-", "--json"], input="")
    assert out.exit_code != 0
    assert "empty" in str(out.exception or out.output).lower()


def _notes(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"n{i}.txt").write_text(f"第{i}位患者：发热{i + 1}天，无咳嗽。" if i % 2 else f"Patient {i}: wheezing, no fever.",
                                          encoding="utf-8")


def test_batch_resumes_after_a_kill(tmp_path, cfg):
    src, out = tmp_path / "notes", tmp_path / "out.jsonl"
    _notes(src, 5)

    def die_after_two(_id, n):
        if n == 2:
            with open(out, "ab") as fh:
                fh.write(b'{"id": "half-writt')  # what a kill mid-write leaves behind
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(src, out, cfg=cfg, ctx=RequestContext(), on_note=die_after_two)
    summary = batch.run_batch(src, out, cfg=cfg, ctx=RequestContext())
    assert (summary.skipped, summary.done) == (2, 3)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["id"] for x in lines) == [f"n{i}.txt" for i in range(5)]
    assert summary.assertions["negated"] == 3


def test_batch_over_jsonl_through_the_cli(tmp_path):
    src = tmp_path / "notes.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) for i, t in
                             enumerate(["Known CKD stage 3.", "", "咽痛两天，无发热。"])), encoding="utf-8")
    out = runner.invoke(app, ["structure", str(src), "--out", str(tmp_path / "res.jsonl")])
    assert out.exit_code == 0, out.output
    assert "notes structured" in out.output
    rows = [json.loads(x) for x in (tmp_path / "res.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows if "entities" in r} == {"r0", "r2"}
    assert [r["error"] for r in rows if "error" in r] == ["The record has no text field."]  # the empty one
