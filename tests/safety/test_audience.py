"""Who a red flag is worded for, and how urgent its message is: by role and phrasing, by policy."""

from __future__ import annotations

import pytest

from openmfm import load_config
from openmfm.records import RequestContext
from openmfm.safety import check_input, load_policy
from openmfm.safety.audience import audience
from openmfm.safety.gate import escalation_flag
from openmfm.safety.redflags import RedFlagHit

POL = load_policy(load_config())
CLINICIAN, PATIENT = RequestContext(role="clinician"), RequestContext(role="patient")

MANAGEMENT = {
    "en": "A 58-year-old inpatient developed a sudden facial droop and slurred speech 40 minutes ago: "
          "which imaging comes first and what is the thrombolysis window?",
    "zh": "住院患者，72岁男性，40分钟前突发口角歪斜、说话含糊不清，溶栓治疗的时间窗是多少，首选什么检查？",
}
OWN_FAMILY = {
    "en": "My husband's face drooped on one side and his words came out slurred about twenty minutes ago, what do I do?",
    "zh": "我老公二十分钟前突然嘴歪了，说话也含糊不清，怎么办？",
}


def _red(text, ctx):
    return [f for f in check_input(text, ctx, POL).flags if f.kind == "red_flag"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_clinician_managing_a_patient_gets_clinical_urgency_not_the_emergency_number(lang):
    [flag] = _red(MANAGEMENT[lang], CLINICIAN)
    assert flag.details["audience"] == "clinician" and flag.severity == "warning"
    assert flag.details["emergency"] not in flag.message
    assert ("临床紧急程度" if lang == "zh" else "Clinical urgency") in flag.message


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_same_words_from_a_patient_get_the_escalation(lang):
    [flag] = _red(MANAGEMENT[lang], PATIENT)
    assert flag.details["audience"] == "person" and flag.severity == "critical"
    assert flag.details["emergency"] in flag.message


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_clinician_describing_their_own_family_is_a_person_first(lang):
    [flag] = _red(OWN_FAMILY[lang], CLINICIAN)
    assert flag.details["audience"] == "person" and flag.details["emergency"] in flag.message


def test_clinical_roles_come_from_the_policy():
    strict = POL.model_copy(deep=True)
    strict.red_flags.clinical_roles = []
    assert audience(MANAGEMENT["en"], CLINICIAN, strict) == "person"
    assert audience(MANAGEMENT["en"], CLINICIAN, POL) == "clinician"


@pytest.mark.parametrize("lang,today", [("en", "TODAY"), ("zh", "今天")])
def test_same_day_categories_say_be_seen_today_and_keep_the_number(lang, today):
    cat = next(iter(POL.red_flags.categories))
    flag = escalation_flag([RedFlagHit(cat, ["x"], urgency="same_day")], lang, POL, None)
    assert today in flag.message and flag.details["emergency"] in flag.message
    assert flag.details["urgency"] == "same_day" and flag.severity == "warning"


def test_the_most_urgent_category_decides_the_message():
    a, b = POL.red_flags.categories[:2]
    flag = escalation_flag([RedFlagHit(a, ["x"], urgency="same_day"), RedFlagHit(b, ["y"], urgency="emergency")],
                           "en", POL, None)
    assert flag.details["urgency"] == "emergency" and flag.severity == "critical"


@pytest.mark.parametrize("text,lang", [
    ("my tummy has felt a bit off for a couple of days and I'm not that hungry", "en"),
    ("这两天肚子老是有点不舒服，吃饭也不太香", "zh"),
])
def test_below_the_classifier_threshold_the_deciding_question_is_asked(text, lang):
    """A lean towards an emergency without a rule hit asks the category's one deciding question."""
    band = POL.model_copy(deep=True)
    band.red_flags.question_threshold, band.red_flags.model_threshold = 0.01, 0.999
    flags = check_input(text, PATIENT, band).flags
    assert not any(f.kind == "red_flag" for f in flags)
    [q] = [f for f in flags if f.kind == "triage_question"]
    assert q.message.strip() and q.details["category"] in POL.red_flags.categories
    assert (any("\u4e00" <= ch <= "\u9fff" for ch in q.message)) == (lang == "zh")
