"""The learned PHI recogniser behind the de-identification rules: its shipped model and card, what
it adds to the rules and what it must leave alone, the policy switch, and retraining.

The sentences here were written for this file; none is taken from the training frames
(data/deid/training_text.json) or a benchmark round. Each "rules miss" case was checked to be
missed by the rules alone, so the test fails if the learned recogniser stops adding it.
"""

from __future__ import annotations

import json
import shutil
import time

import pytest
from typer.testing import CliRunner

from openmfm.cli import app
from openmfm.config import load_config
from openmfm.errors import ConfigError
from openmfm.safety.deid import deid, learned
from openmfm.safety.deid.engine import analyze
from openmfm.safety.policy import load_policy


def _covered(text: str, value: str, use_learned: bool, lang: str = "en") -> bool:
    start = text.index(value)
    spans = analyze(text, lang, 0.4, use_learned=use_learned)
    chars = [i for i in range(start, start + len(value)) if not text[i].isspace()]
    return sum(any(s.start <= i < s.end for s in spans) for i in chars) / len(chars) >= 0.9


def test_the_shipped_model_loads_and_matches_its_card():
    card = learned.verify()
    assert card["models"]["en"]["sha256"] == learned._sha256(learned.data_dir() / card["models"]["en"]["file"])
    assert card["seed"] and card["notes_per_language"] and card["generators"]["en"] and "No benchmark round" in card["provenance"]
    assert card["models"]["en"]["bytes"] < 5_000_000
    assert "en" in learned._taggers()


def test_a_model_that_does_not_match_its_card_is_refused(tmp_path):
    for f in learned.data_dir().glob("learned_phi*"):
        shutil.copy(f, tmp_path / f.name)
    model = tmp_path / "learned_phi_en.crfsuite"
    model.write_bytes(model.read_bytes() + b"\0")
    with pytest.raises(ConfigError, match="sha256"):
        learned.verify(tmp_path)
    result = CliRunner().invoke(app, ["policy", "train-deid", "--check", "--out", str(tmp_path)])
    assert result.exit_code != 0


@pytest.mark.parametrize("text,value", [
    # after "Dear", "Re:" and "cc:", in forms the rules do not list
    ("Dear Ingrid Solberg and colleagues\nThank you for your letter.", "Ingrid Solberg"),
    ("DEAR MAGNUS HALLORAN\nRE YOUR REFERRAL", "MAGNUS HALLORAN"),
    ("Re - Wendell Ashcombe", "Wendell Ashcombe"),
    ("Subject: Re: appointment for Tamsin Oakhurst", "Tamsin Oakhurst"),
    ("CC'd: Evander Holt", "Evander Holt"),
    # sign-offs
    ("Yours ever,\nCaspian", "Caspian"),
    ("Speak soon\n\nLysander", "Lysander"),
    ("Sincerely\n\nIfeoma Chukwu-Adams, ANP", "Ifeoma Chukwu-Adams"),
    ("Ta,\nBenedikt", "Benedikt"),
    # names in running prose
    ("Then Leocadia took the bus home alone.", "Leocadia"),
    ("It was Rasmus who found her on the floor.", "Rasmus"),
])
def test_names_the_rules_miss_are_found_with_the_learned_recogniser(text, value):
    assert not _covered(text, value, use_learned=False), "the rules alone now find it: pick a case they miss"
    assert _covered(text, value, use_learned=True)


@pytest.mark.parametrize("text,value", [
    ("Address\n22 Farriers Yard\nLittle Dunmore\nNorfolk NR9 3QP", "22 Farriers Yard\nLittle Dunmore"),
    ("Locker key 55-1904 returned to the family.", "55-1904"),
    ("Beneficiary locator: QZ-5512-884", "QZ-5512-884"),
])
def test_addresses_over_lines_and_unfamiliar_identifiers(text, value):
    assert not _covered(text, value, use_learned=False)
    assert _covered(text, value, use_learned=True)


@pytest.mark.parametrize("text,word", [
    ("Started Entresto 24/26 mg twice daily; stop Lisinopril 36 hours before.", "Entresto"),
    ("Switched from Keppra to Briviact after the second seizure.", "Briviact"),
    ("Positive Murphy's sign; Courvoisier's law does not apply here.", "Courvoisier"),
    ("Known Wegener's granulomatosis, now called GPA, on Rituximab.", "Wegener"),
    ("Apgar 8 and 9; Ballard score consistent with 38 weeks.", "Ballard"),
    ("Refilled Xeljanz and Otezla; Dupixent pending approval.", "Dupixent"),
])
def test_drug_names_and_eponyms_are_left_alone(text, word):
    # What the rules tag here is theirs to answer for; the learned recogniser must add nothing.
    assert not [s for s in learned.spans(text, "en") if word in text[s[1]:s[2]]]
    with_model = {text[s.start:s.end] for s in analyze(text, "en", 0.4, use_learned=True)}
    assert with_model == {text[s.start:s.end] for s in analyze(text, "en", 0.4, use_learned=False)}


def test_vision_strength_and_code_fractions_are_not_dates():
    text = "Acuity 20/70 left eye. Hip flexion 3/5. NDC 50242-0040-62 given."
    assert not [s for s in learned.spans(text, "en") if s[0] == "DATE"]
    assert analyze(text, "en", 0.4, use_learned=True) == analyze(text, "en", 0.4, use_learned=False)


def test_chinese_notes_are_left_to_the_rules():
    # No Chinese model ships (the rules already found what it found, and it cost precision):
    # Chinese analysis is the same with the switch on or off.
    text = "患者林晓梅，女，78岁，由女儿周静陪同复诊，电话13912345678。"
    assert learned.spans(text, "zh") == []
    on = [(s.start, s.end, s.entity_type) for s in analyze(text, "zh", 0.4, use_learned=True)]
    assert on == [(s.start, s.end, s.entity_type) for s in analyze(text, "zh", 0.4, use_learned=False)]


def test_the_policy_switch_turns_it_off(tmp_path):
    cfg = load_config({"home.path": str(tmp_path)})
    on = load_policy(cfg)
    assert on.deid.learned is True
    off = on.model_copy(update={"deid": on.deid.model_copy(update={"learned": False})})
    text = "Yours ever,\nCaspian"
    assert "Caspian" not in deid(text, cfg=cfg, policy=on).text
    assert "Caspian" in deid(text, cfg=cfg, policy=off).text


def test_the_crf_costs_little_per_10000_characters():
    note = ("Seen with her daughter Greta; plan reviewed. BP 132/80. Call 555-0134 if worse.\n" * 130)[:10_000]
    learned.spans(note, "en")
    started = time.perf_counter()
    learned.spans(note, "en")
    assert time.perf_counter() - started < 0.5


def _retrain(out, *extra):
    return CliRunner().invoke(app, ["policy", "train-deid", "--n", "40", "--iterations", "15", "--seed", "5", "--out", str(out), *extra])


def test_a_retrain_through_the_cli_writes_a_model_that_loads(tmp_path):
    result = _retrain(tmp_path, "--language", "en", "--language", "zh")
    assert result.exit_code == 0, result.output
    card = learned.verify(tmp_path)
    assert set(card["models"]) == {"en", "zh"} and card["seed"] == 5 and card["notes_per_language"] == 40
    assert isinstance(learned.spans("Dear Hal, see you Monday.", "en", tmp_path), list)
    assert isinstance(learned.spans("患者王芳今日出院。", "zh", tmp_path), list)
    assert CliRunner().invoke(app, ["policy", "train-deid", "--check", "--out", str(tmp_path)]).exit_code == 0


def test_a_hospitals_own_labelled_notes_change_the_model(tmp_path):
    # This hospital writes its porters' call signs as "porter: <Name> <digit>": names by its own
    # convention, in a layout the synthetic notes never use.
    rows = []
    for i, name in enumerate(["Aldous", "Brontë", "Caius", "Dorcas", "Emrys", "Fflur", "Gideon", "Hesper", "Isolde", "Jethro"] * 3):
        text = f"Specimen run {i}. porter: {name} {i % 9}. Bay clean."
        start = text.index(name)
        rows.append({"text": text, "spans": [[start, start + len(name), "NAME"]]})
    notes = tmp_path / "ours.jsonl"
    notes.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    probe = "Specimen run 77. porter: Ottilie 4. Bay clean."
    assert _retrain(tmp_path / "plain").exit_code == 0
    result = _retrain(tmp_path / "ours", "--notes", str(notes))
    assert result.exit_code == 0, result.output
    assert "30 hospital notes" in result.output
    card = learned.verify(tmp_path / "ours")
    assert card["hospital_notes"][0]["notes"] == 30
    tagged = lambda d: [probe[s:e] for _, s, e, _ in learned.spans(probe, "en", d)]
    assert "Ottilie" not in tagged(tmp_path / "plain")
    assert "Ottilie" in tagged(tmp_path / "ours")


def test_a_broken_labelled_note_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Dr Ames", "spans": [[3, 7, "NAME"]]}\n{"text": "short", "spans": [[0, 99, "NAME"]]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.jsonl:2"):
        learned.read_notes(bad)
