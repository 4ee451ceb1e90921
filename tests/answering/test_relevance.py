"""Answer relevance: passages must state what the question asks for, not merely share its topic."""

from __future__ import annotations

import pytest

from openmfm.answering.question import Question
from openmfm.answering.relevance import MIN_RELEVANCE, answer_relevance, asked_for

from .evidence_factory import make_evidence


def _q(text: str, lang: str, concepts: list[str], expansions: list[str] = ()) -> Question:
    return Question(text=text, language=lang, query=text, terms=set(), concepts=concepts, expansions=list(expansions))


@pytest.mark.parametrize("text,lang,kind", [
    ("How much colchicine should a flare of gout get on day one?", "en", "dose"),
    ("痛风急性发作时秋水仙碱一次吃多少毫克？", "zh", "dose"),
    ("Above which HbA1c should metformin be intensified?", "en", "threshold"),
    ("糖化血红蛋白控制在多少以下比较合适？", "zh", "threshold"),
    ("For how many days should uncomplicated cystitis be treated with nitrofurantoin?", "en", "timing"),
    ("单纯性膀胱炎用呋喃妥因疗程是几天？", "zh", "timing"),
    ("Which antibiotic is preferred for a dog bite?", "en", "choice"),
    ("猫抓伤后首选什么抗生素？", "zh", "choice"),
])
def test_the_kind_of_thing_asked_for(text, lang, kind):
    assert asked_for(text, lang).name == kind


def test_a_dose_question_is_not_answered_by_a_passage_without_an_amount():
    q = _q("What dose of allopurinol is used to start urate-lowering therapy?", "en", ["allopurinol"])
    topical = make_evidence("Allopurinol is the preferred first-line urate-lowering agent for most patients with gout.")
    rel = answer_relevance(q, [topical])
    assert rel.score < MIN_RELEVANCE and rel.missing == ["dose"]
    dosed = make_evidence("Start allopurinol at no more than 100 mg daily and titrate every 2 to 5 weeks.")
    assert answer_relevance(q, [topical, dosed]).score >= MIN_RELEVANCE


def test_a_chinese_dose_question_answered_across_languages_through_its_expansions():
    q = _q("别嘌醇起始剂量是多少？", "zh", ["别嘌醇"], expansions=["allopurinol"])
    dosed = make_evidence("Start allopurinol at no more than 100 mg daily and titrate every 2 to 5 weeks.")
    rel = answer_relevance(q, [dosed])
    assert rel.score >= MIN_RELEVANCE and rel.subject == ["allopurinol"]


@pytest.mark.parametrize("lang,question,concept,passage", [
    ("en", "What is the first-line treatment for hidradenitis suppurativa?", "hidradenitis suppurativa",
     "First-line therapy for acute gout flares is an NSAID, colchicine or a corticosteroid."),
    ("zh", "化脓性汗腺炎的一线治疗是什么？", "化脓性汗腺炎", "痛风急性发作的一线治疗为非甾体抗炎药、秋水仙碱或糖皮质激素。"),
])
def test_a_passage_about_another_condition_does_not_answer(lang, question, concept, passage):
    rel = answer_relevance(_q(question, lang, [concept]), [make_evidence(passage, language=lang)])
    assert rel.score < MIN_RELEVANCE and "subject" in rel.missing


def test_a_graph_fact_counts_only_as_the_relation_asked_for():
    """A symptom list for a dose question is supported by its source and answers nothing."""
    q = _q("阿司匹林的用量是多少？", "zh", ["阿司匹林"])
    ev = make_evidence("头痛、发热、关节痛", language="zh")
    ev.chunk.kind, ev.chunk.fact = "fact", ("阿司匹林", "适应症", "头痛、发热、关节痛")
    assert answer_relevance(q, [ev]).score < MIN_RELEVANCE
    dose = make_evidence("口服，一次0.3～0.6克，一日3次", language="zh")
    dose.chunk.kind, dose.chunk.fact = "fact", ("阿司匹林", "用法用量", "口服，一次0.3～0.6克，一日3次")
    assert answer_relevance(q, [ev, dose]).answering == [1]


@pytest.mark.parametrize("question,lang,concept", [
    ("What is the preferred treatment for bacterial meningitis in adults?", "en", "bacterial meningitis"),
    ("细菌性脑膜炎成人首选什么治疗？", "zh", "细菌性脑膜炎"),
])
def test_a_graph_entity_summary_answers_a_treatment_question_only_through_a_treatment_line(question, lang, concept):
    """A knowledge-graph summary shares the disease's name with any question about it; its list of
    symptoms does not answer which treatment, its treatment line does."""
    symptoms = make_evidence("【细菌性脑膜炎】\n常见症状：发热、头痛、颈项强直、畏光", source_id="kg", doc_type="kg_fact",
                             language="zh")
    treatment = make_evidence("【细菌性脑膜炎】\n药物治疗：头孢曲松、万古霉素、地塞米松", source_id="kg", doc_type="kg_fact",
                              language="zh")
    q = _q(question, lang, [concept], ["细菌性脑膜炎", "bacterial meningitis"])
    assert answer_relevance(q, [symptoms]).answering == []
    assert answer_relevance(q, [symptoms, treatment]).answering == [1]
