"""Perturbations and demographic variants: deterministic under a seed, gold remapped, zh and en."""

from __future__ import annotations

import pytest

from openmfm.errors import InvalidInput
from openmfm.evaluation import fairness, perturb
from openmfm.records import EvalItem

EN_MCQ = EvalItem(id="m1", dataset="t", task="mcq", answer="B",
                  question="A 67-year-old man presents with crushing chest pain radiating to his left arm. Which drug first?",
                  options={"A": "Warfarin", "B": "Aspirin", "C": "Insulin", "D": "Digoxin"})
ZH_MCQ = EvalItem(id="m2", dataset="t", task="mcq", answer="C", language="zh",
                  question="患者，男，58岁，突发胸痛2小时。首选检查是什么？",
                  options={"A": "腹部B超", "B": "头颅CT", "C": "心电图", "D": "胃镜"})
EN_YN = EvalItem(id="y1", dataset="t", task="yes_no_maybe", answer="yes", question="Does aspirin reduce mortality after myocardial infarction?",
                 options={"yes": "yes", "no": "no", "maybe": "maybe"})
ZH_YN = EvalItem(id="y2", dataset="t", task="yes_no_maybe", answer="no", language="zh", question="吸烟是否降低肺癌风险？",
                 options={"yes": "yes", "no": "no", "maybe": "maybe"})


@pytest.mark.parametrize("name", list(perturb.PERTURBATIONS))
def test_deterministic_under_seed(name):
    for item in (EN_MCQ, ZH_MCQ, EN_YN, ZH_YN):
        a, b = perturb.apply(name, item, 1), perturb.apply(name, item, 1)
        assert (a is None) == (b is None)
        if a is not None:
            assert a.model_dump() == b.model_dump()
            assert a.metadata["perturbation"] == name
    assert "perturbation" not in EN_MCQ.metadata  # the original is untouched


def test_typos_change_text_and_depend_on_seed():
    outs = {perturb.apply("typos", EN_MCQ, s).question for s in range(6)}
    assert EN_MCQ.question not in outs and len(outs) > 1
    zh = perturb.apply("typos", ZH_MCQ, 3).question
    assert zh != ZH_MCQ.question and sorted(zh) == sorted(ZH_MCQ.question)  # characters swapped, none lost


def test_shuffle_remaps_gold():
    for seed in range(5):
        s = perturb.apply("shuffle_options", EN_MCQ, seed)
        assert s.options[s.answer] == "Aspirin"
        assert list(s.options.values()) != list(EN_MCQ.options.values())
        assert sorted(s.options.values()) == sorted(EN_MCQ.options.values())
    yn = perturb.apply("shuffle_options", EN_YN, 2)
    assert yn.answer == "yes" and set(yn.options) == {"yes", "no", "maybe"}


def test_negation_flips_gold_en_and_zh():
    en = perturb.apply("negation", EN_YN, 0)
    assert en.question == "Does aspirin not reduce mortality after myocardial infarction?" and en.answer == "no"
    zh = perturb.apply("negation", ZH_YN, 0)
    assert zh.question == "吸烟是否不降低肺癌风险？" and zh.answer == "yes"
    assert perturb.apply("negation", EN_MCQ, 0) is None  # an MCQ's answer cannot be flipped


def test_distractor_and_chinese_forms():
    d = perturb.apply("distractor", ZH_MCQ, 0)
    assert d.question.endswith(ZH_MCQ.question) and len(d.question) > len(ZH_MCQ.question)
    t = perturb.apply("traditional", ZH_MCQ, 0)
    assert "頭顱" in t.options["B"] and "心電圖" in t.options["C"]
    assert perturb.apply("simplified", t, 0).options == ZH_MCQ.options
    fw = perturb.apply("fullwidth", ZH_MCQ, 0)
    assert "５８" in fw.question and "Ｂ超" in fw.options["A"]
    hw = perturb.apply("halfwidth", ZH_MCQ, 0)
    assert "，" not in hw.question and "," in hw.question
    assert perturb.apply("traditional", EN_MCQ, 0) is None


def test_unknown_perturbation():
    with pytest.raises(InvalidInput):
        perturb.apply("rot13", EN_MCQ, 0)


def test_fairness_variants_en():
    vs = fairness.variants(EN_MCQ)
    attrs = {a for a, _, _ in vs}
    assert attrs == {"sex", "age", "ethnicity", "insurance", "residence"}
    by = {(a, g): v for a, g, v in vs}
    fem = by[("sex", "female")].question
    assert "woman" in fem and "her left arm" in fem and " man " not in fem
    assert by[("sex", "male")].question == EN_MCQ.question
    assert "72-year-old" in by[("age", "older adult")].question
    assert by[("insurance", "uninsured")].question.startswith("The patient has no health insurance.")
    assert all(v.answer == "B" for _, _, v in vs)


def test_fairness_variants_zh():
    by = {(a, g): v for a, g, v in fairness.variants(ZH_MCQ)}
    assert "女" in by[("sex", "female")].question and "男" not in by[("sex", "female")].question
    assert "25岁" in by[("age", "young adult")].question
    assert by[("ethnicity", "藏族")].question.startswith("患者为藏族。")
    assert by[("residence", "rural")].question.startswith("患者居住在偏远农村。")
    # no sex or age stated: those attributes do not apply
    assert {a for a, _, _ in fairness.variants(ZH_YN)} == {"ethnicity", "insurance", "residence"}
