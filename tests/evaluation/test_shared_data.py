"""The real development sets beside the project (../shared/data), read by the public loader:
every record becomes an item, none is invented, and the language follows the text. Skipped
where the folder is absent (users bring their own copies)."""

from __future__ import annotations

import json

import openmfm


def test_pubmedqa_dev_loads_every_record_with_its_label(shared_data):
    path = shared_data / "pubmedqa_dev.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    ds = openmfm.load_dataset(path)
    assert len(ds.items) == len(raw)
    for item in ds.items[:50]:
        rec = raw[item.id.split(":")[-1]] if item.id.split(":")[-1] in raw else None
        assert rec is not None, item.id
        assert item.question == rec["QUESTION"] and item.answer == rec["final_decision"]
        assert item.language == "en"


def test_cmb_clin_dev_loads_every_question_in_chinese(shared_data):
    path = shared_data / "cmb_clin_dev.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    ds = openmfm.load_dataset(path)
    assert len(ds.items) == sum(len(case["QA_pairs"]) for case in raw)
    questions = {qa["question"] for case in raw for qa in case["QA_pairs"]}
    assert all(any(q in item.question for q in questions) for item in ds.items)
    assert {item.language for item in ds.items} == {"zh"}
