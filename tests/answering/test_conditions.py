"""Conditions are part of a claim: a statement that drops or changes the population, severity,
setting, pregnancy, organ function, line of therapy, duration or clause its evidence is limited
by is at most partial, and names the condition; the same statement keeping it stays supported.

The sentences are written for these tests (not taken from the lexicon or the verifier set)."""

from __future__ import annotations

import pytest

from openmfm.answering import compose, conditions
from openmfm.answering.draft import DraftSentence
from openmfm.answering.prompt import answer_messages
from openmfm.answering.terms import query_terms
from openmfm.answering.verify import verify

from .evidence_factory import make_evidence

CAP_HEADING = "High Severity (CURB-65 3-5, inpatient/ICU)"
CAP_ITEM = "- **First-line:** Co-amoxiclav 1.2 g TDS IV **PLUS** clarithromycin 500 mg BD IV."
CAP_ZH_HEADING = "重症（CURB-65 3-5分，住院/ICU）"
CAP_ZH_ITEM = "- **一线：**阿莫西林克拉维酸1.2 g 每日三次静脉滴注，联合克拉霉素500 mg 每日两次静脉滴注。"


def cited(text: str, quote: str | None = None, *, section: str | None = None, language: str = "en"):
    """Evidence whose chunk is ``text`` and whose cited span is ``quote`` (default: all of it)."""
    ev = make_evidence(text, language=language)
    start = text.index(quote) if quote else 0
    end = start + len(quote) if quote else len(text)
    return ev.model_copy(update={"chunk": ev.chunk.model_copy(update={"section": section}),
                                 "span_start": start, "span_end": end})


def one(text: str, ev, **kw):
    [c] = verify([DraftSentence(text, [1])], [ev], **kw)
    return c


@pytest.fixture(scope="module")
def cap_en():
    text = f"### {CAP_HEADING}\n{CAP_ITEM}\n- **Alternative:** Ceftriaxone 2 g OD IV **PLUS** clarithromycin 500 mg BD IV."
    return cited(text, CAP_ITEM[2:], section=f"Pneumonia antibiotics > Regimens > {CAP_HEADING}")


@pytest.fixture(scope="module")
def cap_zh():
    text = f"### {CAP_ZH_HEADING}\n{CAP_ZH_ITEM}"
    return cited(text, CAP_ZH_ITEM[2:], section=f"社区获得性肺炎抗菌治疗 > 推荐方案 > {CAP_ZH_HEADING}", language="zh")


def test_cap_claim_dropping_the_heading_is_partial_and_names_it(cap_en):
    c = one("The first-line treatment for community-acquired pneumonia in adults is co-amoxiclav 1.2 g TDS IV "
            "plus clarithromycin 500 mg BD IV.", cap_en)
    assert c.support == "partial" and c.support_score < 0.5
    assert c.reasons[0] == f"drops the condition: {CAP_HEADING}"


@pytest.mark.parametrize("kept", [
    ("For high-severity pneumonia (CURB-65 3-5), first-line treatment is co-amoxiclav 1.2 g TDS IV plus "
     "clarithromycin 500 mg BD IV."),
    "In the ICU, co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV is first-line.",
    "Severe pneumonia: co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV first-line.",
])
def test_cap_claim_stating_the_condition_keeps_its_support(cap_en, kept):
    c = one(kept, cap_en)
    assert c.support == "supported", c.reasons
    assert not any("condition" in r for r in c.reasons)


def test_cap_chinese_claim_dropping_the_heading_is_partial(cap_zh):
    c = one("成人社区获得性肺炎的一线治疗是阿莫西林克拉维酸1.2 g每日三次静脉滴注，联合克拉霉素500 mg每日两次静脉滴注。", cap_zh)
    assert c.support == "partial"
    assert c.reasons[0] == f"遗漏了适用条件：{CAP_ZH_HEADING}"


@pytest.mark.parametrize("kept", [
    "重症社区获得性肺炎的一线治疗是阿莫西林克拉维酸1.2 g每日三次静脉滴注，联合克拉霉素500 mg每日两次静脉滴注。",
    "收住ICU的肺炎患者一线用阿莫西林克拉维酸1.2 g每日三次静脉滴注，联合克拉霉素500 mg每日两次静脉滴注。",
    "CURB-65评分3-5分时，一线治疗为阿莫西林克拉维酸1.2 g每日三次静脉滴注联合克拉霉素500 mg每日两次静脉滴注。",
])
def test_cap_chinese_claim_stating_the_condition_keeps_its_support(cap_zh, kept):
    assert one(kept, cap_zh).support == "supported"


def test_cap_chinese_claim_on_the_english_span_is_checked_across_languages(cap_en):
    dropped = conditions.check("成人肺炎的一线治疗是阿莫西林克拉维酸联合克拉霉素静脉滴注。", [cap_en])
    assert [c.text for c in dropped.dropped] == [CAP_HEADING]
    assert dropped.reasons("zh")[0] == "遗漏了适用条件：重症（CURB-65 3-5分，住院/ICU）"
    assert conditions.check("重症住院肺炎的一线治疗是阿莫西林克拉维酸联合克拉霉素静脉滴注。", [cap_en]).ok


def test_changing_the_condition_is_partial_and_says_what_changed(cap_en, cap_zh):
    c = one("For outpatients, co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV is first-line.", cap_en)
    assert c.support == "partial" and c.reasons[0].startswith("changes the condition: says 'outpatients'")
    z = one("门诊轻症患者一线用阿莫西林克拉维酸1.2 g每日三次静脉滴注，联合克拉霉素500 mg每日两次静脉滴注。", cap_zh)
    assert z.support == "partial" and z.reasons[0].startswith("改变了适用条件")
    lower = one("For CURB-65 0-1, co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV is first-line.", cap_en)
    assert lower.support in ("partial", "unsupported")


def test_the_question_and_the_sentence_before_count_as_stated(cap_en):
    claim = "Co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV is first-line."
    assert one(claim, cap_en, question="Which antibiotics for severe pneumonia in the ICU?").support == "supported"
    _, follow = verify([DraftSentence("In severe pneumonia, clarithromycin 500 mg BD IV is part of every regimen.", [1]),
                           DraftSentence(claim, [1])], [cap_en])
    assert follow.support == "supported"


def test_a_swapped_agent_or_a_generalisation_is_caught(cap_en, cap_zh):
    swapped = one("For severe pneumonia, co-amoxiclav 1.2 g TDS IV plus azithromycin 500 mg BD IV is first-line.", cap_en)
    assert swapped.support == "unsupported" and "azithromycin" in swapped.reasons[0]
    z = one("重症肺炎一线用阿莫西林克拉维酸1.2 g每日三次静脉滴注，联合阿奇霉素500 mg每日两次静脉滴注。", cap_zh)
    assert z.support == "unsupported" and "阿奇霉素" in z.reasons[0]
    broad = one("For severe pneumonia, co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV is always first-line.",
                cap_en)
    assert broad.support == "partial" and "always" in broad.reasons[0]


# (kind, evidence chunk, cited span or None, claim that drops the condition, claim that keeps it)
EN_CASES = [
    ("pregnancy", "Labetalol 200 mg orally twice daily is preferred for hypertension during pregnancy.", None,
     "Labetalol 200 mg orally twice daily is preferred for hypertension.",
     "In pregnancy, labetalol 200 mg orally twice daily is preferred for hypertension."),
    ("renal eGFR < 30", "Reduce the gabapentin dose to 300 mg daily when eGFR is below 30 mL/min.", None,
     "Reduce the gabapentin dose to 300 mg daily.",
     "If eGFR is below 30 mL/min, reduce gabapentin to 300 mg daily."),
    ("age", "### Adults aged 75 years or older\n- Start apixaban at 2.5 mg twice daily.", "Start apixaban at 2.5 mg twice daily.",
     "Start apixaban at 2.5 mg twice daily.",
     "For adults aged 75 years or older, start apixaban at 2.5 mg twice daily."),
    ("line of therapy", "- **Alternative:** fosfomycin 3 g as a single oral dose.", None,
     "Fosfomycin 3 g as a single oral dose.",
     "As an alternative, fosfomycin 3 g as a single oral dose."),
    ("severity score", "Thrombectomy is recommended for large-vessel occlusion with NIHSS 6 or more.", None,
     "Thrombectomy is recommended for large-vessel occlusion.",
     "With an NIHSS of 6 or more, thrombectomy is recommended for large-vessel occlusion."),
    ("setting", "## Intensive care unit\n- Give hydrocortisone 50 mg IV every 6 hours for septic shock.",
     "Give hydrocortisone 50 mg IV every 6 hours for septic shock.",
     "Give hydrocortisone 50 mg IV every 6 hours for septic shock.",
     "In intensive care, give hydrocortisone 50 mg IV every 6 hours for septic shock."),
    ("contraindication", "Nitrofurantoin is contraindicated in patients with an eGFR below 45.", None,
     "Nitrofurantoin is contraindicated.",
     "Nitrofurantoin is contraindicated when eGFR is below 45."),
    ("duration", "Ketorolac can be given for acute postoperative pain for no more than 5 days.", None,
     "Ketorolac can be given for acute postoperative pain.",
     "Ketorolac can be given for acute postoperative pain, for at most 5 days."),
    ("unless", "Aspirin is not advised for primary prevention unless cardiovascular risk is high.", None,
     "Aspirin is not advised for primary prevention.",
     "Aspirin is not advised for primary prevention unless the cardiovascular risk is high."),
    ("children", "### Children\n- Amoxicillin 40 mg/kg/day orally in two divided doses.", "Amoxicillin 40 mg/kg/day orally in two divided doses.",
     "Amoxicillin 40 mg/kg/day orally in two divided doses.",
     "For children, amoxicillin 40 mg/kg/day orally in two divided doses."),
    ("hepatic", "Halve the starting dose of morphine in hepatic impairment.", None,
     "Halve the starting dose of morphine.",
     "In liver failure, halve the starting dose of morphine."),
    ("allergy", "- **Penicillin allergy:** clindamycin 300 mg four times daily for cellulitis.", None,
     "Clindamycin 300 mg four times daily for cellulitis.",
     "For penicillin-allergic patients, clindamycin 300 mg four times daily for cellulitis."),
    ("lactation", "During breastfeeding, sertraline is the preferred antidepressant.", None,
     "Sertraline is the preferred antidepressant.",
     "Sertraline is the preferred antidepressant for breastfeeding women."),
    ("if", "If the patient is haemodynamically unstable, perform immediate cardioversion.", None,
     "Perform immediate cardioversion.",
     "Perform immediate cardioversion if the patient is haemodynamically unstable."),
    ("outpatient", "## Outpatients without comorbidities\n- Doxycycline 100 mg orally twice daily.",
     "Doxycycline 100 mg orally twice daily.",
     "Doxycycline 100 mg orally twice daily is appropriate.",
     "Outpatients without comorbidities may take doxycycline 100 mg orally twice daily."),
]

ZH_CASES = [
    ("妊娠", "妊娠期高血压首选拉贝洛尔口服，每次100毫克，每日2次。", None,
     "高血压首选拉贝洛尔口服，每次100毫克，每日2次。", "孕妇高血压首选拉贝洛尔口服，每次100毫克，每日2次。"),
    ("肾功能 eGFR<30", "eGFR<30 ml/min时，二甲双胍应停用。", None,
     "二甲双胍应停用。", "当eGFR低于30 ml/min时，应停用二甲双胍。"),
    ("年龄", "### 65岁及以上患者\n- 氨氯地平起始剂量为每日2.5毫克。", "氨氯地平起始剂量为每日2.5毫克。",
     "氨氯地平起始剂量为每日2.5毫克。", "65岁及以上患者氨氯地平起始剂量为每日2.5毫克。"),
    ("治疗线", "- **二线：**加用恩格列净10毫克，每日1次。", None,
     "加用恩格列净10毫克，每日1次。", "作为二线治疗，加用恩格列净10毫克，每日1次。"),
    ("严重程度评分", "CURB-65评分0-1分者，口服阿莫西林0.5克，每日3次。", None,
     "口服阿莫西林0.5克，每日3次。", "CURB-65评分为0-1分时，口服阿莫西林0.5克，每日3次。"),
    ("场所", "### 重症监护病房\n- 去甲肾上腺素为首选血管活性药物。", "去甲肾上腺素为首选血管活性药物。",
     "去甲肾上腺素为首选血管活性药物。", "在ICU中，去甲肾上腺素为首选血管活性药物。"),
    ("禁忌", "严重肝功能不全者禁用对乙酰氨基酚。", None,
     "禁用对乙酰氨基酚。", "严重肝功能不全的患者禁用对乙酰氨基酚。"),
    ("疗程", "左氧氟沙星每日500毫克，疗程不超过10天。", None,
     "左氧氟沙星每日500毫克。", "左氧氟沙星每日500毫克，最长10天。"),
    ("除非", "除非有禁忌，急性心梗患者均应尽早服用阿司匹林。", None,
     "急性心梗患者均应尽早服用阿司匹林。", "急性心梗患者均应尽早服用阿司匹林，除非有禁忌。"),
    ("儿童", "### 儿童\n- 布洛芬每次10 mg/kg，每6小时1次。", "布洛芬每次10 mg/kg，每6小时1次。",
     "布洛芬每次10 mg/kg，每6小时1次。", "儿童布洛芬每次10 mg/kg，每6小时1次。"),
    ("青霉素过敏", "- 青霉素过敏者：克林霉素300毫克，每日4次。", None,
     "克林霉素300毫克，每日4次。", "对青霉素过敏的患者可用克林霉素300毫克，每日4次。"),
    ("哺乳期", "哺乳期抑郁首选舍曲林。", None,
     "抑郁首选舍曲林。", "哺乳期女性的抑郁首选舍曲林。"),
    ("若", "若血流动力学不稳定，应立即行电复律。", None,
     "应立即行电复律。", "血流动力学不稳定时应立即行电复律。"),
    ("门诊", "### 门诊无基础疾病患者\n- 多西环素100毫克口服，每日2次。", "多西环素100毫克口服，每日2次。",
     "多西环素100毫克口服，每日2次。", "无基础疾病的门诊患者可口服多西环素100毫克，每日2次。"),
]


@pytest.mark.parametrize("kind,text,quote,dropped,kept", EN_CASES + ZH_CASES, ids=[c[0] for c in EN_CASES + ZH_CASES])
def test_dropped_condition_is_partial_and_kept_condition_is_supported(kind, text, quote, dropped, kept):
    lang = "zh" if kind[0] > "\u2e80" else "en"
    ev = cited(text, quote, language=lang)
    bad, good = one(dropped, ev), one(kept, ev)
    assert bad.support == "partial", (kind, bad.reasons)
    assert bad.reasons[0].startswith("遗漏了适用条件：" if lang == "zh" else "drops the condition: ")
    assert good.support == "supported", (kind, good.reasons)


def test_extractive_answer_states_a_condition_only_a_heading_gives(cap_en):
    draft = compose.extractive(query_terms("first-line antibiotics for pneumonia"), [cap_en])
    assert draft.sentences[0].text.startswith("For high severity (CURB-65 3-5, inpatient/ICU): First-line:")
    [claim] = verify(draft.sentences[:1], [cap_en])
    assert claim.support == "supported"
    zh = compose.extractive(query_terms("first-line antibiotics for pneumonia"), [cap_en], lang="zh")
    assert zh.sentences[0].text.startswith("对于重症（CURB-65 3-5分，住院/ICU）患者：")


def test_extractive_answer_is_organised_by_subgroup():
    low = cited("## Mild croup\n- Give dexamethasone 0.15 mg/kg orally once.", "Give dexamethasone 0.15 mg/kg orally once.")
    severe = cited("## Severe croup\n- Give nebulised adrenaline and dexamethasone 0.6 mg/kg.",
                   "Give nebulised adrenaline and dexamethasone 0.6 mg/kg.")
    also_low = cited("## Mild croup\n- Oral prednisolone 1 mg/kg is an alternative to dexamethasone.",
                     "Oral prednisolone 1 mg/kg is an alternative to dexamethasone.")
    draft = compose.extractive(query_terms("dexamethasone dose for croup"), [low, severe, also_low])
    texts = [s.text for s in draft.sentences]
    assert [t.split(":")[0] for t in texts] == ["For mild croup", "For mild croup", "For severe croup"]
    assert [s.cites for s in draft.sentences] == [[1], [3], [2]]


def test_generate_prompt_shows_the_headings_and_asks_for_conditions(cap_en):
    system, user = answer_messages("First-line antibiotics for pneumonia?", [cap_en], "en")
    assert f"Section: Pneumonia antibiotics > Regimens > {CAP_HEADING}" in user.content
    assert "state that condition" in system.content
    zh_system, _ = answer_messages("肺炎一线用什么抗生素？", [cap_en], "zh")
    assert "写明该条件" in zh_system.content


@pytest.mark.parametrize("sentence,lang,fixture", [
    ("Adults with pneumonia should get co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV.", "en", "cap_en"),
    ("肺炎成人患者应使用阿莫西林克拉维酸1.2 g 每日三次静脉滴注，联合克拉霉素500 mg 每日两次静脉滴注。", "zh", "cap_zh"),
])
def test_a_generated_sentence_that_drops_its_heading_condition_is_restated_with_it(sentence, lang, fixture, request):
    """The model was asked to state the subgroup and did not: the condition its cited heading names
    is put in front of the sentence, and the restated sentence is then supported."""
    ev = request.getfixturevalue(fixture)
    assert one(sentence, ev).support == "partial"
    draft = compose.Draft(mode="generate", sentences=[DraftSentence(sentence, [1])])
    assert compose.restore_conditions(draft, [ev], lang) == 1
    restated = draft.sentences[0].text
    assert restated.endswith(sentence) and restated != sentence
    assert one(restated, ev).support == "supported"


def test_a_sentence_that_changes_a_condition_is_not_restated(cap_en):
    wrong = "For mild pneumonia (CURB-65 0-1), give co-amoxiclav 1.2 g TDS IV plus clarithromycin 500 mg BD IV."
    draft = compose.Draft(mode="generate", sentences=[DraftSentence(wrong, [1])])
    assert compose.restore_conditions(draft, [cap_en], "en") == 0 and draft.sentences[0].text == wrong
