"""The simulated patient and the history scorer (benchmark and --practice), on dev cases written
for these tests (not the benchmark's set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openmfm.config import load_config
from openmfm.consult.simulate import SimulatedPatient, load_case, run_case, score_practice, summarise

CASES = Path(__file__).with_name("dev_cases.jsonl")


def cases():
    return [json.loads(x) for x in CASES.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_patient_answers_only_from_the_case_and_never_names_the_diagnosis():
    case = load_case(f"{CASES}#dev-en-1")
    p = SimulatedPatient(case)
    assert "5 days" in p.answer("How long has this been going on?")
    assert p.answer("Do you have any pets at home?") == "I don't know."
    assert "ibuprofen" in p.answer("Which medicines do you take?")
    said = " ".join(p.answer(q) for q in ("Any other symptoms?", "Where is it?", "Describe it"))
    assert case["diagnosis"] not in said
    zh = SimulatedPatient(load_case(f"{CASES}#dev-zh-1"))
    assert zh.answer("你养宠物吗") == "不清楚。"


def test_emergency_is_told_gradually():
    p = SimulatedPatient(load_case(f"{CASES}#dev-zh-2"))
    assert "胳膊" not in p.answer("还有其他症状吗？")  # turn 1: too early even when asked
    p.answer("有多长时间了？")
    assert "胳膊" in p.answer("还有其他不舒服的症状吗？") and p.reveal_turn == 3


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["id"])
def test_interviews_are_scored_and_emergencies_escalated(tmp_path, case):
    cfg = load_config({"home.path": str(tmp_path)})
    rows = {name: run_case(case, strategy=name, mode="rules", cfg=cfg) for name in ("slots", "checklist", "freeform")}
    for row in rows.values():
        assert row["fhir_valid"] and row["supported"] == row["items"]
    if case["emergency"]:  # escalated at the reveal, or at least the deciding question asked then
        r = rows["slots"]
        assert (r["escalated"] and r["escalation_turn"] == r["reveal_turn"]) or r["deciding_turn"] == r["reveal_turn"]
    else:
        assert rows["slots"]["turns"] < rows["checklist"]["turns"]
    stats = summarise(list(rows.values()))
    assert 0 <= stats["recall"] <= 1 and stats["precision"] == 1


def test_practice_score_names_what_was_missed():
    case = load_case(f"{CASES}#dev-en-2")
    p = SimulatedPatient(case)
    p.answer("When did it start?")
    result = score_practice(case, p)
    assert result["elicited"] == 1 and result["missed"] == ["smoking: smoking"]
    assert result["red_flag_missed"] == "chest_pain (radiation)"
